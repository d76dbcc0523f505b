/**
 * What the Node side and the page agree on: element ids, data attributes, URL prefixes, class names and
 * the mark sets both read. Compiled for Node and served to the page (it imports nothing), so each name
 * is written here once.
 */

/** CSS px in PDF points (Chromium prints 96 px to the inch), and in mm. */
export const PT_PER_PX = 0.75;
export const PX_PER_MM = 96 / 25.4;

/** `18 pt`: a length of CSS px in points, as messages give it. */
export function points(px: number): string {
  return `${Number((px * PT_PER_PX).toFixed(2))} pt`;
}

/** The style that hides the document until the layout has run; the layout removes it. */
export const HOLD_STYLE_ID = 'banmian-hold';

/** `<html data-bleed="3mm" data-marks="crop cross">`: the bleed and printer's marks asked for. */
export const BLEED_ATTRIBUTE = 'data-bleed';
export const MARKS_ATTRIBUTE = 'data-marks';

/** On the script that loads Paged.js: the installed Paged.js version, which the page's adapter names when it fails. */
export const PAGEDJS_VERSION_ATTRIBUTE = 'data-pagedjs-version';

/** The printer's marks banmian draws outside the bleed. */
export const PRINTER_MARKS = ['crop', 'cross'] as const;
export type Mark = (typeof PRINTER_MARKS)[number];

/** The preview server's own URLs (events, reports, its client) live under this prefix. */
export const PREVIEW_PREFIX = '/__banmian/';

/**
 * Quotation marks and brackets that come in pairs in Chinese text. ASCII quotes are left out (the same
 * mark opens and closes), and so are ASCII brackets, which Latin text uses for list numbers as often
 * as in pairs.
 */
export const MARK_PAIRS: ReadonlyArray<readonly [open: string, close: string]> = [
  ['“', '”'],
  ['‘', '’'],
  ['（', '）'],
  ['《', '》'],
  ['〈', '〉'],
  ['【', '】'],
  ['〔', '〕'],
  ['〖', '〗'],
  ['［', '］'],
  ['｛', '｝'],
  ['「', '」'],
  ['『', '』'],
];

/** Marks that belong with the character after them: the Chinese openers, and ASCII brackets. */
export const OPENING_MARKS = `${MARK_PAIRS.map(([open]) => open).join('')}([{`;

/**
 * The line and character grid the layout set the text on (line-grid.ts), on `<html>` after the layout, in
 * CSS px: the pitch between body lines, the offset of a body line's baseline inside its line box, the
 * body character's width (the column is a whole number of them) and the characters per column line. The
 * grid of each sheet starts at the top of its sheet area (`.banmian-sheet-area`); its columns are the
 * `.banmian-column` boxes in it.
 */
export const GRID_PITCH_ATTRIBUTE = 'data-grid-pitch';
export const GRID_BASELINE_ATTRIBUTE = 'data-grid-baseline';
export const GRID_CHARACTER_ATTRIBUTE = 'data-grid-character';
export const GRID_COLUMN_CHARACTERS_ATTRIBUTE = 'data-grid-column-characters';
/** On each `.banmian-column`: where its text starts and ends, px from its top (under and over its bands). */
export const COLUMN_TEXT_TOP_ATTRIBUTE = 'data-text-top';
export const COLUMN_TEXT_BOTTOM_ATTRIBUTE = 'data-text-bottom';
