/**
 * Layout step 4: composes the column-sized pages Paged.js laid out into newspaper sheets:
 * `geometry.columns` pages side by side per sheet, the sheet's bands (the headline group…) above or
 * below the columns they span, a rule in each gutter, and the template's repeated sheet parts (running
 * head, folio) on every sheet.
 */
import { type Band, bandBox, gutterSpace, type Reserved, reservedSpace } from './bands.js';
import { COLUMN_TEXT_BOTTOM_ATTRIBUTE, COLUMN_TEXT_TOP_ATTRIBUTE } from './contract.js';
import type { SheetGeometry } from './geometry.js';
import {
  PAGE_CLASS,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  removeEmptyPageParts,
  reservePageSpace,
  splitElementCss,
} from './paged-adapter.js';
import { printerMarks } from './printer-marks.js';

export interface SheetParts {
  bands: readonly Band[];
  /** Template elements marked `data-sheet`, cloned onto every sheet. */
  repeated: HTMLElement[];
  /** How far the balanced columns of the last sheet reach, if they were balanced. */
  balancedHeight?: number | undefined;
}

export function composeSheets(columnPages: HTMLElement[], geometry: SheetGeometry, parts: SheetParts): HTMLElement[] {
  const container = document.createElement('div');
  container.className = 'banmian-sheets';
  // A band is never left out, even on a sheet past the text (a float that found no room before it).
  const lastBanded = Math.max(-1, ...parts.bands.map((band) => band.sheet));
  const textSheets = Math.max(1, Math.ceil(columnPages.length / geometry.columns));
  const sheetCount = Math.max(textSheets, lastBanded + 1);
  const firstPage = firstPageNumber();
  const sheets: HTMLElement[] = [];
  for (let s = 0; s < sheetCount; s++) {
    const { sheet, trim } = newSheet(geometry, s);
    for (const part of parts.repeated) {
      const copy = part.cloneNode(true) as HTMLElement;
      fillFields(copy, { page: String(firstPage + s), pages: String(sheetCount) });
      trim.append(copy);
    }
    const area = sheetArea(geometry);
    const balancedHeight = s === textSheets - 1 ? parts.balancedHeight : undefined;
    const foot = footOfBands(parts.bands, s, geometry, balancedHeight);
    for (const band of parts.bands) if (band.sheet === s) area.append(placed(band, parts.bands, geometry, foot));
    const columns = document.createElement('div');
    columns.className = 'banmian-columns';
    for (let c = 0; c < geometry.columns; c++) {
      const left = c * (geometry.columnWidth + geometry.gap);
      if (c > 0)
        area.append(gutterRule(left - geometry.gap / 2, gutterSpace(parts.bands, s, c), geometry, balancedHeight));
      const page = columnPages[s * geometry.columns + c];
      if (page) columns.append(asColumn(page, left, reservedSpace(parts.bands, s, c)));
    }
    area.append(columns);
    trim.append(area);
    container.append(sheet);
    sheets.push(sheet);
  }
  document.body.append(container);
  return sheets;
}

/** A printed page, and the trimmed page on it (on a larger sheet when there is bleed or there are marks). */
function newSheet(geometry: SheetGeometry, index: number): { sheet: HTMLElement; trim: HTMLElement } {
  const sheet = document.createElement('section');
  // The sheet is the printed page, and is what Paged.js's page class names from here on (a preview or
  // a test counting pages finds the PDF's pages); the Paged.js pages it holds become plain columns.
  sheet.className = `banmian-sheet ${PAGE_CLASS}`;
  sheet.dataset.sheet = String(index + 1);
  sheet.style.width = `${geometry.mediaWidth}px`;
  sheet.style.height = `${geometry.mediaHeight}px`;
  const trim = document.createElement('div');
  trim.className = 'banmian-trim';
  Object.assign(trim.style, {
    left: `${geometry.trimOffset}px`,
    top: `${geometry.trimOffset}px`,
    width: `${geometry.width}px`,
    height: `${geometry.height}px`,
  });
  sheet.append(trim, ...printerMarks(geometry));
  return { sheet, trim };
}

