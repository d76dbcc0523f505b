/**
 * Layout step 3: the last sheet's columns end level, as on a newspaper page. Paged.js fills columns one
 * after the other, so the last sheet would have full columns and a short one. Its columns are joined
 * back into one flow and set again by the browser's own multi-column layout at the lowest height that
 * holds them, under the same rules (headings kept with two lines of text, no single line left alone,
 * table rows and pictures whole), in the space its bands leave; then levelled (level-columns.ts).
 * Whatever cannot be done is said in a warning, never left silently.
 */
import { type Band, sheetSpace } from './bands.js';
import type { SheetGeometry } from './geometry.js';
import { levelColumns } from './level-columns.js';
import { type ColumnOf, type LineGrid, removeGridSpace, snapToLineGrid } from './line-grid.js';
import { appendContinuation, pageContent, pageFlow, reservePageSpace, setPageWidth } from './paged-adapter.js';

export interface BalanceResult {
  /** The column pages, the last sheet's replaced by one balanced page if that worked. */
  pages: HTMLElement[];
  /** Height of the balanced columns' text, from the top of the sheet area; undefined if not balanced. */
  balancedHeight: number | undefined;
  /** How far apart the last sheet's columns end, in body lines; undefined when it was not balanced. */
  spread: number | undefined;
  /** Why the last sheet could not be balanced or levelled, for the build's warnings. */
  warning: string | undefined;
}

/** Further apart than this after levelling, the build warns (two lines: a heading's or a row's keep). */
const WARN_BEYOND = 2;
/** A last sheet of no more lines than this is too short to judge. */
const TOO_FEW_LINES = 3;

/**
 * Balances the columns of the last sheet, in the space its `bands` leave. `outside` lists the text the
 * balanced page would set outside its columns.
 */
export function balanceLastSheet(
  pages: HTMLElement[],
  geometry: SheetGeometry,
  grid: LineGrid,
  bands: readonly Band[],
  outside: (page: HTMLElement) => string[],
): BalanceResult {
  const unchanged = { pages, balancedHeight: undefined, spread: undefined, warning: undefined };
  const { columns } = geometry;
  if (columns < 2 || pages.length === 0) return unchanged;
  const lastSheet = Math.floor((pages.length - 1) / columns);
  const space = sheetSpace(bands, geometry, lastSheet);
  const notBalanced = (why: string) => ({
    ...unchanged,
    warning: `the last sheet's columns were not balanced: ${why}`,
  });
  if (!space) return notBalanced('a band on it spans only some of its columns');
  const last = pages.slice(lastSheet * columns);
  const balanced = joinedPage(last, geometry, space.top, space.bottom);
  const area = balanced && pageContent(balanced);
  if (!balanced || !area) return { ...unchanged, warning: 'the last sheet was not balanced: no content to set' };
  (last[0] as HTMLElement).before(balanced);
  const height = lowestFittingHeight(area, geometry, grid, geometry.columnHeight - space.top - space.bottom);
  if (height === undefined) {
    balanced.remove();
    return notBalanced(`set as one flow under the keep rules, its text needs more than ${columns} columns`);
  }
  const levelled = levelColumns(area, geometry, grid.pitch);
  // Space added in a short column can move what starts the next one.
  const columnOf = multiColumnOf(area, geometry);
  pinColumnBreaks(area, columnOf, grid.pitch);
  snapToLineGrid(area, grid, columnOf);
  const hidden = outside(balanced);
  if (hidden.length > 0) {
    balanced.remove();
    return notBalanced(`balanced, text would fall outside its column (${hidden[0]})`);
  }
  for (const page of last) page.remove();
  return {
    pages: [...pages.slice(0, lastSheet * columns), balanced],
    balancedHeight: height + space.top,
    spread: levelled.spread,
    // A few lines (a note of one paragraph) cannot fill two columns, and nobody would ask them to.
    warning:
      levelled.spread > WARN_BEYOND && levelled.tallest > TOO_FEW_LINES
        ? `the last sheet's columns end ${levelled.why}`
        : undefined,
  };
}

