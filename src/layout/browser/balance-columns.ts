/**
 * The last sheet's columns end level, as on a newspaper page: Paged.js fills
 * columns one after the other, so the last sheet would have full columns and
 * a short one. Its columns are joined back into one flow and set again by the
 * browser's own multi-column layout at the lowest height that holds them,
 * under the same rules (headings kept with two lines of text, no single line
 * left alone, table rows and pictures whole). Where those rules leave a column
 * short — a title block with its two lines cannot be split — the short column
 * is justified vertically, as a compositor would: the space above its titles
 * and between its paragraphs grows until it ends level with the others.
 * Whatever cannot be done is said in a warning, never left silently.
 */
import type { SheetGeometry } from './geometry.js';

/** Attributes Paged.js puts on the fragments of an element split across pages. */
const SPLIT_ATTRIBUTES = ['data-split-to', 'data-last-split-element', 'data-align-last-split-element'];

/** Moves `from`'s children to the end of `into`, joining the fragments of elements Paged.js split. */
export function appendContinuation(into: Element, from: Element): void {
  for (const child of [...from.childNodes]) {
    if (isFlowRootCopy(child)) {
      appendContinuation(into, child);
      continue;
    }
    const last = lastNonBlankChild(into);
    if (
      last instanceof Element &&
      child instanceof Element &&
      last.hasAttribute('data-split-to') &&
      child.getAttribute('data-split-from') === last.getAttribute('data-ref')
    ) {
      appendContinuation(last, child);
      for (const name of SPLIT_ATTRIBUTES) {
        const value = child.getAttribute(name);
        if (value === null) last.removeAttribute(name);
        else last.setAttribute(name, value);
      }
    } else {
      into.append(child);
    }
  }
}

/**
 * When Paged.js continues content on a new page it rebuilds the ancestors of
 * the break, the content root included — a copy with no data-ref (its
 * data-split-from reads "null"). Joined columns need no such copies.
 */
function isFlowRootCopy(node: Node): node is Element {
  return node instanceof Element && node.hasAttribute('data-split-from') && !node.hasAttribute('data-ref');
}

/** The last child that is not white space between elements. */
function lastNonBlankChild(element: Element): ChildNode | null {
  let last = element.lastChild;
  while (last && last.nodeType === Node.TEXT_NODE && (last.textContent ?? '').trim() === '')
    last = last.previousSibling;
  return last;
}

function contentOf(page: Element): HTMLElement | null {
  return page.querySelector<HTMLElement>('.pagedjs_page_content > div');
}

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

/** Column ends further apart than this, in body lines, are levelled. */
const LEVEL_WITHIN = 1;
/** Further apart than this after levelling, the build warns (two lines: a heading's or a row's keep). */
const WARN_BEYOND = 2;
/** A last sheet of no more lines than this is too short to judge. */
const TOO_FEW_LINES = 3;

/**
 * Balances the columns of the last sheet. `top` is the space above the
 * columns on that sheet (the headline's height when it is also the first).
 * `outside` lists the text the balanced page would set outside its columns.
 */
export function balanceLastSheet(
  pages: HTMLElement[],
  geometry: SheetGeometry,
  top: number,
  outside: (page: HTMLElement) => string[],
): BalanceResult {
  const unchanged = { pages, balancedHeight: undefined, spread: undefined, warning: undefined };
  const { columns } = geometry;
  if (columns < 2 || pages.length === 0) return unchanged;
  const firstOfLast = Math.floor((pages.length - 1) / columns) * columns;
  const last = pages.slice(firstOfLast);
  const balanced = joinedPage(last, geometry, top);
  const area = balanced?.querySelector<HTMLElement>('.pagedjs_page_content');
  if (!balanced || !area) return { ...unchanged, warning: 'the last sheet was not balanced: no content to set' };
  (last[0] as HTMLElement).before(balanced);
  const notBalanced = (why: string): BalanceResult => {
    balanced.remove();
    return { ...unchanged, warning: `the last sheet's columns were not balanced: ${why}` };
  };

  const height = lowestFittingHeight(area, Math.floor(geometry.columnHeight - top));
  if (height === undefined) {
    return notBalanced(`set as one flow under the keep rules, its text needs more than ${columns} columns`);
  }
  const line = bodyLineHeight(area);
  const levelled = levelColumns(area, geometry, line);
  const hidden = outside(balanced);
  if (hidden.length > 0) return notBalanced(`balanced, text would fall outside its column (${hidden[0]})`);
  for (const page of last) page.remove();
  return {
    pages: [...pages.slice(0, firstOfLast), balanced],
    balancedHeight: height + top,
    spread: levelled.spread,
    // A few lines (a note of one paragraph) cannot fill two columns, and nobody would ask them to.
    warning:
      levelled.spread > WARN_BEYOND && levelled.tallest > TOO_FEW_LINES
        ? `the last sheet's columns end ${levelled.why}`
        : undefined,
  };
}

