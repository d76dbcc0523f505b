/// <reference path="./paged.d.ts" />
/**
 * Every part of Paged.js that banmian uses beyond its handler hooks — its page queue, its break tokens,
 * the classes, attributes and custom properties of the pages it builds — is here and nowhere else, so an
 * upgrade of Paged.js is checked against this one file. What can be checked before a layout is, and a
 * missing part fails naming the Paged.js version installed (the one package.json pins).
 */
import { PAGEDJS_VERSION_ATTRIBUTE } from './contract.js';

/** The element Paged.js builds for each page; the composed sheets carry the class on (tests and the preview count them). */
export const PAGE_CLASS = 'pagedjs_page';
/** The area of a page that holds its content. */
export const PAGE_CONTENT = '.pagedjs_page_content';
/** The wrapper of one page's flow in that area. */
const PAGE_FLOW = `${PAGE_CONTENT} > div`;
/** Paged.js's mark on an element it ended with a hyphen at a page break. */
export const HYPHEN_CLASS = 'pagedjs_hyphen';
/** A page's width and height, as Paged.js sets them on the page. */
export const PAGE_WIDTH = 'var(--pagedjs-width)';
export const PAGE_HEIGHT = 'var(--pagedjs-height)';

/** The Paged.js version the template put on the script that loads it. */
export function pagedVersion(root: ParentNode = document): string {
  const script = root.querySelector(`script[${PAGEDJS_VERSION_ATTRIBUTE}]`);
  return script?.getAttribute(PAGEDJS_VERSION_ATTRIBUTE) ?? 'of unknown version';
}

const has = (value: unknown, key: string): unknown =>
  typeof value === 'object' || typeof value === 'function'
    ? (value as Record<string, unknown> | null)?.[key]
    : undefined;

/** What banmian needs of the `Paged` global and, once made, of a previewer, and finds missing. */
export function missingInternals(paged: unknown, previewer?: unknown): string[] {
  const missing = ['Previewer', 'Handler', 'registerHandlers'].filter((name) => typeof has(paged, name) !== 'function');
  if (previewer !== undefined) {
    if (typeof has(has(has(previewer, 'chunker'), 'q'), 'tick') !== 'function')
      missing.push('Previewer.chunker.q.tick');
    if (typeof has(previewer, 'on') !== 'function') missing.push('Previewer.on');
  }
  return missing;
}

/** Fails, naming the Paged.js version, when something of `missingInternals` is missing. */
export function requirePagedInternals(paged: unknown, previewer: unknown, version: string): void {
  const missing = missingInternals(paged, previewer);
  if (missing.length === 0) return;
  throw new Error(
    `Paged.js ${version} lacks ${missing.join(', ')}, which banmian's layout uses: ` +
      'src/layout/browser/paged-adapter.ts is written against the Paged.js version package.json pins',
  );
}

let handlersRegistered = false;

/**
 * Lays `content` out into `renderTo` with Paged.js and returns its pages. Paged.js lays out a page per
 * animation frame; a short column takes less than a frame, and the rest of the frame was spent waiting
 * (28 ms of the seed's 100), so the next page follows as the next task instead, which still lets the
 * browser render (and run Paged.js's resize observers) between pages.
 */
export async function layOutPages(
  content: HTMLElement,
  renderTo: HTMLElement,
  handlers: Array<typeof Paged.Handler>,
  onPage: () => void,
): Promise<HTMLElement[]> {
  const paged: unknown = (globalThis as { Paged?: unknown }).Paged;
  requirePagedInternals(paged, undefined, pagedVersion());
  if (!handlersRegistered) Paged.registerHandlers(...handlers);
  handlersRegistered = true;
  const previewer = new Paged.Previewer();
  requirePagedInternals(paged, previewer, pagedVersion());
  previewer.chunker.q.tick = nextTask;
  previewer.on('page', onPage);
  await previewer.preview(content, undefined, renderTo);
  return [...renderTo.querySelectorAll<HTMLElement>(`.${PAGE_CLASS}`)];
}

/** Calls back in a new task, at once: setTimeout(…, 0) is held 4 ms once nested. */
function nextTask(callback: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    callback();
  };
  channel.port2.postMessage(undefined);
}

/** Stops Paged.js re-flowing a laid-out page when its size changes. */
export function stopReflowing(page: Paged.Page): void {
  page.removeListeners();
}

/** A Paged.js break token: where the next page starts in the source, as a node and an offset. */
export interface BreakToken {
  node: Node;
  offset: number;
}

/**
 * Paged.js finds where a break falls in the source text by searching for the rendered rest of the text
 * node in the source node (indexOf): in text that repeats itself the first match is too early and a
 * stretch of text is laid out twice. The rendered node is the source node's tail, so the offset follows
 * from the lengths. Returns the corrected token, or undefined when Paged.js's stands.
 */
export function correctBreakToken(token: BreakToken | undefined, overflow: Range | undefined): BreakToken | undefined {
  const rendered = overflow?.startContainer;
  if (!token || !overflow || rendered?.nodeType !== Node.TEXT_NODE || token.node.nodeType !== Node.TEXT_NODE) {
    return undefined;
  }
  const source = token.node.textContent ?? '';
  const tail = rendered.textContent ?? '';
  if (!source.endsWith(tail)) return undefined;
  const offset = source.length - tail.length + overflow.startOffset;
  if (offset === token.offset) return undefined;
  token.offset = offset;
  return token;
}

/** The content area of a page, and the flow inside it. */
export function pageContent(page: Element): HTMLElement | null {
  return page.querySelector<HTMLElement>(PAGE_CONTENT);
}
export function pageFlow(page: Element): HTMLElement | null {
  return page.querySelector<HTMLElement>(PAGE_FLOW);
}

