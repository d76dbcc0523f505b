/**
 * Where each page float goes (page-floats.ts): a band across the sheet at the top of the sheet its
 * anchor falls on (under the bands already there: the headline group on sheet 1, the floats before it);
 * if that would leave its columns too little room, at the foot of that sheet; failing that, at the top
 * of the next sheet that has room. Floats keep their order: none goes on a sheet before the one of the
 * float before it. Arithmetic on the list of bands only.
 */
import { type Band, type BandEdge, columnHeightLeft } from './bands.js';
import type { SheetGeometry } from './geometry.js';
import type { PageFloat } from './page-floats.js';

/** The least text a sheet keeps in each column under and over its bands: a quarter of a column… */
const LEAST_TEXT_SHARE = 0.25;
/** …and never fewer lines than this. */
const LEAST_TEXT_LINES = 6;
/** The most of a column the floats at a sheet's top, and at its foot, may take (the headline group apart). */
const FLOAT_AREA_SHARE = { top: 0.6, bottom: 0.5 } as const;

export interface FloatPlacement {
  sheet: number;
  edge: BandEdge;
}

function leastText(geometry: SheetGeometry, lineHeight: number): number {
  return Math.max(geometry.columnHeight * LEAST_TEXT_SHARE, LEAST_TEXT_LINES * lineHeight);
}

/**
 * Whether `candidate` leaves each column it spans `least` px of text and, unless `anyArea`, fits in its
 * edge's float area.
 */
function roomFor(bands: readonly Band[], candidate: Band, geometry: SheetGeometry, least: number, anyArea = false) {
  const all = [...bands, candidate];
  const there = all.filter((band) => band.float && band.sheet === candidate.sheet && band.edge === candidate.edge);
  const area = there.reduce((sum, band) => sum + band.height, 0);
  if (!anyArea && area > geometry.columnHeight * FLOAT_AREA_SHARE[candidate.edge]) return false;
  for (let column = candidate.first; column < candidate.first + candidate.count; column++) {
    if (columnHeightLeft(all, geometry, candidate.sheet, column) < least) return false;
  }
  return true;
}

/** The sheet (from 0) float `index`'s anchor falls on, with `bands` on the sheets. */
export type AnchorLocator = (index: number, bands: readonly Band[]) => number;

/**
 * Places `floats` in order among the `fixed` bands, each from the sheet `locate` finds its anchor on
 * with the floats before it placed. A float whose band there pushes its own anchor on to the next
 * sheet goes to that sheet instead (its anchor then stays on the sheet before, and the float follows
 * it). A float too tall for any sheet's room goes at the top of the first sheet it fits on at all; if
 * it fits on none, this throws, as measureBands does for a band taller than the page area.
 */
export function placeFloats(
  floats: readonly PageFloat[],
  locate: AnchorLocator,
  fixed: readonly Band[],
  geometry: SheetGeometry,
  lineHeight: number,
): FloatPlacement[] {
  const bands: Band[] = [...fixed];
  const placements: FloatPlacement[] = [];
  let earliest = 0;
  floats.forEach((float, index) => {
    let band = bandFor(float, Math.max(locate(index, bands), earliest), bands, geometry, lineHeight);
    const pushed = locate(index, [...bands, band]);
    if (pushed > band.sheet) band = bandFor(float, pushed, bands, geometry, lineHeight);
    bands.push(band);
    placements.push({ sheet: band.sheet, edge: band.edge });
    earliest = band.sheet;
  });
  return placements;
}

/** Where the anchors are in the text: the column height of text before each, and of all of it, in px. */
export interface TextPositions {
  anchors: number[];
  total: number;
}

/** The text height the columns of sheet `sheet` hold under and over `bands`. */
function sheetCapacity(bands: readonly Band[], geometry: SheetGeometry, sheet: number): number {
  let capacity = 0;
  for (let column = 0; column < geometry.columns; column++) {
    capacity += columnHeightLeft(bands, geometry, sheet, column);
  }
  return capacity;
}

/**
 * Finds an anchor's sheet by filling the sheets with the text before it, in the room their bands
 * leave: what a layout under those bands would give, up to the slack at column ends. Never past the
 * sheet the text ends on.
 */
export function locateInText(text: TextPositions, geometry: SheetGeometry): AnchorLocator {
  return (index, bands) => {
    const offset = text.anchors[index] ?? text.total;
    let consumed = 0;
    for (let sheet = 0; ; sheet++) {
      const capacity = sheetCapacity(bands, geometry, sheet);
      if (offset < consumed + capacity || consumed + capacity >= text.total || capacity <= 0) return sheet;
      consumed += capacity;
    }
  };
}

/** The first place from sheet `target` on with room for the float: top, else foot, else the next sheet. */
function bandFor(float: PageFloat, target: number, bands: Band[], geometry: SheetGeometry, lineHeight: number): Band {
  const at = (sheet: number, edge: BandEdge) => floatBand(float, sheet, edge, geometry);
  const least = leastText(geometry, lineHeight);
  // A sheet further on than every band has none: if the float finds no room there, it finds none anywhere.
  const lastBanded = Math.max(target, ...bands.map((band) => band.sheet)) + 1;
  for (let sheet = target; sheet <= lastBanded; sheet++) {
    for (const edge of sheet === target ? (['top', 'bottom'] as const) : (['top'] as const)) {
      if (roomFor(bands, at(sheet, edge), geometry, least)) return at(sheet, edge);
    }
  }
  for (let sheet = target; sheet <= lastBanded; sheet++) {
    if (roomFor(bands, at(sheet, 'top'), geometry, lineHeight, true)) return at(sheet, 'top');
  }
  throw new Error(`The ${float.name} is taller than the page area`);
}

/** The bands of `floats` as placed. */
export function floatBands(
  floats: readonly PageFloat[],
  placements: readonly FloatPlacement[],
  geometry: SheetGeometry,
): Band[] {
  return floats.map((float, index) => {
    const { sheet, edge } = placements[index] as FloatPlacement;
    return floatBand(float, sheet, edge, geometry);
  });
}

/** The band `float` takes across every column of `sheet`, at `edge`. */
function floatBand(float: PageFloat, sheet: number, edge: BandEdge, geometry: SheetGeometry): Band {
  const { name, height, element } = float;
  return { name, sheet, edge, first: 0, count: geometry.columns, height, element, float: true };
}

export function samePlacements(a: readonly FloatPlacement[], b: readonly FloatPlacement[]): boolean {
  return (
    a.length === b.length && a.every((placement, i) => placement.sheet === b[i]?.sheet && placement.edge === b[i]?.edge)
  );
}
