/**
 * The character grid (字格): every column a whole number of body characters wide, so that a line of Han
 * text without punctuation sets solid and its characters stand in vertical files across the lines. The
 * page width stays as the designer set it; what a whole number of characters leaves over (or lacks) is
 * shared equally by the gutters and the two side margins, a gutter kept within the style's limits.
 */

import { PX_PER_MM } from './contract.js';

/** The horizontal measures of a sheet, in CSS px. */
export interface Measure {
  marginLeft: number;
  marginRight: number;
  gap: number;
  columnWidth: number;
}

export interface CharacterGridStyle {
  /** The trimmed page's width, and the side margins and gap the style asks for. */
  width: number;
  marginLeft: number;
  marginRight: number;
  gap: number;
  columns: number;
  /** The body character's width: its font size. */
  character: number;
  /** Characters per column line the style asks for (`--column-chars`), or undefined for as many as fit. */
  columnCharacters: number | undefined;
  gapMin: number;
  gapMax: number;
}

export interface CharacterGrid extends Measure {
  columnCharacters: number;
}

/** Narrower side margins than this leave no room for the running head's rule, nor for the press's grip. */
const LEAST_MARGIN = 5 * PX_PER_MM;

/**
 * The column measure for a whole number of characters per line. Throws when the characters asked for
 * cannot fit the page with gutters and margins inside their limits.
 */
export function fitCharacterGrid(style: CharacterGridStyle): CharacterGrid {
  const { width, columns, character, gapMin, gapMax } = style;
  const content = width - style.marginLeft - style.marginRight;
  const fitting = Math.floor(((content - (columns - 1) * style.gap) / columns + 0.01) / character);
  const columnCharacters = style.columnCharacters ?? fitting;
  const columnWidth = columnCharacters * character;
  const gutters = columns - 1;
  // What is left of the width after the columns and the gaps and margins as set, shared equally.
  const rest = width - columns * columnWidth - gutters * style.gap - style.marginLeft - style.marginRight;
  const gap = gutters > 0 ? clamp(style.gap + rest / (gutters + 2), gapMin, gapMax) : style.gap;
  const side = (rest - gutters * (gap - style.gap)) / 2;
  const marginLeft = style.marginLeft + side;
  const marginRight = style.marginRight + side;
  if (columnCharacters < 1 || Math.min(marginLeft, marginRight) < LEAST_MARGIN) {
    throw new Error(
      `--column-chars: ${columns} columns of ${columnCharacters} characters of ${round(character)}px do not fit ` +
        `the page width of ${round(width)}px with gutters of at least ${round(gapMin)}px (--column-gap-min)`,
    );
  }
  return { marginLeft, marginRight, gap, columnWidth, columnCharacters };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function round(px: number): string {
  return px.toFixed(1);
}

/** `--column-chars` as the style sets it: a whole number from 1, or undefined when not set. */
export function readColumnCharacters(value: string): number | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`--column-chars: "${text}" is not a whole number of characters`);
  }
  return count;
}
