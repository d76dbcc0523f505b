import { fitCharacterGrid, readColumnCharacters } from './character-grid.js';
import { BLEED_ATTRIBUTE, MARKS_ATTRIBUTE, type Mark, PRINTER_MARKS, PX_PER_MM } from './contract.js';

/**
 * The sheet's geometry, read from the CSS custom properties a designer sets
 * on `:root` (styles/newspaper.css). Lengths are resolved by the browser, so
 * any CSS unit works; everything here is in CSS px.
 */
export interface SheetGeometry {
  width: number;
  height: number;
  marginTop: number;
  marginRight: number;
  marginBottom: number;
  marginLeft: number;
  columns: number;
  gap: number;
  /** Width and height of one column: one Paged.js page. */
  columnWidth: number;
  columnHeight: number;
  /** The body character's width, and how many of them a column line holds (the character grid). */
  character: number;
  columnCharacters: number;
  /** Printer's marks around the trimmed page, and the bleed beyond it. */
  bleed: number;
  marks: Mark[];
  /** The printed sheet: the trimmed page, its bleed and the room for marks around it. */
  mediaWidth: number;
  mediaHeight: number;
  /** Where the trimmed page sits on the printed sheet (the same on every side). */
  trimOffset: number;
}

/** Room for printer's marks outside the bleed. */
const MARK_ROOM_MM = 10;

const lengthProperties = {
  width: '--page-width',
  height: '--page-height',
  marginTop: '--page-margin-top',
  marginRight: '--page-margin-right',
  marginBottom: '--page-margin-bottom',
  marginLeft: '--page-margin-left',
  gap: '--column-gap',
} as const;

/** Lengths the style may leave unset, and what they are then. */
const optionalLengths = {
  gapMin: '--column-gap-min',
  gapMax: '--column-gap-max',
} as const;

export function readSheetGeometry(root: HTMLElement = document.documentElement): SheetGeometry {
  const style = getComputedStyle(root);
  const lengths = readLengths(style, lengthProperties, true);
  const limits = readLengths(style, optionalLengths, false);
  const columnsValue = style.getPropertyValue('--columns').trim();
  const columns = Number.parseInt(columnsValue, 10);
  if (!Number.isInteger(columns) || columns < 1 || columns > 12) {
    throw new Error(`--columns: "${columnsValue}" is not a column count from 1 to 12`);
  }
  const contentHeight = lengths.height - lengths.marginTop - lengths.marginBottom;
  if ((lengths.width - lengths.marginLeft - lengths.marginRight) / columns <= lengths.gap || contentHeight <= 0) {
    throw new Error('The page margins and column gaps leave no room for text');
  }
  const character = Number.parseFloat(style.fontSize);
  const grid = fitCharacterGrid({
    ...lengths,
    columns,
    character,
    columnCharacters: readColumnCharacters(style.getPropertyValue('--column-chars')),
    gapMin: limits.gapMin || lengths.gap / 2,
    gapMax: limits.gapMax || lengths.gap * 1.5,
  });
  // The running head, the folio and the preview's guides read the margins and gap from the style.
  root.style.setProperty('--page-margin-left', `${grid.marginLeft}px`);
  root.style.setProperty('--page-margin-right', `${grid.marginRight}px`);
  root.style.setProperty('--column-gap', `${grid.gap}px`);
  const { bleed, marks } = readPrinterMarks(root);
  const trimOffset = bleed + (marks.length > 0 ? MARK_ROOM_MM * PX_PER_MM : 0);
  return {
    ...lengths,
    ...grid,
    columns,
    character,
    columnHeight: contentHeight,
    bleed,
    marks,
    mediaWidth: lengths.width + 2 * trimOffset,
    mediaHeight: lengths.height + 2 * trimOffset,
    trimOffset,
  };
}

/** The lengths `properties` names, in px (0 for one not set, unless `required`). */
function readLengths<Key extends string>(
  style: CSSStyleDeclaration,
  properties: Record<Key, string>,
  required: boolean,
): Record<Key, number> {
  const lengths = {} as Record<Key, number>;
  for (const [key, property] of Object.entries(properties) as Array<[Key, string]>) {
    const value = style.getPropertyValue(property).trim();
    if (!value && required) throw new Error(`The stylesheet does not set ${property} on :root`);
    lengths[key] = value ? lengthInPx(value, property) : 0;
  }
  return lengths;
}

/** A CSS length as the browser resolves it, in px; `name` is what the error calls it. */
function lengthInPx(value: string, name: string): number {
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;visibility:hidden;height:0;';
  probe.style.width = value;
  document.body.append(probe);
  const px = probe.getBoundingClientRect().width;
  probe.remove();
  if (!(px >= 0) || (px === 0 && !/^0/.test(value))) throw new Error(`${name}: "${value}" is not a length`);
  return px;
}

/**
 * The bleed and marks asked for on the command line (`--bleed 3mm --marks
 * crop,cross`), which the template step puts on `<html data-bleed data-marks>`.
 */
function readPrinterMarks(root: HTMLElement): { bleed: number; marks: Mark[] } {
  const marks = (root.getAttribute(MARKS_ATTRIBUTE) ?? '')
    .split(/[\s,]+/)
    .filter((mark): mark is Mark => (PRINTER_MARKS as readonly string[]).includes(mark));
  const value = root.getAttribute(BLEED_ATTRIBUTE)?.trim();
  return { bleed: value ? lengthInPx(value, '--bleed') : 0, marks };
}
