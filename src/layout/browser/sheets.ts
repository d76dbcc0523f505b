import type { SheetGeometry } from './geometry.js';

/**
 * Composes the column-sized pages Paged.js laid out into newspaper sheets:
 * `geometry.columns` pages side by side per sheet, the headline group across
 * them at the top of the first sheet, a rule in each gutter, and the
 * template's repeated sheet parts (running head, folio) on every sheet.
 */
export interface SheetParts {
  headline: HTMLElement | undefined;
  headlineHeight: number;
  /** Template elements marked `data-sheet`, cloned onto every sheet. */
  repeated: HTMLElement[];
  /** How far the balanced columns of the last sheet reach, if they were balanced. */
  balancedHeight?: number | undefined;
}

export function composeSheets(columnPages: HTMLElement[], geometry: SheetGeometry, parts: SheetParts): HTMLElement[] {
  const container = document.createElement('div');
  container.className = 'banmian-sheets';
  const sheetCount = Math.max(1, Math.ceil(columnPages.length / geometry.columns));
  const sheets: HTMLElement[] = [];
  const firstPage = firstPageNumber();
  for (let s = 0; s < sheetCount; s++) {
    const sheet = document.createElement('section');
    // The sheet is the printed page, and is what `.pagedjs_page` names from
    // here on (a preview or a test counting pages finds the PDF's pages); the
    // Paged.js pages it holds become plain columns.
    sheet.className = 'banmian-sheet pagedjs_page';
    sheet.dataset.sheet = String(s + 1);
    sheet.style.width = `${geometry.mediaWidth}px`;
    sheet.style.height = `${geometry.mediaHeight}px`;
    // The trimmed page, on a larger sheet when there is bleed or there are marks.
    const trim = document.createElement('div');
    trim.className = 'banmian-trim';
    Object.assign(trim.style, {
      left: `${geometry.trimOffset}px`,
      top: `${geometry.trimOffset}px`,
      width: `${geometry.width}px`,
      height: `${geometry.height}px`,
    });
    sheet.append(trim, ...printerMarks(geometry));

    for (const part of parts.repeated) {
      const copy = part.cloneNode(true) as HTMLElement;
      fillFields(copy, { page: String(firstPage + s), pages: String(sheetCount) });
      trim.append(copy);
    }

    const area = document.createElement('div');
    area.className = 'banmian-sheet-area';
    Object.assign(area.style, {
      left: `${geometry.marginLeft}px`,
      top: `${geometry.marginTop}px`,
      width: `${geometry.width - geometry.marginLeft - geometry.marginRight}px`,
      height: `${geometry.columnHeight}px`,
    });
    const top = s === 0 ? parts.headlineHeight : 0;
    const bottom =
      s === sheetCount - 1 && parts.balancedHeight !== undefined ? parts.balancedHeight : geometry.columnHeight;
    if (s === 0 && parts.headline) area.append(parts.headline);
    const columns = document.createElement('div');
    columns.className = 'banmian-columns';

    for (let c = 0; c < geometry.columns; c++) {
      const left = c * (geometry.columnWidth + geometry.gap);
      if (c > 0) {
        const rule = document.createElement('div');
        rule.className = 'banmian-column-rule';
        Object.assign(rule.style, {
          left: `${left - geometry.gap / 2}px`,
          top: `${top}px`,
          height: `${bottom - top}px`,
        });
        area.append(rule);
      }
      const page = columnPages[s * geometry.columns + c];
      if (!page) continue;
      page.classList.replace('pagedjs_page', 'banmian-column');
      removeEmptyPageParts(page);
      page.style.left = `${left}px`;
      columns.append(page);
      // Out of Paged.js's container its nth-child rule no longer applies: keep the offset.
      if (top > 0) page.style.setProperty('--pagedjs-margin-top', `${top}px`);
    }
    area.append(columns);
    trim.append(area);
    container.append(sheet);
    sheets.push(sheet);
  }
  document.body.append(container);
  return sheets;
}

/**
 * Paged.js builds every page with bleed boxes, printer's marks and sixteen
 * margin boxes. A column keeps only its area and the margin boxes that have
 * content: banmian draws the sheet's bleed and marks itself, and the rest are
 * some sixty empty elements per column that the browser would lay out and
 * carry through printing (most of the elements of a long edition). They go in
 * one replacement per parent: removing elements one by one costs a walk over
 * every live Range of the document each (a layout leaves thousands until they
 * are collected), seconds in all on a long edition.
 */
function removeEmptyPageParts(page: HTMLElement): void {
  const sheet = page.querySelector(':scope > .pagedjs_sheet');
  const pagebox = sheet?.querySelector(':scope > .pagedjs_pagebox');
  if (!sheet || !pagebox) return;
  sheet.replaceChildren(pagebox);
  pagebox.replaceChildren(
    ...[...pagebox.children].filter(
      (part) => part.classList.contains('pagedjs_area') || part.querySelector('.hasContent'),
    ),
  );
}

/**
 * Crop marks at the corners and registration crosses at the middle of each
 * side, in the room outside the bleed (`--marks crop,cross`).
 */
