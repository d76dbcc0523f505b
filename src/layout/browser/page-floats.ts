/**
 * Page floats: spanning figures (`figure.figure.span`) and spanning boxes (`aside.box.span`) leave the
 * flow before the columns are laid out. An empty anchor keeps each one's place in the text; each is
 * measured across the sheet area on the body line grid, and becomes a spanning band (bands.ts) on the
 * sheet its anchor falls on (place-floats.ts decides where). The runtime lays the columns out again
 * while those sheets change (runtime.ts).
 */
import { type Band, columnHeightLeft } from './bands.js';
import type { SheetGeometry } from './geometry.js';
import { pageContent } from './paged-adapter.js';
import type { TextPositions } from './place-floats.js';

/** What floats: the markup contract's spanning figures and boxes. */
export const FLOAT_SELECTOR = 'figure.figure.span, aside.box.span';
/** The empty element left in the flow where a float was; its value is the float's index. */
const ANCHOR_ATTRIBUTE = 'data-float-anchor';
/** The band that holds a float on its sheet: the line grid's height, the float inside it. */
export const FLOAT_BAND_CLASS = 'banmian-float';

export interface PageFloat {
  /** For messages: "spanning figure 1". */
  name: string;
  /** The band element: a wrapper around the figure or box. */
  element: HTMLElement;
  /** Its height on the line grid, in px (a whole number of body lines). */
  height: number;
}

/**
 * Takes the floats out of `content`, each replaced by an anchor. A float inside another float stays
 * where it is (it travels with the outer one).
 */
export function takeOutFloats(content: HTMLElement): HTMLElement[] {
  const floats = [...content.querySelectorAll<HTMLElement>(FLOAT_SELECTOR)].filter(
    (element) => !element.parentElement?.closest(FLOAT_SELECTOR),
  );
  floats.forEach((element, index) => {
    const anchor = document.createElement('div');
    anchor.setAttribute(ANCHOR_ATTRIBUTE, String(index));
    anchor.setAttribute('aria-hidden', 'true');
    element.replaceWith(anchor);
  });
  return floats;
}

/**
 * Each float in its band, measured across the sheet area as it prints there (outside the flow) and
 * rounded up to whole body lines with at least half a line between it and the text; the rest of the
 * band is space on the side of the text (set when its edge is known: `setFloatEdge`).
 */
export function measureFloats(floats: HTMLElement[], geometry: SheetGeometry, lineHeight: number): PageFloat[] {
  const width = geometry.width - geometry.marginLeft - geometry.marginRight;
  const bands = floats.map((element) => {
    const band = document.createElement('div');
    band.className = FLOAT_BAND_CLASS;
    band.style.cssText = `position:absolute;visibility:hidden;left:0;top:0;width:${width}px;display:flow-root;`;
    band.append(element);
    return band;
  });
  document.body.append(...bands);
  const measured = bands.map((band, index) => {
    const natural = band.getBoundingClientRect().height;
    const height = Math.ceil((natural + lineHeight / 2) / lineHeight - 0.01) * lineHeight;
    const kind = band.firstElementChild?.matches('aside') ? 'box' : 'figure';
    return { name: `spanning ${kind} ${index + 1}`, element: band, height };
  });
  for (const { element, height } of measured) {
    element.remove();
    element.style.cssText = `display:flex;flex-direction:column;box-sizing:border-box;height:${height}px;`;
  }
  return measured;
}

/** A band at the foot of a sheet has its spare space above the float, towards the text; at the top, below. */
export function setFloatEdge(float: PageFloat, edge: 'top' | 'bottom'): void {
  float.element.style.justifyContent = edge === 'bottom' ? 'flex-end' : 'flex-start';
}

/**
 * Where the anchors of `count` floats are in the text laid out in column pages `pages` under `bands`:
 * the column height of text before each (the columns before its own counted full), and of all of it.
 * An anchor not found (a page may drop an empty element) counts as at the end.
 */
export function anchorPositions(
  pages: HTMLElement[],
  count: number,
  geometry: SheetGeometry,
  bands: readonly Band[],
): TextPositions {
  const anchors: Array<number | undefined> = new Array(count).fill(undefined);
  let before = 0;
  let total = 0;
  pages.forEach((page, index) => {
    const area = pageContent(page);
    if (!area) return;
    const top = area.getBoundingClientRect().top;
    for (const anchor of area.querySelectorAll(`[${ANCHOR_ATTRIBUTE}]`)) {
      const float = Number(anchor.getAttribute(ANCHOR_ATTRIBUTE));
      if (float >= 0 && float < count) anchors[float] = before + anchor.getBoundingClientRect().top - top;
    }
    const text = document.createRange();
    text.selectNodeContents(area);
    total = before + Math.max(0, text.getBoundingClientRect().bottom - top);
    const sheet = Math.floor(index / geometry.columns);
    before += columnHeightLeft(bands, geometry, sheet, index % geometry.columns);
  });
  return { anchors: anchors.map((offset) => offset ?? total), total };
}
