/**
 * The line grid (行格): every line of body text — any text set at the body's line pitch, a paragraph, a
 * list item, a byline, a box's text — stands on the grid of its column, whose lines step by the pitch
 * from the column's top. Whatever comes between two runs of such text (a title, a picture, a table, the
 * space between articles) thereby takes a whole number of lines: the text after it is moved down to the
 * next line of the grid. Where the space goes is the style's choice, per block, with
 * `--grid-space: after | before | split` (after the block by default); at a column's top it is always
 * after, so that no column starts with space. Used while Paged.js fills a column (snap-to-line-grid.ts)
 * and when the last sheet is set in balanced columns (balance-columns.ts).
 */

import {
  GRID_BASELINE_ATTRIBUTE,
  GRID_CHARACTER_ATTRIBUTE,
  GRID_COLUMN_CHARACTERS_ATTRIBUTE,
  GRID_PITCH_ATTRIBUTE,
} from './contract.js';
import type { SheetGeometry } from './geometry.js';

export interface LineGrid {
  /** Px between two body lines: the body's line height (a whole px: styles/newspaper.css --line-pitch). */
  pitch: number;
  /** Px from the top of a body line box to its baseline. */
  baseline: number;
}

/** Where a column starts, for the element whose first line box is `rect`. */
export type ColumnOf = (rect: DOMRect) => { index: number; top: number };

/** Blocks whose lines keep their own spacing: a picture with its caption, a table's rows. */
const OWN_SPACING = 'figure.figure, table, .banmian-float';
/** The attributes that hold what the grid added to an element, so that it can be taken out again. */
const ADDED_PADDING = 'data-grid-padding';
const ADDED_BREAK = 'data-grid-break';
/** Off the grid by less than this is on it (layout units are 1/64 px). */
const EPSILON = 0.02;

/** The body's grid, read from a paragraph laid out in `host`'s style. */
export function readLineGrid(host: HTMLElement = document.body): LineGrid {
  const box = host.cloneNode(false) as HTMLElement;
  box.style.cssText = 'position:absolute;visibility:hidden;left:0;top:0;';
  const probe = document.createElement('p');
  probe.style.cssText = 'margin:0;padding:0;border:0;';
  const baseline = document.createElement('span');
  baseline.style.cssText = 'display:inline-block;width:0;height:0;vertical-align:baseline;';
  probe.append('中', baseline);
  box.append(probe);
  document.body.append(box);
  const computed = Number.parseFloat(getComputedStyle(probe).lineHeight);
  const pitch = Number.isFinite(computed) && computed > 0 ? computed : probe.getBoundingClientRect().height;
  const offset = baseline.getBoundingClientRect().bottom - probe.getBoundingClientRect().top;
  box.remove();
  return { pitch: pitch > 0 ? pitch : 24, baseline: offset };
}

/** How far `offset` (px from a column's top) is above the next line of the grid. */
export function shortOfGrid(offset: number, pitch: number): number {
  const lines = Math.ceil((offset - EPSILON) / pitch);
  const short = lines * pitch - offset;
  return short > EPSILON ? short : 0;
}

/** `height` rounded up to whole lines of the grid. */
export function wholeLines(height: number, pitch: number): number {
  return Math.max(0, Math.ceil((height - EPSILON) / pitch)) * pitch;
}

/** Elements that are phrasing content: inside a line, never a block of their own (the walk skips them). */
const PHRASING = new Set(
  'A ABBR B BDI BDO BR CITE CODE DATA DEL DFN EM I IMG INS KBD LABEL MARK Q RUBY S SAMP SMALL SPAN STRONG SUB SUP TIME U VAR WBR'.split(
    ' ',
  ),
);

/** Has text of its own, not only in blocks inside it: a text node, or phrasing content with text. */
function hasOwnText(element: Element): boolean {
  for (const child of element.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      if ((child.textContent ?? '').trim() !== '') return true;
    } else if (child instanceof Element && PHRASING.has(child.tagName) && child.textContent?.trim()) {
      return true;
    }
  }
  return false;
}

function isBlockBox(style: CSSStyleDeclaration): boolean {
  return /^(block|list-item|flow-root|table|flex|grid)$/.test(style.display) && style.position === 'static';
}

/** A body-text block (a line block): a block set at the pitch with text of its own. */
function isLineBlockStyle(style: CSSStyleDeclaration, grid: LineGrid): boolean {
  return (
    /^(block|list-item|flow-root)$/.test(style.display) &&
    style.position === 'static' &&
    Math.abs(Number.parseFloat(style.lineHeight) - grid.pitch) <= EPSILON
  );
}

