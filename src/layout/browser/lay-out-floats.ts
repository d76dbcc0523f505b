/**
 * Layout step 2, with page floats (page-floats.ts, place-floats.ts): the columns are laid out once
 * without them, each float is given a band on the sheet its anchor fell on, and the columns are laid
 * out again under those bands — again while the floats' places change, at most `MOST_PASSES` times.
 * Each float's sheet is found from how much text comes before its anchor, filled into the room the
 * floats before it leave (place-floats.ts), so the second layout is mostly right for a long document
 * too; those amounts only grow from pass to pass, so places do not go back and forth. A document
 * without floats is laid out once, as before.
 */

import type { Band } from './bands.js';
import type { SheetGeometry } from './geometry.js';
import { type LaidOutColumns, layOutColumns } from './lay-out-columns.js';
import type { LayoutWarning } from './layout-report.js';
import { anchorPositions, measureFloats, type PageFloat, setFloatEdge, takeOutFloats } from './page-floats.js';
import {
  type FloatPlacement,
  floatBands,
  locateInText,
  placeFloats,
  samePlacements,
  type TextPositions,
} from './place-floats.js';

/** Layouts at most: the first without floats, then two to settle where they go. */
const MOST_PASSES = 3;

export interface Floats {
  floats: PageFloat[];
  lineHeight: number;
}

/** Takes the floats out of the content and measures them in whole lines; none, and nothing else is done. */
export function prepareFloats(content: HTMLElement, geometry: SheetGeometry, lineHeight: number): Floats {
  const elements = takeOutFloats(content);
  if (elements.length === 0) return { floats: [], lineHeight: 0 };
  return { floats: measureFloats(elements, geometry, lineHeight), lineHeight };
}

export interface FloatLayout {
  columns: LaidOutColumns;
  /** The fixed bands and the floats' bands, as the columns were laid out under them. */
  bands: Band[];
  passes: number;
}

export async function layOutWithFloats(
  content: HTMLElement,
  geometry: SheetGeometry,
  fixed: Band[],
  { floats, lineHeight }: Floats,
  warnings: LayoutWarning[],
  onColumn: () => void,
): Promise<FloatLayout> {
  if (floats.length === 0) {
    return { columns: await layOutColumns(content, geometry, fixed, warnings, onColumn), bands: fixed, passes: 1 };
  }
  let used: FloatPlacement[] | undefined;
  // Monotone, so that a float that pushes its anchor on does not go back and forth.
  let seen: TextPositions = { anchors: floats.map(() => 0), total: 0 };
  for (let pass = 1; ; pass++) {
    const bands = used ? [...fixed, ...floatBands(floats, used, geometry)] : fixed;
    // Paged.js marks up the content it lays out: each pass gets a copy of it.
    const source = pass < MOST_PASSES ? (content.cloneNode(true) as HTMLElement) : content;
    const columns = await layOutColumns(source, geometry, bands, warnings, onColumn);
    const found = anchorPositions(columns.pages, floats.length, geometry, bands);
    seen = {
      anchors: seen.anchors.map((offset, index) => Math.max(offset, found.anchors[index] ?? offset)),
      total: Math.max(seen.total, found.total),
    };
    const next = placeFloats(floats, locateInText(seen, geometry), fixed, geometry, lineHeight);
    if (used && (samePlacements(used, next) || pass === MOST_PASSES)) {
      for (const [index, placement] of used.entries()) setFloatEdge(floats[index] as PageFloat, placement.edge);
      return { columns, bands, passes: pass };
    }
    columns.discard();
    used = next;
  }
}