/** Whether Paged.js continues `element` on the next page. */
export function isSplitToNextPage(element: Element): boolean {
  return element.hasAttribute('data-split-to');
}

/**
 * A break before an element Paged.js does not track (an empty copy of the flow's root it made for content
 * not yet appended) gets no break token: Paged.js then fills the column on past its foot, and the rows or
 * lines it held are lost. Such a break moves to before the last unit laid out ahead of it (a table row, a
 * paragraph, a list item, a heading), which Paged.js breaks before as usual; the unit goes to the next column.
 */
export function trackedBreakPosition(container: Node, offset: number): { container: Node; offset: number } {
  const child = container.childNodes[offset];
  if (!(child instanceof Element) || isTrackedByPaged(child) || child.textContent?.trim()) return { container, offset };
  let last = child.previousElementSibling;
  while (last && !last.matches(BREAK_UNITS) && last.lastElementChild && isTrackedByPaged(last.lastElementChild)) {
    last = last.lastElementChild;
  }
  if (!last?.parentNode || !isTrackedByPaged(last)) return { container, offset };
  return { container: last.parentNode, offset: Array.prototype.indexOf.call(last.parentNode.childNodes, last) };
}

const BREAK_UNITS = 'tr, p, li, dt, dd, h1, h2, h3, h4, h5, h6, figure, pre, hr, blockquote';

/** Whether Paged.js tracks `element` in its break tokens (it can break before it). */
export function isTrackedByPaged(element: Element): boolean {
  return element.hasAttribute('data-ref');
}

/** A `<style>` that Paged.js's polisher leaves alone. */
export function styleIgnoredByPaged(css: string): HTMLStyleElement {
  const style = document.createElement('style');
  style.dataset.pagedjsIgnore = '';
  style.textContent = css;
  return style;
}

/** Sets a page (laid out, or about to be set again) to `width` px. */
export function setPageWidth(page: HTMLElement, width: number): void {
  for (const name of ['--pagedjs-width', '--pagedjs-width-left', '--pagedjs-width-right', '--pagedjs-pagebox-width']) {
    page.style.setProperty(name, `${width}px`);
  }
}

/** Keeps `top` and `bottom` px of a page free of content, as its margins. */
export function reservePageSpace(page: HTMLElement, top: number, bottom: number): void {
  if (top > 0) page.style.setProperty('--pagedjs-margin-top', `${top}px`);
  if (bottom > 0) page.style.setProperty('--pagedjs-margin-bottom', `${bottom}px`);
}

/** The same, as a rule for the `pageNumber`-th page Paged.js will lay out inside `container`. */
export function reservedSpaceCss(container: string, pageNumber: number, top: number, bottom: number): string {
  const margins = [
    top > 0 ? `--pagedjs-margin-top: ${top}px !important;` : '',
    bottom > 0 ? `--pagedjs-margin-bottom: ${bottom}px !important;` : '',
  ];
  return `${container} > .pagedjs_pages > .${PAGE_CLASS}:nth-child(${pageNumber}) { ${margins.join(' ').trim()} }`;
}

/**
 * Paged.js builds every page with bleed boxes, printer's marks and sixteen margin boxes. A column keeps
 * only its area and the margin boxes that have content. They go in one replacement per parent: removing
 * elements one by one costs a walk over every live Range of the document each (a layout leaves
 * thousands until they are collected), seconds in all on a long edition.
 */
export function removeEmptyPageParts(page: HTMLElement): void {
  const sheet = page.querySelector(':scope > .pagedjs_sheet');
  const pagebox = sheet?.querySelector(':scope > .pagedjs_pagebox');
  if (!sheet || !pagebox) return;
  sheet.replaceChildren(pagebox);
  pagebox.replaceChildren(
    ...[...pagebox.children].filter(
      (part) => part.classList.contains('pagedjs_area') || part.querySelector('.hasContent'),
    ),
  );
}

/**
 * Paged.js's rules for the two parts of an element split across pages (no indent or top margin on the
 * continuation…), which it scopes to `.pagedjs_pages > .pagedjs_page`: the same rules for pages moved
 * out of its container (`page` selects them), so they print exactly as Paged.js measured them.
 */
export function splitElementCss(page: string): string {
  const area = `${page} > .pagedjs_sheet > .pagedjs_pagebox > .pagedjs_area > div`;
  return `
${area} [data-split-to] { margin-bottom: unset; padding-bottom: unset; }
${area} [data-split-from] { text-indent: unset; margin-top: unset; padding-top: unset; initial-letter: unset; }
${area} [data-split-from] > *::first-letter, ${area} [data-split-from]::first-letter { color: unset; font-size: unset;
  font-weight: unset; font-family: unset; line-height: unset; float: unset; padding: unset; margin: unset; }
${area} [data-split-to]:not([data-footnote-call])::after { content: unset; }
${area} [data-split-from]:not([data-footnote-call])::before { content: unset; }
${area} li[data-split-from]:first-of-type { list-style: none; }`;
}

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
      isSplitToNextPage(last) &&
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
 * When Paged.js continues content on a new page it rebuilds the ancestors of the break, the content
 * root included — a copy with no data-ref (its data-split-from reads "null"). Joined pages need none.
 */
function isFlowRootCopy(node: Node): node is Element {
  return node instanceof Element && node.hasAttribute('data-split-from') && !isTrackedByPaged(node);
}

/** The last child that is not white space between elements. */
function lastNonBlankChild(element: Element): ChildNode | null {
  let last = element.lastChild;
  while (last && last.nodeType === Node.TEXT_NODE && (last.textContent ?? '').trim() === '') {
    last = last.previousSibling;
  }
  return last;
}