/**
 * Calls `onLine` for each body-text block of `root` in document order, and `onOther` for every other
 * element that may be a block (checked by the caller only if it needs to know). Phrasing content is not
 * walked into, nor the blocks that keep their own spacing (OWN_SPACING), so a style is read only for an
 * element with text of its own: a column of 400 nested block quotes costs 400 checks of child nodes.
 */
function walkLineBlocks(
  root: Element,
  grid: LineGrid,
  onLine: (element: HTMLElement) => void,
  onOther: (element: HTMLElement) => void,
): void {
  const stack: Element[] = [...root.children].reverse();
  for (let element = stack.pop(); element; element = stack.pop()) {
    if (!(element instanceof HTMLElement) || PHRASING.has(element.tagName)) continue;
    if (element.matches(OWN_SPACING)) {
      onOther(element);
      continue;
    }
    if (hasOwnText(element) && isLineBlockStyle(getComputedStyle(element), grid)) onLine(element);
    else onOther(element);
    for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i] as Element);
  }
}

interface Run {
  /** The column of the last body line, and the elements since it (blocks or not: checked when needed). */
  column: number | undefined;
  elements: HTMLElement[];
}

/**
 * Moves each body-text block in `root` whose first line is off its column's grid down onto the grid.
 * Works on a laid-out tree; call `removeGridSpace` first to set it again.
 */
export function snapToLineGrid(root: HTMLElement, grid: LineGrid, columnOf: ColumnOf): void {
  const run: Run = { column: undefined, elements: [] };
  const onLine = (element: HTMLElement) => {
    run.column = snapBlock(element, grid, columnOf, run);
    run.elements = [];
  };
  walkLineBlocks(root, grid, onLine, (element) => run.elements.push(element));
}

/**
 * The same for one column laid out on its own (a Paged.js page). Space added above a block moves all that
 * follows by as much, so the moves are worked out from one reading of the column and made together: one
 * layout of the column, not one per block moved (which cost seconds on a column of deeply nested quotes).
 * A block this misplaces (space above one whose margin then stops collapsing) is named by the check of
 * the composed sheets (`linesOffGrid`).
 */
export function snapColumnToLineGrid(column: HTMLElement, grid: LineGrid): void {
  const top = column.getBoundingClientRect().top;
  const columnOf: ColumnOf = () => ({ index: 0, top });
  const moves: Array<[HTMLElement, number]> = [];
  const run: Run = { column: undefined, elements: [] };
  let shift = 0;
  const onLine = (element: HTMLElement) => {
    const first = lineOffset(element, columnOf);
    const short = first ? shortOfGrid(first.offset + shift, grid.pitch) : 0;
    if (short > 0) {
      const opener = run.column === 0 ? openerOf(run, element) : undefined;
      const before = opener ? short * spaceBefore(opener) : 0;
      if (opener && before > 0) moves.push([opener, before]);
      if (short > before) moves.push([element, short - before]);
      shift += short;
    }
    run.column = 0;
    run.elements = [];
  };
  walkLineBlocks(column, grid, onLine, (element) => run.elements.push(element));
  for (const [element, px] of moves) addPadding(element, px);
}

/** The block that opened the run since the last body line, not one that holds `line`. */
function openerOf(run: Run, line: HTMLElement): HTMLElement | undefined {
  return run.elements.find((other) => !other.contains(line) && isBlockBox(getComputedStyle(other)));
}

function firstLineColumn(element: HTMLElement, columnOf: ColumnOf) {
  const rect = element.getClientRects()[0];
  return rect ? { ...columnOf(rect), rect } : undefined;
}

/** The first line's offset from its column's top. */
function lineOffset(element: HTMLElement, columnOf: ColumnOf): { offset: number; index: number } | undefined {
  const column = firstLineColumn(element, columnOf);
  if (!column) return undefined;
  const style = getComputedStyle(element);
  const top = column.rect.top + Number.parseFloat(style.borderTopWidth) + Number.parseFloat(style.paddingTop);
  return { offset: top - column.top, index: column.index };
}