/** The sheet area inside the margins, which holds the bands and the columns. */
function sheetArea(geometry: SheetGeometry): HTMLElement {
  const area = document.createElement('div');
  area.className = 'banmian-sheet-area';
  Object.assign(area.style, {
    left: `${geometry.marginLeft}px`,
    top: `${geometry.marginTop}px`,
    width: `${geometry.width - geometry.marginLeft - geometry.marginRight}px`,
    height: `${geometry.columnHeight}px`,
  });
  return area;
}

/**
 * Where the bands at the foot of sheet `sheet` end: the foot of the sheet area, but on the balanced last
 * sheet right under its columns' text, so that no empty column is left above them.
 */
function footOfBands(bands: readonly Band[], sheet: number, geometry: SheetGeometry, balancedHeight?: number) {
  if (balancedHeight === undefined) return geometry.columnHeight;
  const { bottom } = reservedSpace(bands, sheet, 0);
  return Math.min(geometry.columnHeight, balancedHeight + bottom);
}

function placed(band: Band, bands: readonly Band[], geometry: SheetGeometry, foot: number): HTMLElement {
  const box = bandBox(bands, band, geometry, foot);
  band.element.classList.add('banmian-band');
  Object.assign(band.element.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px` });
  return band.element;
}

/** The rule in a gutter, between the bands across it; on the balanced last sheet only as long as its columns. */
function gutterRule(left: number, space: Reserved, geometry: SheetGeometry, balancedHeight: number | undefined) {
  const bottom = balancedHeight ?? geometry.columnHeight - space.bottom;
  const rule = document.createElement('div');
  rule.className = 'banmian-column-rule';
  Object.assign(rule.style, { left: `${left}px`, top: `${space.top}px`, height: `${bottom - space.top}px` });
  return rule;
}

/** A Paged.js page made a column of the sheet, at `left`, keeping the space its bands take. */
function asColumn(page: HTMLElement, left: number, space: Reserved): HTMLElement {
  page.classList.replace(PAGE_CLASS, 'banmian-column');
  removeEmptyPageParts(page);
  page.style.left = `${left}px`;
  // Out of Paged.js's container the rules that kept that space no longer apply.
  reservePageSpace(page, space.top, space.bottom);
  page.setAttribute(COLUMN_TEXT_TOP_ATTRIBUTE, String(space.top));
  page.setAttribute(COLUMN_TEXT_BOTTOM_ATTRIBUTE, String(space.bottom));
  return page;
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

/** Print rules for the composed sheets; they must come after Paged.js's own. */
export function sheetPrintCss(geometry: SheetGeometry): string {
  return `
@page { size: ${geometry.mediaWidth}px ${geometry.mediaHeight}px; margin: 0; }
html body { margin: 0 !important; padding: 0 !important; width: auto !important; height: auto !important;
  min-height: 0 !important; max-height: none !important; min-width: 0 !important; max-width: none !important; }
.banmian-sheet.${PAGE_CLASS} { position: relative; overflow: hidden; break-after: page; page-break-after: always;
  box-sizing: border-box; margin: 0; padding: 0; height: ${geometry.mediaHeight}px !important;
  min-height: 0; max-height: none; counter-increment: none; }
.banmian-sheet.${PAGE_CLASS}:last-child { break-after: auto; page-break-after: auto; }
.banmian-trim { position: absolute; overflow: hidden; ${geometry.bleed > 0 ? `overflow: visible; clip-path: inset(-${geometry.bleed}px);` : ''} }
.banmian-mark { position: absolute; box-sizing: content-box; border: 0 solid #000; border-width: 0.25pt 0 0 0.25pt; }
.banmian-mark-ring { border: 0.25pt solid #000; border-radius: 50%; box-sizing: border-box; }
.banmian-sheet-area { position: absolute; }
.banmian-band { position: absolute; }
.banmian-columns { position: absolute; inset: 0; }
.banmian-column-rule { position: absolute; width: 0; border-left: var(--column-rule, none); }
.banmian-column { position: absolute; top: 0; margin: 0; width: ${PAGE_WIDTH}; height: ${PAGE_HEIGHT}; }
${splitElementCss('.banmian-column')}
@media screen {
  .banmian-sheets { display: flex; flex-direction: column; align-items: center; gap: 24px; padding: 24px 0; }
  .banmian-sheet { background: white; box-shadow: 0 1px 6px rgb(0 0 0 / 0.3); break-after: auto; }
}
`;
}
