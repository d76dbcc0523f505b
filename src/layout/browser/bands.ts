/**
 * Spanning bands: a strip of a sheet across some of its columns (all of them, or a run of them), at the
 * top or at the bottom of the sheet area, that the flow of text goes around. A band is measured before
 * its sheet's columns are laid out, and the columns under it are shorter by its height. The headline
 * group is one (across all columns at the top of the first sheet); page floats — a figure or a box at
 * the top or foot of the sheet where it is cited — are more (page-floats.ts). Bands on one edge of a sheet
 * stack in the order of the list. Everything here is arithmetic on the list, in CSS px.
 */
import type { SheetGeometry } from './geometry.js';

export type BandEdge = 'top' | 'bottom';

export interface Band {
  /** What the band holds, for messages: "headline group". */
  name: string;
  /** The sheet it is on, from 0. */
  sheet: number;
  edge: BandEdge;
  /** The first column it spans (from 0) and how many. */
  first: number;
  count: number;
  /** Its height, measured at its width. */
  height: number;
  element: HTMLElement;
  /** A page float (a spanning figure or box, placed by place-floats.ts), not a band of the template. */
  float?: boolean;
}

/** Space kept free of text above and below a column (or a gutter), in px. */
export interface Reserved {
  top: number;
  bottom: number;
}

function spans(band: Band, column: number): boolean {
  return column >= band.first && column < band.first + band.count;
}

function overlap(a: Band, b: Band): boolean {
  return a.first < b.first + b.count && b.first < a.first + a.count;
}

/** What the bands of sheet `sheet` take above and below the columns `first` to `last`, each of them spanned. */
function reservedOver(bands: readonly Band[], sheet: number, first: number, last: number): Reserved {
  const reserved = { top: 0, bottom: 0 };
  for (const band of bands) {
    if (band.sheet === sheet && spans(band, first) && spans(band, last)) reserved[band.edge] += band.height;
  }
  return reserved;
}

/** The space the bands take above and below column `column` of sheet `sheet`. */
export function reservedSpace(bands: readonly Band[], sheet: number, column: number): Reserved {
  return reservedOver(bands, sheet, column, column);
}

/** The column height left on sheet `sheet` for its column `column`, under and over its bands. */
export function columnHeightLeft(
  bands: readonly Band[],
  geometry: SheetGeometry,
  sheet: number,
  column: number,
): number {
  const { top, bottom } = reservedSpace(bands, sheet, column);
  return geometry.columnHeight - top - bottom;
}

/** The space taken above and below the rule in the gutter before column `column`: bands across that gutter. */
export function gutterSpace(bands: readonly Band[], sheet: number, column: number): Reserved {
  return reservedOver(bands, sheet, column - 1, column);
}

/**
 * The space taken on every column of a sheet, when each band on it spans all its columns (they are then
 * all the same height, as a multi-column box needs); undefined when a band spans fewer.
 */
export function sheetSpace(bands: readonly Band[], geometry: SheetGeometry, sheet: number): Reserved | undefined {
  const on = bands.filter((band) => band.sheet === sheet);
  if (on.some((band) => band.first !== 0 || band.count !== geometry.columns)) return undefined;
  return reservedSpace(on, sheet, 0);
}

/** The width of `count` columns from `first` and the gutters between them (all of them: the sheet area's width). */
export function spanWidth(geometry: SheetGeometry, first: number, count: number): number {
  if (first === 0 && count === geometry.columns) return geometry.width - geometry.marginLeft - geometry.marginRight;
  return count * geometry.columnWidth + (count - 1) * geometry.gap;
}

/**
 * Where a band sits in the sheet area: under (or, at the foot, over) the bands before it on its edge;
 * the bands at the foot stack up from `foot` (the foot of the sheet area unless the sheet says otherwise).
 */
export function bandBox(
  bands: readonly Band[],
  band: Band,
  geometry: SheetGeometry,
  foot = geometry.columnHeight,
): { left: number; top: number; width: number } {
  let offset = 0;
  for (const other of bands) {
    if (other === band) break;
    if (other.sheet === band.sheet && other.edge === band.edge && overlap(other, band)) offset += other.height;
  }
  return {
    left: band.first * (geometry.columnWidth + geometry.gap),
    top: band.edge === 'top' ? offset : foot - offset - band.height,
    width: spanWidth(geometry, band.first, band.count),
  };
}

/** The sheets that have bands, each once. */
export function sheetsWithBands(bands: readonly Band[]): number[] {
  return [...new Set(bands.map((band) => band.sheet))];
}