/** One page the width of the sheet area holding the last sheet's columns joined into one flow, set in columns. */
function joinedPage(
  last: HTMLElement[],
  geometry: SheetGeometry,
  top: number,
  bottom: number,
): HTMLElement | undefined {
  const balanced = (last[0] as HTMLElement).cloneNode(true) as HTMLElement;
  const flow = pageFlow(balanced);
  const area = pageContent(balanced);
  if (!flow || !area) return undefined;
  const firstContent = document.createElement('div');
  firstContent.append(...flow.childNodes);
  appendContinuation(flow, firstContent);
  for (const page of last.slice(1)) {
    const content = pageFlow(page);
    if (content) appendContinuation(flow, content.cloneNode(true) as Element);
  }
  balanced.classList.add('banmian-balanced');
  setPageWidth(balanced, geometry.width - geometry.marginLeft - geometry.marginRight);
  reservePageSpace(balanced, top, bottom);
  Object.assign(area.style, {
    columnWidth: 'auto',
    columnCount: String(geometry.columns),
    columnGap: `${geometry.gap}px`,
    columnFill: 'auto',
  });
  // Paged.js gives the flow the area's full height, which would fill the columns in turn.
  flow.style.height = 'auto';
  return balanced;
}

/**
 * The lowest column height, in whole lines, at which the text still fits in the columns, filled in turn
 * (which is also how Chromium prints them; its own column-fill: balance applies on screen only and
 * balances less tightly). At each height the text is set on the line grid again: where the columns
 * break decides which blocks open a column.
 */
function lowestFittingHeight(
  area: HTMLElement,
  geometry: SheetGeometry,
  grid: LineGrid,
  room: number,
): number | undefined {
  const columnOf = multiColumnOf(area, geometry);
  const fitsAt = (lines: number): boolean => {
    area.style.height = `${lines * grid.pitch}px`;
    removeGridSpace(area);
    snapToLineGrid(area, grid, columnOf);
    // Nothing in a further column, and nothing (a line, a row) taller than the columns.
    return area.scrollWidth <= area.clientWidth + 1 && area.scrollHeight <= area.clientHeight + 1;
  };
  let low = 0;
  let high = Math.floor(room / grid.pitch + 0.01);
  if (!fitsAt(high)) return undefined;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (fitsAt(middle)) high = middle;
    else low = middle;
  }
  fitsAt(high);
  return high * grid.pitch;
}

/**
 * Printing, Chromium breaks the columns of a page in a page again, and may break before a block where the
 * screen broke inside it (after its top margin): the text under it would print off the grid. So the
 * break at the top of each column after the first is made a forced one, at the first block that starts
 * there, with no margin above it; the text under it is then set on the grid again.
 */
function pinColumnBreaks(area: HTMLElement, columnOf: ColumnOf, pitch: number): void {
  const seen = new Set<number>();
  for (const element of area.querySelectorAll<HTMLElement>('*')) {
    const rect = element.getClientRects()[0];
    if (!rect || rect.height === 0) continue;
    const column = columnOf(rect);
    if (seen.has(column.index)) continue;
    seen.add(column.index);
    if (column.index === 0 || rect.top - column.top >= pitch) continue;
    element.style.breakBefore = 'column';
    element.style.marginTop = '0px';
  }
}

/** The column of a multi-column area a box is in, and where it starts. */
function multiColumnOf(area: HTMLElement, geometry: SheetGeometry): ColumnOf {
  return (rect) => {
    const bounds = area.getBoundingClientRect();
    const step = geometry.columnWidth + geometry.gap;
    const index = Math.max(0, Math.floor((rect.left - bounds.left + geometry.gap / 2) / step));
    return { index, top: bounds.top };
  };
}
