/**
 * Levelling the balanced last sheet: where the keep rules leave a column short — a title block with
 * its two lines cannot be split — the short column is justified vertically, as a compositor would: the
 * space above its titles and between its paragraphs grows until it ends level with the others.
 */
import type { SheetGeometry } from './geometry.js';

/** Column ends further apart than this, in body lines, are levelled. */
const LEVEL_WITHIN = 1;

interface ColumnMeasure {
  /** The foot of each column's content, from the top of the area (0 for an empty column). */
  ends: number[];
  /**
   * Line boxes of text in each column, and last those past the last column: what must not change when
   * space is added (a line pushed out of the last column would not print).
   */
  lines: number[];
}

/** Things that print without text of their own: their boxes count towards a column's end. */
const BOXES = 'img, svg, video, canvas, iframe, hr, tr, .box';

/** Where each column's content ends, read from the boxes of its lines, pictures, table rows and box rules. */
function measureColumns(area: HTMLElement, geometry: SheetGeometry): ColumnMeasure {
  const bounds = area.getBoundingClientRect();
  const ends = new Array<number>(geometry.columns).fill(0);
  const lines = new Array<number>(geometry.columns + 1).fill(0);
  const note = (rect: DOMRect, isLine: boolean) => {
    if (rect.width === 0 || rect.height === 0) return;
    const column = columnAt(rect.left - bounds.left, geometry);
    if (column < geometry.columns) ends[column] = Math.max(ends[column] as number, rect.bottom - bounds.top);
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

/** The column a box starts in; `geometry.columns` for anything past the last column. */
function columnAt(x: number, geometry: SheetGeometry): number {
  const column = Math.floor((x + geometry.gap / 2) / (geometry.columnWidth + geometry.gap));
  return Math.min(geometry.columns, Math.max(0, column));
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

/** Adds space above a block: as padding, or as margin where padding would stretch a rule or is ignored. */
function addSpaceAbove(element: HTMLElement, extra: number): void {
  const style = getComputedStyle(element);
  if (
    element.matches('table, blockquote, pre, hr, figure, ul, ol, .box') ||
    Number.parseFloat(style.borderTopWidth) > 0
  ) {
    element.style.marginTop = `${Number.parseFloat(style.marginTop) + extra}px`;
  } else {
    element.style.paddingTop = `${Number.parseFloat(style.paddingTop) + extra}px`;
  }
}

export interface Levelled {
  /** How far apart the columns end, in body lines. */
  spread: number;
  /** Why they end that far apart, for a warning. */
  why: string;
  /** The longest column, in body lines. */
  tallest: number;
}

/** Halvings of the added space tried when the full amount would move lines to another column. */
const BISECTIONS = 5;

/**
 * Justifies short columns vertically until every column ends level with the
 * longest: the space is shared among the column's gaps, three parts above a
 * title for one between paragraphs. A column's lines must stay where they
 * were, and nothing may be pushed past the last column: a box's rule or a
 * block's margin under the last line can make the full amount too much, so
 * then the largest share of it that moves nothing is found by halving.
 */
export function levelColumns(area: HTMLElement, geometry: SheetGeometry, line: number): Levelled {
  const before = measureColumns(area, geometry);
  const target = Math.max(...before.ends);
  const reasons = new Map<number, string>();
  const levelling = new Set(before.ends.flatMap((end, column) => (target - end > LEVEL_WITHIN * line ? [column] : [])));
  const touched: Array<[HTMLElement, string]> = [];
  const restore = () => {
    for (const [element, style] of touched.reverse()) element.setAttribute('style', style);
    touched.length = 0;
  };
  const keepsLines = (share: number): boolean => {
    restore();
    widen(area, geometry, { before: before.ends, target, share, line, levelling, reasons, touched });
    return measureColumns(area, geometry).lines.every((count, column) => count === before.lines[column]);
  };
  // The largest share that moves no line, to 1/32 of the shortfall.
  let best = 0;
  if (levelling.size > 0 && keepsLines(1)) best = 1;
  else if (levelling.size > 0) {
    for (let step = 1; step <= BISECTIONS; step++) if (keepsLines(best + 2 ** -step)) best += 2 ** -step;
    reasons.set(-1, 'widening a short column more would move its lines to the next one');
  }
  keepsLines(best);
  const after = measureColumns(area, geometry);
  const filled = after.ends.filter((end) => end > 0);
  const empty = after.ends.some((end) => end === 0);
  const spread = empty ? Math.max(...after.ends) / line : (Math.max(...after.ends) - Math.min(...filled)) / line;
  return {
    tallest: Math.max(...after.ends) / line,
    spread,
    why: `${spread.toFixed(1)} lines apart: ${[...reasons.values()].join('; ') || 'the keep rules leave no level break'}`,
  };
}

interface Widening {
  /** Where each column ended before any space was added. */
  before: number[];
  /** Where the longest column ends: the level the others are brought to. */
  target: number;
  /** How much of each column's shortfall to add, from 0 to 1. */
  share: number;
  /** The line pitch: space is added in whole lines of it. */
  line: number;
  levelling: Set<number>;
  reasons: Map<number, string>;
  /** Every element given space, with its style before, to take it out again. */
  touched: Array<[HTMLElement, string]>;
}

/** `lines` shared among `gaps`: the weightiest (above a title) first, then in turn. */
function linesPerGap(gaps: Gap[], lines: number): Map<HTMLElement, number> {
  const order = [...gaps].sort((a, b) => b.weight - a.weight);
  const counts = new Map<HTMLElement, number>();
  for (let i = 0; i < lines; i++) {
    const { element } = order[i % order.length] as Gap;
    counts.set(element, (counts.get(element) ?? 0) + 1);
  }
  return counts;
}

/** Adds `share` of each short column's shortfall to its gaps, in whole lines. */
function widen(area: HTMLElement, geometry: SheetGeometry, widening: Widening): void {
  const { before, target, share, line, levelling, reasons, touched } = widening;
  if (share === 0) return;
  // Twice: collapsing margins can swallow some of the space the first pass adds.
  for (let pass = 0; pass < 2; pass++) {
    const { ends } = measureColumns(area, geometry);
    ends.forEach((end, column) => {
      const goal = (before[column] as number) + share * (target - (before[column] as number));
      // Whole lines only: the text stays on the line grid.
      const lines = Math.floor((goal - end) / line + 0.05);
      if (!levelling.has(column) || lines < 1) return;
      if (end === 0) {
        reasons.set(column, `column ${column + 1} is empty: too little text to fill ${geometry.columns} columns`);
        return;
      }
      const gaps = gapsInColumn(area, geometry, column);
      if (gaps.length === 0) {
        reasons.set(column, `column ${column + 1} has no space between blocks to widen`);
        return;
      }
      for (const [element, count] of linesPerGap(gaps, lines)) {
        touched.push([element, element.getAttribute('style') ?? '']);
        addSpaceAbove(element, count * line);
      }
    });
  }
}
