import { MARK_PAIRS } from '../../src/layout/browser/contract.js';
import type { VisualLine } from './pdf.js';

/**
 * The typographic facts a Chinese desk checks, read from the glyphs of a
 * PDF (clreq: 避头尾, 标点挤压, 孤字, headings kept with their text).
 */

/** Closing and pause marks: none may start a line. */
export const CLOSING = /[、，。．：；！？）】》」』”’〕〉〗…‥·]/u;
/** Opening marks: none may end a line. */
export const OPENING = new RegExp(`[${MARK_PAIRS.map(([open]) => open).join('')}]`, 'u');
/** Full-width marks whose blank half is trimmed when two meet. */
const FULL_WIDTH_MARK = /[、，。：；！？（）【】《》「」『』“”‘’〔〕〈〉]/u;
const HAN = /\p{Script=Han}/u;

const HAN_FILLER =
  '政协党的建设工作会议召开总结交流全市系统经验推动履职深度融合高效联动以新成效促进质量大提升为人民事业高质量发展奠定坚实基础';

/** `n` Han characters from `from` on, no punctuation (so line breaks fall exactly where counted). */
export function han(n: number, from = 0): string {
  let text = '';
  while (text.length < n + from) text += HAN_FILLER;
  return text.slice(from, from + n);
}

export function hanCount(text: string): number {
  return [...text].filter((c) => HAN.test(c)).length;
}

/** Lines holding a single character, alone or with punctuation (孤字). */
export function loneCharacterLines(lines: VisualLine[]): VisualLine[] {
  return lines.filter((line) => {
    const letters = [...line.text].filter((c) => /[\p{L}\p{N}]/u.test(c));
    return letters.length === 1 && HAN.test(letters[0] as string);
  });
}

export function linesStartingWithClosingMark(lines: VisualLine[]): VisualLine[] {
  return lines.filter((line) => CLOSING.test(line.text.charAt(0)));
}

export function linesEndingWithOpeningMark(lines: VisualLine[]): VisualLine[] {
  return lines.filter((line) => OPENING.test(line.text.charAt(line.text.length - 1)));
}

/** The ideographic em of a line: the most common advance from one Han character to the next. */
function emOf(line: VisualLine): number | undefined {
  const advances = new Map<number, number>();
  line.glyphs.forEach((glyph, i) => {
    const next = line.glyphs[i + 1];
    if (!next || !HAN.test(glyph.char) || !HAN.test(next.char)) return;
    const advance = Math.round((next.x - glyph.x) * 10) / 10;
    advances.set(advance, (advances.get(advance) ?? 0) + 1);
  });
  return [...advances].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export interface PunctuationPair {
  pair: string;
  /** From the first mark to the second, in ems of the line. */
  advance: number;
}

/** Each two adjacent full-width marks on a line, with how far apart they are set. */
export function punctuationPairs(lines: VisualLine[]): PunctuationPair[] {
  const pairs: PunctuationPair[] = [];
  for (const line of lines) {
    const em = emOf(line);
    if (!em) continue;
    line.glyphs.forEach((glyph, i) => {
      const next = line.glyphs[i + 1];
      if (!next || !FULL_WIDTH_MARK.test(glyph.char) || !FULL_WIDTH_MARK.test(next.char)) return;
      pairs.push({ pair: glyph.char + next.char, advance: (next.x - glyph.x) / em });
    });
  }
  return pairs;
}

/**
 * Headings (lines at least `headingSize`) followed in their column by fewer
 * than two body lines (`bodySize`), unless nothing follows them at all.
 * `columns` as from `linesByColumn`, each top to bottom.
 */
export function headingsWithoutTwoLines(columns: VisualLine[][], headingSize: number, bodySize: number): string[] {
  const found: string[] = [];
  columns.forEach((column, c) => {
    // Body lines are set flush left or indented two ems: centred lines (a byline) are not body text.
    const left = Math.min(...column.map((line) => line.left));
    const isBody = (line: VisualLine) => Math.abs(line.size - bodySize) < 0.5 && line.left - left < 3 * bodySize;
    column.forEach((line, i) => {
      if (line.size < headingSize) return;
      const rest = column.slice(i + 1);
      // A heading's own further lines and the lines of its header group come first.
      const bodyBelow = rest.filter(isBody).length;
      const anythingLater = columns.slice(c + 1).some((later) => later.length > 0);
      if (bodyBelow < 2 && (anythingLater || rest.length > 0)) found.push(line.text);
    });
  });
  return found;
}
