/**
 * Layout step 2, with page floats (page-floats.ts, place-floats.ts): the columns are laid out once
 * without them, each float is given a band on the sheet its anchor fell on, and the columns are laid
 * out again under those bands — again while the floats' places change, at most `MOST_PASSES` times.
 * A float's sheet only ever moves on (the latest sheet its anchor was seen on), so a float that pushes
 * its own anchor to the next sheet follows it there once and stays. A document without floats is laid
 * out once, as before.
 */
import type { Band } from './bands.js';
import type { SheetGeometry } from './geometry.js';
import { type LaidOutColumns, layOutColumns } from './lay-out-columns.js';
import type { LayoutWarning } from './layout-report.js';
import {
  anchorSheets,
  bodyLineHeightOf,
  measureFloats,
  type PageFloat,
  setFloatEdge,
  takeOutFloats,
} from './page-floats.js';
import { type FloatPlacement, floatBands, placeFloats, samePlacements } from './place-floats.js';

/** Layouts at most: the first without floats, then two to settle where they go. */
const MOST_PASSES = 3;

export interface Floats {
  floats: PageFloat[];
  lineHeight: number;
}

/** Takes the floats out of the content and measures them; none, and nothing else is done. */
export function prepareFloats(content: HTMLElement, geometry: SheetGeometry): Floats {
  const elements = takeOutFloats(content);
  if (elements.length === 0) return { floats: [], lineHeight: 0 };
  const lineHeight = bodyLineHeightOf(content);
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
  let seen = floats.map(() => 0);
  for (let pass = 1; ; pass++) {
    const bands = used ? [...fixed, ...floatBands(floats, used, geometry)] : fixed;
    // Paged.js marks up the content it lays out: each pass gets a copy of it.
    const source = pass < MOST_PASSES ? (content.cloneNode(true) as HTMLElement) : content;
    const columns = await layOutColumns(source, geometry, bands, warnings, onColumn);
    const anchors = anchorSheets(columns.pages, floats.length, geometry.columns);
    seen = seen.map((sheet, index) => Math.max(sheet, anchors[index] ?? sheet));
    const next = placeFloats(floats, seen, fixed, geometry, lineHeight);
    if (used && (samePlacements(used, next) || pass === MOST_PASSES)) {
      for (const [index, placement] of used.entries()) setFloatEdge(floats[index] as PageFloat, placement.edge);
      return { columns, bands, passes: pass };
    }
    columns.discard();
    used = next;
  }
}