/** One page the width of the sheet area holding the last sheet's columns joined into one flow, set in columns. */
function joinedPage(last: HTMLElement[], geometry: SheetGeometry, top: number): HTMLElement | undefined {
  const balanced = (last[0] as HTMLElement).cloneNode(true) as HTMLElement;
  const flow = contentOf(balanced);
  const area = balanced.querySelector<HTMLElement>('.pagedjs_page_content');
  if (!flow || !area) return undefined;
  const firstContent = document.createElement('div');
  firstContent.append(...flow.childNodes);
  appendContinuation(flow, firstContent);
  for (const page of last.slice(1)) {
    const content = contentOf(page);
    if (content) appendContinuation(flow, content.cloneNode(true) as Element);
  }
  const width = geometry.width - geometry.marginLeft - geometry.marginRight;
  balanced.classList.add('banmian-balanced');
  for (const name of ['--pagedjs-width', '--pagedjs-width-left', '--pagedjs-width-right', '--pagedjs-pagebox-width']) {
    balanced.style.setProperty(name, `${width}px`);
  }
  if (top > 0) balanced.style.setProperty('--pagedjs-margin-top', `${top}px`);
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
 * The lowest column height at which the text still fits in the columns,
 * filled in turn (which is also how Chromium prints them; its own
 * column-fill: balance applies on screen only and balances less tightly).
 */
function lowestFittingHeight(area: HTMLElement, highest: number): number | undefined {
  const fitsAt = (height: number): boolean => {
    area.style.height = `${height}px`;
    // Nothing in a further column, and nothing (a line, a row) taller than the columns.
    return area.scrollWidth <= area.clientWidth + 1 && area.scrollHeight <= area.clientHeight + 1;
  };
  let low = 0;
  let high = highest;
  if (!fitsAt(high)) return undefined;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (fitsAt(middle)) high = middle;
    else low = middle;
  }
  fitsAt(high);
  return high;
}

/** The body text's line height, the unit column ends are compared in. */
function bodyLineHeight(area: HTMLElement): number {
  const probe = document.createElement('p');
  probe.style.cssText = 'position:absolute;visibility:hidden;margin:0;padding:0;';
  probe.textContent = '中';
  area.append(probe);
  const height = probe.getBoundingClientRect().height;
  probe.remove();
  return height > 0 ? height : 24;
}

interface ColumnMeasure {
  /** The foot of each column's content, from the top of the area (0 for an empty column). */
  ends: number[];
  /** Line boxes of text in each column: what must not change when space is added. */
  lines: number[];
}

/** Things that print without text of their own: their boxes count towards a column's end. */
const BOXES = 'img, svg, video, canvas, iframe, hr, tr';

/** Where each column's content ends, read from the boxes of its lines, pictures and table rows. */
function measureColumns(area: HTMLElement, geometry: SheetGeometry): ColumnMeasure {
  const bounds = area.getBoundingClientRect();
  const ends = new Array<number>(geometry.columns).fill(0);
  const lines = new Array<number>(geometry.columns).fill(0);
  const note = (rect: DOMRect, isLine: boolean) => {
    if (rect.width === 0 || rect.height === 0) return;
    const column = columnAt(rect.left - bounds.left, geometry);
    ends[column] = Math.max(ends[column] as number, rect.bottom - bounds.top);
    if (isLine) lines[column] = (lines[column] as number) + 1;
  };
  const range = document.createRange();
  const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node.textContent ?? '').trim() === '') continue;
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) note(rect, true);
  }
  for (const box of area.querySelectorAll(BOXES)) for (const rect of box.getClientRects()) note(rect, false);
  return { ends, lines };
}

function columnAt(x: number, geometry: SheetGeometry): number {
  const column = Math.floor((x + geometry.gap / 2) / (geometry.columnWidth + geometry.gap));
  return Math.min(geometry.columns - 1, Math.max(0, column));
}

/** Elements that open a new part: the space above them may grow most. */
const OPENING = 'article, section, header, hgroup, h1, h2, h3, h4, h5, h6';
/** A title block stays with the text under it. */
const TITLES = 'header, hgroup, h1, h2, h3, h4, h5, h6';
/** Inside these the space stays as set: a title block, a picture, a table or code is one unit. */
const UNITS = 'header, hgroup, figure, table, pre';
/** A gap above an opening takes this many times the share of a gap between paragraphs. */
const OPENING_WEIGHT = 3;