function printerMarks(geometry: SheetGeometry): HTMLElement[] {
  const marks: HTMLElement[] = [];
  const { trimOffset: o, bleed, width, height } = geometry;
  const gap = bleed + 3; // marks start clear of the bleed
  const length = o - gap - 2;
  const line = (left: number, top: number, w: number, h: number) => {
    const mark = document.createElement('div');
    mark.className = 'banmian-mark';
    Object.assign(mark.style, { left: `${left}px`, top: `${top}px`, width: `${w}px`, height: `${h}px` });
    marks.push(mark);
  };
  if (geometry.marks.includes('crop') && length > 0) {
    for (const x of [o, o + width]) {
      for (const y of [o, o + height]) {
        const outward = { x: x === o ? -1 : 1, y: y === o ? -1 : 1 };
        line(outward.x < 0 ? x - gap - length : x + gap, y, length, 0); // horizontal, on the trim line
        line(x, outward.y < 0 ? y - gap - length : y + gap, 0, length); // vertical
      }
    }
  }
  if (geometry.marks.includes('cross') && length > 0) {
    const size = Math.min(length, 20);
    const centres = [
      [o + width / 2, o - gap - size / 2],
      [o + width / 2, o + height + gap + size / 2],
      [o - gap - size / 2, o + height / 2],
      [o + width + gap + size / 2, o + height / 2],
    ] as const;
    for (const [x, y] of centres) {
      line(x - size / 2, y, size, 0);
      line(x, y - size / 2, 0, size);
      const ring = document.createElement('div');
      ring.className = 'banmian-mark banmian-mark-ring';
      Object.assign(ring.style, {
        left: `${x - size / 4}px`,
        top: `${y - size / 4}px`,
        width: `${size / 2}px`,
        height: `${size / 2}px`,
      });
      marks.push(ring);
    }
  }
  return marks;
}

/**
 * The number printed on the first sheet (版次): the front matter's `page`,
 * which the template step puts on `<html data-first-page>`; the following
 * sheets count on from it. `pages` stays the number of sheets.
 */
export function firstPageNumber(root: HTMLElement = document.documentElement): number {
  const page = Number(root.dataset.firstPage);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

function fillFields(element: HTMLElement, values: Record<string, string>): void {
  for (const field of element.querySelectorAll<HTMLElement>('[data-field]')) {
    const value = values[field.dataset.field ?? ''];
    if (value !== undefined) field.textContent = value;
  }
}

/**
 * Paged.js's rules for the two parts of an element split across pages (no
 * indent or top margin on the continuation…), which it scopes to
 * `.pagedjs_pages > .pagedjs_page`: the same rules for the composed columns,
 * so they print exactly as Paged.js measured them.
 */
function splitElementCss(area: string): string {
  return `
${area} [data-split-to] { margin-bottom: unset; padding-bottom: unset; }
${area} [data-split-from] { text-indent: unset; margin-top: unset; padding-top: unset; initial-letter: unset; }
${area} [data-split-from] > *::first-letter, ${area} [data-split-from]::first-letter { color: unset; font-size: unset;
  font-weight: unset; font-family: unset; line-height: unset; float: unset; padding: unset; margin: unset; }
${area} [data-split-to]:not([data-footnote-call])::after { content: unset; }
${area} [data-split-from]:not([data-footnote-call])::before { content: unset; }
${area} li[data-split-from]:first-of-type { list-style: none; }`;
}

/** Print rules for the composed sheets; they must come after Paged.js's own. */
export function sheetPrintCss(geometry: SheetGeometry): string {
  return `
@page { size: ${geometry.mediaWidth}px ${geometry.mediaHeight}px; margin: 0; }
html body { margin: 0 !important; padding: 0 !important; width: auto !important; height: auto !important;
  min-height: 0 !important; max-height: none !important; min-width: 0 !important; max-width: none !important; }
.banmian-sheet.pagedjs_page { position: relative; overflow: hidden; break-after: page; page-break-after: always;
  box-sizing: border-box; margin: 0; padding: 0; height: ${geometry.mediaHeight}px !important;
  min-height: 0; max-height: none; counter-increment: none; }
.banmian-sheet.pagedjs_page:last-child { break-after: auto; page-break-after: auto; }
.banmian-trim { position: absolute; overflow: hidden; ${geometry.bleed > 0 ? `overflow: visible; clip-path: inset(-${geometry.bleed}px);` : ''} }
.banmian-mark { position: absolute; box-sizing: content-box; border: 0 solid #000; border-width: 0.25pt 0 0 0.25pt; }
.banmian-mark-ring { border: 0.25pt solid #000; border-radius: 50%; box-sizing: border-box; }
.banmian-sheet-area { position: absolute; }
.banmian-sheet-area > [data-slot="headline"] { position: absolute; top: 0; left: 0; right: 0; }
.banmian-columns { position: absolute; inset: 0; }
.banmian-column-rule { position: absolute; width: 0; border-left: var(--column-rule, none); }
.banmian-column { position: absolute; top: 0; margin: 0; width: var(--pagedjs-width); height: var(--pagedjs-height); }
${splitElementCss('.banmian-column > .pagedjs_sheet > .pagedjs_pagebox > .pagedjs_area > div')}
@media screen {
  .banmian-sheets { display: flex; flex-direction: column; align-items: center; gap: 24px; padding: 24px 0; }
  .banmian-sheet { background: white; box-shadow: 0 1px 6px rgb(0 0 0 / 0.3); break-after: auto; }
}
`;
}
