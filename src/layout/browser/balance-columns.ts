/**
 * The last sheet's columns end level, as on a newspaper page: Paged.js fills
 * columns one after the other, so the last sheet would have full columns and
 * a short one. Its columns are joined back into one flow and set again by the
 * browser's own multi-column layout, which balances them under the same
 * rules (headings kept with two lines of text, no single line left alone).
 * The result is checked; if it does not fit, the sheet stays as Paged.js set it.
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
}

/**
 * Balances the columns of the last sheet. `top` is the space above the
 * columns on that sheet (the headline's height when it is also the first).
 * `fits` decides whether the balanced page is acceptable (no text outside it).
 */
export function balanceLastSheet(
  pages: HTMLElement[],
  geometry: SheetGeometry,
  top: number,
  fits: (page: HTMLElement) => boolean,
): BalanceResult {
  const unchanged = { pages, balancedHeight: undefined };
  const { columns } = geometry;
  if (columns < 2 || pages.length === 0) return unchanged;
  const firstOfLast = Math.floor((pages.length - 1) / columns) * columns;
  const last = pages.slice(firstOfLast);
  const first = last[0] as HTMLElement;

  const balanced = first.cloneNode(true) as HTMLElement;
  const flow = contentOf(balanced);
  if (!flow) return unchanged;
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
  const area = balanced.querySelector<HTMLElement>('.pagedjs_page_content');
  if (!area) return unchanged;
  Object.assign(area.style, {
    columnWidth: 'auto',
    columnCount: String(columns),
    columnGap: `${geometry.gap}px`,
    columnFill: 'auto',
  });
  // Paged.js gives the flow the area's full height, which would fill the columns in turn.
  flow.style.height = 'auto';
  first.before(balanced);

  // The lowest column height at which the text still fits in the columns,
  // filled in turn (which is also how Chromium prints them; its own
  // column-fill: balance applies on screen only and balances less tightly).
  const fitsAt = (height: number): boolean => {
    area.style.height = `${height}px`;
    return area.scrollWidth <= area.clientWidth + 1;
  };
  let low = 0;
  let high = Math.floor(geometry.columnHeight - top);
  if (!fitsAt(high)) {
    balanced.remove();
    return unchanged;
  }
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (fitsAt(middle)) high = middle;
    else low = middle;
  }
  fitsAt(high);
  if (!fits(balanced)) {
    balanced.remove();
    return unchanged;
  }
  const height = high + top;
  for (const page of last) page.remove();
  return { pages: [...pages.slice(0, firstOfLast), balanced], balancedHeight: height };
}