interface Gap {
  element: HTMLElement;
  weight: number;
}

/** The gaps between blocks inside one column (not above its first block) that may grow. */
function gapsInColumn(area: HTMLElement, geometry: SheetGeometry, column: number): Gap[] {
  const bounds = area.getBoundingClientRect();
  const flow = area.firstElementChild;
  if (!flow) return [];
  const gaps: Gap[] = [];
  const columnTop = bounds.top;
  for (const element of flow.querySelectorAll<HTMLElement>('*')) {
    const first = element.getClientRects()[0];
    if (!first || first.height === 0 || columnAt(first.left - bounds.left, geometry) !== column) continue;
    if (!isBlock(element) || element.parentElement?.closest(UNITS) || element.closest('tr')) continue;
    // Not above the column's first block, nor between a title block and the text it opens.
    const previous = element.previousElementSibling;
    if (!previous || previous.matches(TITLES) || first.top <= columnTop + 1) continue;
    gaps.push({ element, weight: element.matches(OPENING) ? OPENING_WEIGHT : 1 });
  }
  return gaps;
}

function isBlock(element: HTMLElement): boolean {
  const { display, position, float } = getComputedStyle(element);
  return /^(block|list-item|table|flow-root|flex|grid)$/.test(display) && position === 'static' && float === 'none';
}

/** Adds space above a block: as padding, or as margin where padding would stretch a border or is ignored. */
function addSpaceAbove(element: HTMLElement, extra: number): void {
  const style = getComputedStyle(element);
  if (element.matches('table, blockquote, pre, hr, figure, ul, ol') || Number.parseFloat(style.borderTopWidth) > 0) {
    element.style.marginTop = `${Number.parseFloat(style.marginTop) + extra}px`;
  } else {
    element.style.paddingTop = `${Number.parseFloat(style.paddingTop) + extra}px`;
  }
}

interface Levelled {
  /** How far apart the columns end, in body lines. */
  spread: number;
  /** Why they end that far apart, for a warning. */
  why: string;
  /** The longest column, in body lines. */
  tallest: number;
}

/**
 * Justifies short columns vertically until every column ends level with the
 * longest: the space is shared among the column's gaps, three parts above a
 * title for one between paragraphs. A column's lines must stay where they
 * were; if adding space moved any to another column, it is taken out again.
 */
function levelColumns(area: HTMLElement, geometry: SheetGeometry, line: number): Levelled {
  const before = measureColumns(area, geometry);
  const target = Math.max(...before.ends);
  const touched: Array<[HTMLElement, string]> = [];
  const reasons = new Map<number, string>();
  const levelling = new Set(before.ends.flatMap((end, column) => (target - end > LEVEL_WITHIN * line ? [column] : [])));
  // Twice: collapsing margins can swallow some of the space the first pass adds.
  for (let pass = 0; pass < 2; pass++) {
    const { ends } = measureColumns(area, geometry);
    ends.forEach((end, column) => {
      const short = target - end - 0.5;
      if (!levelling.has(column) || short <= 1) return;
      if (end === 0) {
        reasons.set(column, `column ${column + 1} is empty: too little text to fill ${geometry.columns} columns`);
        return;
      }
      const gaps = gapsInColumn(area, geometry, column);
      if (gaps.length === 0) {
        reasons.set(column, `column ${column + 1} has no space between blocks to widen`);
        return;
      }
      const total = gaps.reduce((sum, gap) => sum + gap.weight, 0);
      for (const { element, weight } of gaps) {
        touched.push([element, element.getAttribute('style') ?? '']);
        addSpaceAbove(element, (short * weight) / total);
      }
    });
  }
  let after = measureColumns(area, geometry);
  if (after.lines.some((count, column) => count !== before.lines[column])) {
    for (const [element, style] of touched.reverse()) element.setAttribute('style', style);
    after = before;
    reasons.set(-1, 'widening a short column would move its lines to the next one');
  }
  const filled = after.ends.filter((end) => end > 0);
  const spread = (Math.max(...after.ends) - Math.min(...filled)) / line;
  const empty = after.ends.some((end) => end === 0);
  return {
    tallest: Math.max(...after.ends) / line,
    spread: empty ? Math.max(...after.ends) / line : spread,
    why: `${(empty ? Math.max(...after.ends) / line : spread).toFixed(1)} lines apart: ${[...reasons.values()].join('; ') || 'the keep rules leave no level break'}`,
  };
}
