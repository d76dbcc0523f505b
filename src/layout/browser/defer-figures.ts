/**
 * Layout step 2, for column-wide figures: a photo that does not fit in the rest of its column goes to the
 * next one (it is never split), which would leave the foot of its column blank. After a layout, each such
 * figure — first in its column, under a column that ends a line or more short — moves in the source
 * after the blocks that follow it, as many as fill that space, and the columns are laid out again: the
 * text after the figure fills its column, the figure follows it. It moves only past text blocks of its
 * own parent (never past a heading, a box, another figure or a float, nor out of its article), so the
 * text keeps its order. A document without column-wide figures is laid out once, as before.
 */
import { isSplitToNextPage, pageContent, pageFlow } from './paged-adapter.js';

/** The markup contract's column-wide figures; spanning figures are page floats (page-floats.ts). */
const DEFERRABLE = 'figure.figure:not(.span)';
/** Each deferrable figure's index, to find it in the source again after a layout. */
const FIGURE_ATTRIBUTE = 'data-banmian-figure';
/** What a figure does not move past. */
const FIXED = 'h1, h2, h3, h4, h5, h6, header, hgroup, section, article, aside, figure, [data-float-anchor]';
/** A column ending a body line or more above its foot has room for a line of the text after the figure. */
const GAP_LINES = 1;
/** Layouts at most after the first: each moves figures only forward. */
const MOST_RELAYOUTS = 2;

export interface Deferred<T> {
  laidOut: T;
  /** The source as last laid out: its text, in order, is what the columns must print. */
  source: HTMLElement;
  /** How many times a figure was moved. */
  moves: number;
}

/**
 * Lays `content` out with `layOut` (given a copy each time, as Paged.js marks up what it lays out),
 * moving figures that left a gap and laying out again, at most `MOST_RELAYOUTS` times.
 */
export async function layOutDeferringFigures<T extends { pages: HTMLElement[]; discard(): void }>(
  content: HTMLElement,
  lineHeight: () => number,
  layOut: (source: HTMLElement) => Promise<T>,
): Promise<Deferred<T>> {
  const figures = content.querySelectorAll(DEFERRABLE);
  if (figures.length === 0) return { laidOut: await layOut(content), source: content, moves: 0 };
  for (const [index, figure] of [...figures].entries()) figure.setAttribute(FIGURE_ATTRIBUTE, String(index));
  const least = lineHeight() * GAP_LINES;
  let moves = 0;
  for (let pass = 0; ; pass++) {
    const laidOut = await layOut(content.cloneNode(true) as HTMLElement);
    const moved = pass < MOST_RELAYOUTS ? deferFigures(content, laidOut.pages, least) : 0;
    if (moved === 0) return { laidOut, source: content, moves };
    moves += moved;
    laidOut.discard();
  }
}

/** Moves in `source` each figure that left a gap of `least` px or more in `pages`; returns how many moved. */
function deferFigures(source: HTMLElement, pages: HTMLElement[], least: number): number {
  let moved = 0;
  for (let index = 1; index < pages.length; index++) {
    const area = pageContent(pages[index] as HTMLElement);
    const figure = area?.querySelector(`[${FIGURE_ATTRIBUTE}]`);
    if (!area || !figure || !startsColumn(area, figure)) continue;
    const gap = gapAtFoot(pages[index - 1] as HTMLElement);
    if (gap < least) continue;
    const passed = blocksFilling(figure, gap);
    const original = source.querySelector(`[${FIGURE_ATTRIBUTE}="${figure.getAttribute(FIGURE_ATTRIBUTE)}"]`);
    let after: Element | null | undefined = original;
    for (let i = 0; i < passed && after; i++) after = after.nextElementSibling;
    // The source's blocks are the rendered ones; anything else and the figure stays.
    if (!original || !after || after === original || after.matches(FIXED)) continue;
    after.after(original);
    moved++;
  }
  return moved;
}

/** Whether nothing printed comes before `figure` in its column. */
function startsColumn(area: HTMLElement, figure: Element): boolean {
  const before = document.createRange();
  before.setStart(area, 0);
  before.setEndBefore(figure);
  return before.toString().trim() === '' && before.cloneContents().querySelector('img, svg, table, hr') === null;
}

/** The empty space under the last content of a column page, in px. */
function gapAtFoot(page: HTMLElement): number {
  const area = pageContent(page);
  const flow = pageFlow(page);
  if (!area || !flow) return 0;
  const content = document.createRange();
  content.selectNodeContents(flow);
  const rects = [...content.getClientRects()].filter((rect) => rect.height > 0);
  if (rects.length === 0) return 0;
  return area.getBoundingClientRect().bottom - Math.max(...rects.map((rect) => rect.bottom));
}

/**
 * How many blocks after `figure` it moves past to fill `gap` px: as many as reach that height (a block
 * continued in the next column fills it anyway), stopping before anything it may not pass.
 */
function blocksFilling(figure: Element, gap: number): number {
  let count = 0;
  let filled = 0;
  for (let block = figure.nextElementSibling; block && !block.matches(FIXED); block = block.nextElementSibling) {
    count++;
    filled += block.getBoundingClientRect().height;
    if (filled >= gap || isSplitToNextPage(block)) break;
  }
  return count;
}
