/**
 * What the page's layout reports to Node (through `window.banmian.layout`), and its warnings: each with
 * a rule id, a severity as `check` gives them and, where known, the sheet and column it is about. Node
 * checks the report against a schema (src/layout/report.ts) and makes the warnings messages.
 */
import type { SheetGeometry } from './geometry.js';

/** As `check`'s messages: a warning, or information. (What cannot be printed fails the layout instead.) */
export type LayoutSeverity = 'warning' | 'info';

export interface LayoutWarning {
  /** The text printed for it. */
  reason: string;
  severity: LayoutSeverity;
  /** The step or rule that found it: `balance-columns`, `lone-character`… */
  ruleId: string;
  /** The printed page (from 1) and its column (from 1), where known. */
  sheet?: number;
  column?: number;
}

export function layoutWarning(
  ruleId: string,
  reason: string,
  where: { sheet?: number; column?: number } = {},
): LayoutWarning {
  return { reason, severity: 'warning', ruleId, ...where };
}

export interface PlacedImage {
  /** The `src` the Markdown wrote, and its line there (when known). */
  source: string;
  line?: number | undefined;
  /** Its pixels (as Node read them from the file) and the size it prints at, in CSS px. */
  pixelWidth: number;
  pixelHeight: number;
  width: number;
  height: number;
}

export interface PageLayoutReport {
  sheets: number;
  /** Columns Paged.js laid out, before the last sheet's were balanced. */
  columnPages: number;
  /** Page floats (spanning figures and boxes), and how many times the columns were laid out to place them. */
  floats: number;
  passes: number;
  /** Whether the last sheet's columns were balanced. */
  balanced: boolean;
  /** How far apart the last sheet's columns end, in body lines, once balanced. */
  balanceSpread?: number | undefined;
  geometry: SheetGeometry;
  /** Non-space characters in the source content and in the laid-out columns. */
  sourceCharacters: number;
  laidOutCharacters: number;
  /** Where the laid-out text first differs from the source, if it does. */
  textMismatch?: string | undefined;
  warnings: LayoutWarning[];
  /** Each picture from a file, as placed on the sheets: what Node needs to tell its print resolution. */
  images: PlacedImage[];
  /** The line grid, in px: its pitch, the baseline in a line box, lines in a full column; body lines off it. */
  grid: { pitch: number; baseline: number; linesPerColumn: number; offGrid: number };
  timings: { fonts: number; layout: number; compose: number };
  /** Whether the document was put in place of one laid out before in the page, rather than loaded. */
  inPlace: boolean;
}
