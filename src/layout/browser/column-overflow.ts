/// <reference path="./paged.d.ts" />
/**
 * Paged.js looks for overflow word by word, and CJK text has no spaces: a
 * paragraph whose first line is on the page counts as fitting even when its
 * later lines have run on into the hidden column beyond the page area, and
 * those lines are lost from the PDF (Chromium sets them past the area's foot, in the next column of
 * the page's own multi-column box, which is not printed). This handler finds the first
 * character the browser set outside the area and, if Paged.js would break
 * later than that, moves the break there. A character that begins a column is
 * one the browser chose to begin a line with, so the break respects the line
 * breaking rules. The break rules below may then move it earlier still: a
 * table row stays whole, a heading goes with two lines of its text, and no
 * paragraph leaves a single character for the next column.
 */

import { type BreakPosition, isBefore, overflowFrom, positionOf } from './break-position.js';
import { keepTableRowWhole } from './keep-rows-whole.js';
import { keepHeadingWithText } from './keep-with-heading.js';
import { keepLoneCharacterOffColumnTop } from './lone-characters.js';
import { type BreakToken, correctBreakToken, trackedBreakPosition } from './paged-adapter.js';
import { characterBox } from './text-lines.js';

interface Bounds {
  right: number;
  bottom: number;
}

function isBeyond(rect: DOMRect, bounds: Bounds): boolean {
  if (rect.width === 0 && rect.height === 0) return false;
  return Math.round(rect.left) >= Math.round(bounds.right) || Math.round(rect.top) >= Math.round(bounds.bottom);
}

/**
 * The offset of the first character of `text` laid out beyond `bounds`, or -1.
 * White space is skipped: a space that ends a line may hang past the column
 * edge, and breaking before it would start the next column with a space.
 */
function firstCharacterBeyond(text: Text, bounds: Bounds): number {
  const visible: number[] = [];
  for (let i = 0; i < text.data.length; i++) if (!/\s/.test(text.data.charAt(i))) visible.push(i);
  const beyondAt = (offset: number): boolean => {
    const box = characterBox({ node: text, offset });
    return box !== undefined && isBeyond(box, bounds);
  };
  const last = visible[visible.length - 1];
  if (last === undefined || !beyondAt(last)) return -1;
  // Characters run on in order, so "beyond" holds from some visible character to the end.
  let low = 0;
  let high = visible.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (beyondAt(visible[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return visible[low] as number;
}

/** Where the content laid out beyond `bounds` starts, as a collapsed range. */
export function firstPositionBeyond(rendered: Element, bounds: Bounds): Range | undefined {
  const walker = document.createTreeWalker(rendered, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const offset = firstCharacterBeyond(node as Text, bounds);
      if (offset < 0) continue;
      const range = document.createRange();
      range.setStart(node, offset);
      return range;
    }
    const element = node as Element;
    // Replaced and empty elements (images, rules) have no text to find.
    if (element.firstChild === null && isBeyond(element.getBoundingClientRect(), bounds)) {
      const range = document.createRange();
      range.setStartBefore(element);
      return range;
    }
  }
  return undefined;
}

/**
 * Rules that may move a column break earlier, in order. Each gets the break
 * as it stands and returns a new one, or undefined to leave it.
 */
const breakRules: Array<(position: BreakPosition, rendered: Element) => BreakPosition | undefined> = [
  keepTableRowWhole,
  keepHeadingWithText,
  keepLoneCharacterOffColumnTop,
];

export class ColumnOverflow extends Paged.Handler {
  /** Where Paged.js found the break in text that repeats itself, it can be too early (see the adapter). */
  onBreakToken(token: BreakToken | undefined, overflow: Range | undefined): BreakToken | undefined {
    return correctBreakToken(token, overflow);
  }

  onOverflow(overflow: Range | undefined, rendered: Element, bounds: DOMRect): Range | undefined {
    const beyond = firstPositionBeyond(rendered, bounds);
    let position: BreakPosition | undefined = overflow && positionOf(overflow);
    if (beyond && (!position || isBefore(positionOf(beyond), position))) position = positionOf(beyond);
    if (!position) return undefined;
    for (const rule of breakRules) position = rule(position, rendered) ?? position;
    position = trackedBreakPosition(position.container, position.offset);
    if (overflow && !isBefore(position, positionOf(overflow)) && !isBefore(positionOf(overflow), position)) {
      return undefined; // Paged.js's own break stands.
    }
    return overflowFrom(position, rendered);
  }
}
