/// <reference path="./paged.d.ts" />
/**
 * No 孤字: a paragraph must not end with a line that holds a single
 * character (with or without punctuation). As a typesetter would, the
 * character before it is pulled down onto the last line — the line before
 * gives up one character and stays justified, the paragraph keeps its line
 * count, so nothing else in the column moves and the text is unchanged.
 */
import { type BreakPosition, blockAround } from './break-position.js';
import { isSplitToNextPage, pageContent } from './paged-adapter.js';
import { isHan, lastLine, letterBefore, lettersAfter } from './text-lines.js';

/** Blocks of running text whose last line is a paragraph's last line. */
const TEXT_BLOCKS = 'p, li, dd, dt, blockquote, figcaption';
const BLOCK_CHILDREN = 'p, li, ul, ol, dl, div, blockquote, pre, table, figure, section, article, header';

function isTextBlock(element: Element): boolean {
  return element.matches(TEXT_BLOCKS) && element.querySelector(BLOCK_CHILDREN) === null;
}

/** A block whose last line holds one character, and the line's text. */
export function loneCharacterLine(block: Element): string | undefined {
  const line = lastLine(block, 1);
  return line && line.letters === 1 && isHan(line.text) ? line.text : undefined;
}

export type PullDownResult = 'fixed' | 'unfixable' | undefined;

/**
 * Keeps the last two characters of `block` on one line when its last line
 * holds one. The change is checked on the laid-out line and undone if it did
 * not help or if it changed the paragraph's height.
 */
export function pullDownLoneCharacter(block: Element): PullDownResult {
  const line = lastLine(block, 1);
  if (line?.letters !== 1 || !isHan(line.text)) return undefined;
  // A one-line fragment continues a paragraph from the column before: the
  // column break is where that is prevented (see `keepLoneCharacterOffColumnTop`).
  if (!line.hasPreviousLine) return 'unfixable';
  const from = letterBefore(block, { container: line.start.node, offset: line.start.offset });
  if (!from) return 'unfixable';
  const original = block.cloneNode(true);
  const height = block.getBoundingClientRect().height;
  const tail = document.createRange();
  tail.setStart(from.node, from.offset);
  tail.setEnd(block, block.childNodes.length);
  const keep = document.createElement('span');
  keep.className = 'banmian-keep';
  keep.style.whiteSpace = 'nowrap';
  keep.append(tail.extractContents());
  tail.insertNode(keep);
  const after = lastLine(block, 1);
  if (after && after.letters >= 2 && Math.abs(block.getBoundingClientRect().height - height) < 0.5) return 'fixed';
  block.replaceWith(original);
  return 'unfixable';
}

/** Lone-character lines in a laid-out area, each as "…text". */
export function loneCharacterLines(area: Element): string[] {
  const found: string[] = [];
  for (const block of area.querySelectorAll(TEXT_BLOCKS)) {
    if (isSplitToNextPage(block) || !isTextBlock(block)) continue;
    const line = loneCharacterLine(block);
    if (line) found.push(`${(block.textContent ?? '').trim().slice(-12, -line.length)}|${line}`);
  }
  return found;
}

/**
 * A column break that would leave a paragraph's single last character alone
 * at the top of the next column moves back one character, so two go over.
 */
export function keepLoneCharacterOffColumnTop(position: BreakPosition, rendered: Element): BreakPosition | undefined {
  const block = blockAround(position, rendered);
  if (!block || !isTextBlock(block)) return undefined;
  const remaining = lettersAfter(block, position, 1);
  if (remaining !== 1) return undefined;
  const from = letterBefore(block, position);
  return from && { container: from.node, offset: from.offset };
}

/** Paged.js handler: after each column is laid out, pull down lone last characters. */
export class LoneCharacters extends Paged.Handler {
  afterPageLayout(pageElement: HTMLElement): void {
    const area = pageContent(pageElement);
    if (!area) return;
    for (const block of [...area.querySelectorAll(TEXT_BLOCKS)]) {
      // A block split to the next column does not end here.
      if (isSplitToNextPage(block) || !isTextBlock(block)) continue;
      pullDownLoneCharacter(block);
    }
  }
}