/** Moves one block onto the grid; returns the column its first line is then in. */
function snapBlock(element: HTMLElement, grid: LineGrid, columnOf: ColumnOf, run: Run): number | undefined {
  const first = lineOffset(element, columnOf);
  if (!first) return undefined;
  const short = shortOfGrid(first.offset, grid.pitch);
  if (short === 0) return first.index;
  // The block that opened the run since the last body line in this column, not one that holds this text.
  const opener = run.column === first.index ? openerOf(run, element) : undefined;
  const before = opener ? short * spaceBefore(opener) : 0;
  if (before > 0) addPadding(opener as HTMLElement, before);
  const now = lineOffset(element, columnOf);
  if (!now) return undefined;
  const rest = shortOfGrid(now.offset, grid.pitch);
  if (rest > 0) addPadding(element, rest);
  const after = lineOffset(element, columnOf);
  // Pushed into the next column (of a multi-column box) it starts that column's grid by itself.
  if (after && after.index !== now.index) {
    takeOut(element);
    element.style.breakBefore = 'column';
    element.setAttribute(ADDED_BREAK, '');
  }
  return after?.index;
}

/** The share of a block's space the style puts above it: `--grid-space: after | before | split`. */
function spaceBefore(block: HTMLElement): number {
  const value = getComputedStyle(block).getPropertyValue('--grid-space').trim();
  return value === 'before' ? 1 : value === 'split' ? 0.5 : 0;
}

function addPadding(element: HTMLElement, px: number): void {
  if (!element.hasAttribute(ADDED_PADDING)) element.setAttribute(ADDED_PADDING, element.style.paddingTop);
  const current = Number.parseFloat(getComputedStyle(element).paddingTop) || 0;
  element.style.paddingTop = `${current + px}px`;
}

function takeOut(element: HTMLElement): void {
  if (element.hasAttribute(ADDED_PADDING)) {
    element.style.paddingTop = element.getAttribute(ADDED_PADDING) ?? '';
    element.removeAttribute(ADDED_PADDING);
  }
  if (element.hasAttribute(ADDED_BREAK)) {
    element.style.breakBefore = '';
    element.removeAttribute(ADDED_BREAK);
  }
}

/** Takes out every space and break the grid added in `root`. */
export function removeGridSpace(root: HTMLElement): void {
  for (const element of root.querySelectorAll<HTMLElement>(`[${ADDED_PADDING}], [${ADDED_BREAK}]`)) takeOut(element);
}

/**
 * The body-text blocks of the composed `sheets` whose first line is off the grid of its sheet (which
 * starts at the top of the sheet area), with their text, for the build's warning.
 */
export function linesOffGrid(sheets: readonly HTMLElement[], grid: LineGrid): string[] {
  const off: string[] = [];
  for (const sheet of sheets) {
    const area = sheet.querySelector<HTMLElement>('.banmian-sheet-area');
    const columns = area?.querySelector<HTMLElement>('.banmian-columns');
    if (!area || !columns) continue;
    const top = area.getBoundingClientRect().top;
    const onLine = (element: HTMLElement) => {
      const first = lineOffset(element, () => ({ index: 0, top }));
      if (!first) return;
      const short = shortOfGrid(first.offset, grid.pitch);
      if (short > 0.1 && grid.pitch - short > 0.1) off.push((element.textContent ?? '').trim().slice(0, 12));
    };
    walkLineBlocks(columns, grid, onLine, () => {});
  }
  return off;
}

/** The grid on `<html>` (contract.ts): for the layout's handlers and the preview's grid aid. */
export function reportGrid(grid: LineGrid, geometry: SheetGeometry, root = document.documentElement): void {
  root.setAttribute(GRID_PITCH_ATTRIBUTE, String(grid.pitch));
  root.setAttribute(GRID_BASELINE_ATTRIBUTE, String(grid.baseline));
  root.setAttribute(GRID_CHARACTER_ATTRIBUTE, String(geometry.character));
  root.setAttribute(GRID_COLUMN_CHARACTERS_ATTRIBUTE, String(geometry.columnCharacters));
}

/** The grid as reported on `<html>`, with the character grid; undefined before the layout reported one. */
export interface ReportedGrid extends LineGrid {
  character: number;
  columnCharacters: number;
}

export function readReportedGrid(root = document.documentElement): ReportedGrid | undefined {
  const read = (name: string) => {
    const value = Number.parseFloat(root.getAttribute(name) ?? '');
    return Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const [pitch, character, columnCharacters] = [
    GRID_PITCH_ATTRIBUTE,
    GRID_CHARACTER_ATTRIBUTE,
    GRID_COLUMN_CHARACTERS_ATTRIBUTE,
  ].map(read);
  const baseline = Number.parseFloat(root.getAttribute(GRID_BASELINE_ATTRIBUTE) ?? '');
  if (!pitch || !character || !columnCharacters || !Number.isFinite(baseline)) return undefined;
  return { pitch, baseline, character, columnCharacters };
}
