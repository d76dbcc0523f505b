/// <reference lib="dom" />
/**
 * The preview's baseline grid (B): a line at each baseline of the grid the layout set the body text on,
 * and the character grid (字格) of each column, drawn into every column of every sheet as an SVG. The grid
 * is the one the layout reports on `<html>` (line-grid.ts, contract.ts). Screen only.
 */
import { COLUMN_TEXT_BOTTOM_ATTRIBUTE, COLUMN_TEXT_TOP_ATTRIBUTE } from '../../layout/browser/contract.js';
import { type ReportedGrid, readReportedGrid } from '../../layout/browser/line-grid.js';

const SVG = 'http://www.w3.org/2000/svg';
const GRID_CLASS = 'banmian-grid';

export const LINE_GRID_CSS = `
.${GRID_CLASS} { position: absolute; left: 0; top: 0; overflow: visible; pointer-events: none; display: none; }
@media screen { .banmian-baseline .${GRID_CLASS} { display: block; } }
.${GRID_CLASS} .baseline { stroke: rgb(0 150 255 / 0.7); stroke-width: 0.5; }
.${GRID_CLASS} .cell { stroke: rgb(0 150 255 / 0.2); stroke-width: 0.5; }
`;

/** Draws the grid into every column, once per page (it reloads for each version). */
export function drawLineGrid(): void {
  if (document.querySelector(`.${GRID_CLASS}`)) return;
  const grid = readReportedGrid();
  if (!grid) return; // no layout has reported one: it failed
  for (const area of document.querySelectorAll<HTMLElement>('.banmian-sheet-area')) {
    for (const column of area.querySelectorAll<HTMLElement>('.banmian-column')) {
      column.append(columnGrid(column, topIn(column, area), grid));
    }
  }
}

/** How far `element` is below the top of `ancestor`, from the positions each box between them is given. */
function topIn(element: HTMLElement, ancestor: HTMLElement): number {
  let top = 0;
  for (let box: HTMLElement | null = element; box && box !== ancestor; box = box.parentElement) {
    top += Number.parseFloat(getComputedStyle(box).top) || 0;
  }
  return top;
}

/** One column's grid: its baselines (counted from the sheet area's top, `top` above the column's) and its cells. */
function columnGrid(column: HTMLElement, top: number, grid: ReportedGrid): SVGSVGElement {
  const style = getComputedStyle(column);
  const width = Number.parseFloat(style.width);
  const height = Number.parseFloat(style.height);
  const svg = document.createElementNS(SVG, 'svg');
  svg.classList.add(GRID_CLASS);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  const line = (className: string, x1: number, y1: number, x2: number, y2: number) => {
    const element = document.createElementNS(SVG, 'line');
    element.classList.add(className);
    for (const [name, value] of Object.entries({ x1, y1, x2, y2 })) element.setAttribute(name, String(value));
    svg.append(element);
  };
  // Only where the column holds text: not over the bands above and below it.
  const textTop = Number(column.getAttribute(COLUMN_TEXT_TOP_ATTRIBUTE)) || 0;
  const textBottom = height - (Number(column.getAttribute(COLUMN_TEXT_BOTTOM_ATTRIBUTE)) || 0);
  for (let k = Math.ceil((top + textTop - grid.baseline) / grid.pitch); ; k++) {
    const y = grid.baseline + k * grid.pitch - top;
    if (y > textBottom) break;
    line('baseline', 0, y, width, y);
  }
  const cells = grid.columnCharacters;
  for (let i = 0; i <= cells; i++) line('cell', i * grid.character, textTop, i * grid.character, textBottom);
  return svg;
}
