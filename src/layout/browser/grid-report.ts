/**
 * What the build says about the line and character grid: a pitch that cannot step evenly, body text
 * found off the grid once the sheets are composed, and the grid itself in the report for Node.
 */
import { points } from './contract.js';
import type { SheetGeometry } from './geometry.js';
import { type LayoutWarning, layoutWarning } from './layout-report.js';
import { type LineGrid, linesOffGrid } from './line-grid.js';

/** Chromium sets line boxes on whole px: lines a pitch between two apart step by one or the other. */
export function pitchWarnings({ pitch }: LineGrid): LayoutWarning[] {
  if (Number.isInteger(pitch)) return [];
  return [
    layoutWarning(
      'line-grid',
      `the body's line height is ${Number(pitch.toFixed(3))}px, not a whole px: its lines print ` +
        `${points(Math.floor(pitch))} or ${points(Math.ceil(pitch))} apart, off the grid (set --body-leading, ` +
        'which --line-pitch rounds, rather than line-height)',
    ),
  ];
}

export interface GridReport extends LineGrid {
  linesPerColumn: number;
  /** Blocks of body text found off the grid. */
  offGrid: number;
}

/** Checks the composed `sheets` against the grid, warning of text off it, and reports the grid. */
export function checkGrid(
  sheets: readonly HTMLElement[],
  grid: LineGrid,
  geometry: SheetGeometry,
  warnings: LayoutWarning[],
): GridReport {
  const off = linesOffGrid(sheets, grid);
  if (off.length > 0) {
    const what = `${off.length} ${off.length === 1 ? 'block' : 'blocks'} of body text`;
    warnings.push(layoutWarning('line-grid', `${what} off the line grid: "${off[0]}…"`));
  }
  return { ...grid, linesPerColumn: Math.floor(geometry.columnHeight / grid.pitch + 0.01), offGrid: off.length };
}
