/**
 * Where a column breaks, as a DOM position inside the content Paged.js has
 * rendered for the column (the content after it goes to the next column).
 */
export interface BreakPosition {
  container: Node;
  offset: number;
}

export function positionOf(range: Range): BreakPosition {
  return { container: range.startContainer, offset: range.startOffset };
}

export function positionBefore(node: Node): BreakPosition {
  const parent = node.parentNode as Node;
  return { container: parent, offset: Array.prototype.indexOf.call(parent.childNodes, node) };
}

/** `a` comes before `b` in the document. */
export function isBefore(a: BreakPosition, b: BreakPosition): boolean {
  const range = document.createRange();
  range.setStart(b.container, b.offset);
  return range.comparePoint(a.container, a.offset) < 0;
}

/** The element that holds the position, or the element that starts at it. */
export function elementAt(position: BreakPosition): Element | undefined {
  const { container, offset } = position;
  if (container.nodeType === Node.TEXT_NODE) return container.parentElement ?? undefined;
  const child = container.childNodes[offset];
  if (child?.nodeType === Node.ELEMENT_NODE) return child as Element;
  return container.nodeType === Node.ELEMENT_NODE ? (container as Element) : undefined;
}

/** The innermost block-level element around the position, inside `rendered`. */
export function blockAround(position: BreakPosition, rendered: Element): Element | undefined {
  for (
    let element = elementAt(position);
    element && element !== rendered;
    element = element.parentElement ?? undefined
  ) {
    if (!rendered.contains(element)) return undefined;
    const display = getComputedStyle(element).display;
    if (display !== 'inline' && display !== 'contents') return element;
  }
  return undefined;
}

/** Whether anything visible precedes `node` in the column. */
export function hasContentBefore(node: Node, rendered: Element): boolean {
  const range = document.createRange();
  range.setStart(rendered, 0);
  range.setEndBefore(node);
  if (range.toString().trim() !== '') return true;
  return range.cloneContents().querySelector('img, svg, video, canvas, hr, table, iframe') !== null;
}

/** The range Paged.js removes from the column: from the break to the end of the rendered content. */
export function overflowFrom(position: BreakPosition, rendered: Element): Range {
  const range = document.createRange();
  range.setStart(position.container, position.offset);
  range.setEnd(rendered, rendered.childNodes.length);
  return range;
}
