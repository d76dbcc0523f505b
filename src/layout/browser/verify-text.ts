/**
 * Layout step 5: the text is checked on the composed sheets, the layout that prints. All of the
 * source's text must be in the columns, in order, and every line of it inside its column: a build
 * whose text would not all print fails. What printed but not as asked (a picture scaled down, a
 * paragraph ending in a lone character) is a warning.
 */
import { type LayoutWarning, layoutWarning } from './layout-report.js';
import { loneCharacterLines } from './lone-characters.js';
import { pageContent } from './paged-adapter.js';

/** The text of `node` without white space: what must reach the columns. */
export function visibleText(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, '');
}

/** Where `laidOut` first differs from `source`, if it does. */
export function firstDifference(source: string, laidOut: string): string | undefined {
  if (source === laidOut) return undefined;
  let i = 0;
  while (i < source.length && i < laidOut.length && source[i] === laidOut[i]) i++;
  return `at character ${i}: source "${source.slice(i, i + 24)}" but laid out "${laidOut.slice(i, i + 24)}"`;
}

/** The laid-out columns' text, compared with the source's; throws if any of it would print outside its column. */
export function verifyText(
  columnPages: HTMLElement[],
  sourceText: string,
): { laidOut: number; mismatch: string | undefined } {
  const laidOutText = columnPages.map((page) => visibleText(pageContent(page) ?? page)).join('');
  const hidden = columnPages.flatMap((page, index) => textOutsideArea(page, index + 1));
  if (hidden.length > 0) throw new Error(`Text fell outside its column: ${hidden.slice(0, 3).join('; ')}`);
  return { laidOut: laidOutText.length, mismatch: firstDifference(sourceText, laidOutText) };
}

/** Pictures shown smaller than their shape asks (styles: max-height), and paragraphs ending in one character. */
export function printedWarnings(sheets: HTMLElement[]): LayoutWarning[] {
  const warnings: LayoutWarning[] = [];
  for (const sheet of sheets) {
    const where = { sheet: Number(sheet.dataset.sheet) };
    for (const image of sheet.querySelectorAll<HTMLImageElement>('img')) {
      const box = image.getBoundingClientRect();
      if (
        image.naturalWidth > 0 &&
        box.width > 0 &&
        box.height + 1 < (box.width * image.naturalHeight) / image.naturalWidth
      ) {
        const reason = `an image taller than a column was scaled to fit: ${image.getAttribute('src') ?? ''}`;
        warnings.push(layoutWarning('image-scaled', reason, where));
      }
    }
  }
  // The lone-character handler checks each change it makes; this finds what it could not fix.
  for (const sheet of sheets) {
    for (const line of loneCharacterLines(sheet)) {
      const reason = `page ${sheet.dataset.sheet}: a paragraph ends with a line of one character: "${line}"`;
      warnings.push(layoutWarning('lone-character', reason, { sheet: Number(sheet.dataset.sheet) }));
    }
  }
  return warnings;
}

/**
 * Text that Paged.js placed on a page but the browser drew outside the page
 * area (and so would not print): the proof that no text is lost, read from
 * the boxes of the laid-out lines rather than from the DOM's text.
 */
export function textOutsideArea(page: HTMLElement, pageNumber: number): string[] {
  const area = pageContent(page);
  if (!area) return [];
  const bounds = area.getBoundingClientRect();
  const found: string[] = [];
  const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const first = text.search(/\S/);
    if (first < 0) continue;
    // Only the printing characters: white space left at a break (a code block's
    // trailing newline and indent) may sit past the column and prints nothing.
    range.setStart(node, first);
    range.setEnd(node, text.trimEnd().length);
    const overflow = overflowOf(range, bounds, lineHeightOf(node));
    if (overflow > 1)
      found.push(`column ${pageNumber}, ${Math.round(overflow)} px out: "${text.trim().slice(0, 20)}…"`);
  }
  return found;
}

/** How far the first box of `range` that lies outside `bounds` reaches out, or 0. */
function overflowOf(range: Range, bounds: DOMRect, lineHeight: number): number {
  for (const rect of range.getClientRects()) {
    if (rect.width === 0) continue;
    // A glyph box taller than its line (a title set solid) reaches past the line box by half the
    // difference; the line box is what must lie in the column (as at the top of a balanced column).
    const excess = Math.max(0, (rect.height - lineHeight) / 2);
    const overflow = Math.max(
      rect.right - bounds.right,
      rect.bottom - excess - bounds.bottom,
      bounds.left - rect.left,
      bounds.top - (rect.top + excess),
    );
    if (overflow > 1) return overflow;
  }
  return 0;
}

/** The line height of a text node's lines, to tell a glyph box reaching past its line from a line outside. */
function lineHeightOf(node: Node): number {
  const parent = node.parentElement;
  const height = parent ? Number.parseFloat(getComputedStyle(parent).lineHeight) : Number.NaN;
  return Number.isFinite(height) ? height : Number.POSITIVE_INFINITY;
}
