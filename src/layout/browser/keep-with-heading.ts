/**
 * Headings stay with their text: a column may not end with a heading, nor
 * with a heading and fewer than two lines of the text under it. If the break
 * falls there, it moves to before the heading (and before the article or
 * section it opens), unless the heading already starts the column.
 */
import { type BreakPosition, elementAt, hasContentBefore, positionBefore } from './break-position.js';
import { isTrackedByPaged } from './paged-adapter.js';
import { linesIn } from './text-lines.js';

/** Elements that open what follows: headings, and header groups such as an article's title block. */
const HEADING = 'h1, h2, h3, h4, h5, h6, header, hgroup';
/** Lines of text that must follow a heading in its column. */
export const LINES_AFTER_HEADING = 2;

function outermostHeading(element: Element, rendered: Element): Element | undefined {
  let found: Element | undefined;
  for (let e: Element | null = element; e && e !== rendered; e = e.parentElement) if (e.matches(HEADING)) found = e;
  return found;
}

/** The last heading that ends before the break, if any (the outermost, for a header group). */
function headingBefore(position: BreakPosition, rendered: Element): Element | undefined {
  const breakPoint = document.createRange();
  breakPoint.setStart(position.container, position.offset);
  const headings = [...rendered.querySelectorAll(HEADING)].filter(
    (heading) => breakPoint.comparePoint(heading, heading.childNodes.length) <= 0,
  );
  const last = headings.at(-1);
  return last && outermostHeading(last, rendered);
}

/** Moves a break out from under a heading; undefined when the break may stay. */
export function keepHeadingWithText(position: BreakPosition, rendered: Element): BreakPosition | undefined {
  const at = elementAt(position);
  if (!at || !rendered.contains(at)) return undefined;
  let heading = outermostHeading(at, rendered);
  if (!heading) {
    // Two lines of whatever follows the heading (a paragraph, a label and a
    // quotation…) must come before the break.
    const before = headingBefore(position, rendered);
    if (!before) return undefined;
    const between = document.createRange();
    between.setStartAfter(before);
    between.setEnd(position.container, position.offset);
    if (linesIn(between, LINES_AFTER_HEADING) >= LINES_AFTER_HEADING) return undefined;
    heading = before;
  }
  // Headings in a row (a title and its subtitle) go together, and a heading
  // that opens an article or section takes its container along.
  while (heading.previousElementSibling?.matches(HEADING)) heading = heading.previousElementSibling;
  // (Only as far as elements Paged.js tracks: a break token can start only at one of them.)
  let opened: Element = heading;
  while (
    opened.previousElementSibling === null &&
    opened.parentElement &&
    isTrackedByPaged(opened.parentElement) &&
    opened.parentElement !== rendered
  ) {
    opened = opened.parentElement;
  }
  if (!hasContentBefore(opened, rendered)) return undefined;
  return positionBefore(opened);
}
