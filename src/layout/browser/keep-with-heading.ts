/**
 * Headings stay with their text: a column may not end with a heading, nor
 * with a heading and fewer than two lines of the text under it. If the break
 * falls there, it moves to before the heading (and before the article or
 * section it opens), unless the heading already starts the column.
 */
import { type BreakPosition, blockAround, elementAt, hasContentBefore, positionBefore } from './break-position.js';
import { linesBefore } from './text-lines.js';

/** Elements that open what follows: headings, and header groups such as an article's title block. */
const HEADING = 'h1, h2, h3, h4, h5, h6, header, hgroup';
/** Lines of text that must follow a heading in its column. */
export const LINES_AFTER_HEADING = 2;

function outermostHeading(element: Element, rendered: Element): Element | undefined {
  let found: Element | undefined;
  for (let e: Element | null = element; e && e !== rendered; e = e.parentElement) if (e.matches(HEADING)) found = e;
  return found;
}

/** The heading right before `block` (or before the container it opens), if any. */
function headingBefore(block: Element, rendered: Element): Element | undefined {
  for (let e: Element | null = block; e && e !== rendered; e = e.parentElement) {
    const previous = e.previousElementSibling;
    if (previous) return previous.matches(HEADING) ? previous : undefined;
  }
  return undefined;
}

/** Moves a break out from under a heading; undefined when the break may stay. */
export function keepHeadingWithText(position: BreakPosition, rendered: Element): BreakPosition | undefined {
  const at = elementAt(position);
  if (!at || !rendered.contains(at)) return undefined;
  let heading = outermostHeading(at, rendered);
  if (!heading) {
    const block = blockAround(position, rendered);
    if (!block) return undefined;
    const before = headingBefore(block, rendered);
    if (!before || linesBefore(block, position, LINES_AFTER_HEADING) >= LINES_AFTER_HEADING) return undefined;
    heading = before;
  }
  // Headings in a row (a title and its subtitle) go together, and a heading
  // that opens an article or section takes its container along.
  while (heading.previousElementSibling?.matches(HEADING)) heading = heading.previousElementSibling;
  // (Only as far as elements Paged.js tracks: a break token needs a data-ref.)
  let opened: Element = heading;
  while (
    opened.previousElementSibling === null &&
    opened.parentElement?.hasAttribute('data-ref') &&
    opened.parentElement !== rendered
  ) {
    opened = opened.parentElement;
  }
  if (!hasContentBefore(opened, rendered)) return undefined;
  return positionBefore(opened);
}
