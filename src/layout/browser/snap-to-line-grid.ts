/// <reference path="./paged.d.ts" />
/**
 * The line grid while Paged.js fills a column: each time it has added content and before it looks for
 * where the column overflows, the body text added is moved onto the column's grid (line-grid.ts). The
 * space that takes is then part of the column when Paged.js decides where to break it, so nothing is
 * fixed up afterwards. Each column's grid starts at its own top: under a band, that is a whole number of
 * lines below the sheet's (bands are rounded to lines: measure-bands.ts).
 */
import { type LineGrid, readLineGrid, readReportedGrid, snapColumnToLineGrid } from './line-grid.js';

export class SnapToLineGrid extends Paged.Handler {
  private grid: LineGrid | undefined;

  layout(wrapper: HTMLElement): void {
    // The grid the layout measured on the content and reported; measured here only without a report.
    this.grid ??= readReportedGrid() ?? readLineGrid();
    snapColumnToLineGrid(wrapper, this.grid);
  }
}
