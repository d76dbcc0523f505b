import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { banmian } from './helpers/cli.js';
import { linesByColumn, pdfGlyphs, pdfPageSizes, pdfText, type VisualLine, visualLines } from './helpers/pdf.js';
import { countedCharacters, inOrderCoverage } from './helpers/text.js';
import {
  han,
  hanCount,
  headingsWithoutTwoLines,
  linesEndingWithOpeningMark,
  linesStartingWithClosingMark,
  loneCharacterLines,
  punctuationPairs,
} from './helpers/typography.js';

/*
 * Small inputs built to trip each rule, on the default page: A3, two columns
 * of 476 px, body 11 pt with 1.65 leading. A line holds 32 Han characters (30
 * after the 2-em indent) and a column 59 lines; the tests check these
 * premises on the PDF before relying on them.
 */
const PER_LINE = 32;
const FIRST_LINE = PER_LINE - 2;
const LINES_PER_COLUMN = 59;
const A3_WIDTH = (297 / 25.4) * 72;

/** A paragraph of exactly `lines` full lines. */
function fullParagraph(lines: number, from = 0): string {
  return `${han(FIRST_LINE + PER_LINE * (lines - 1) - 1, from)}。`;
}
/** Paragraphs filling `lines` lines. */
function filler(lines: number): string[] {
  const paragraphs: string[] = [];
  for (let left = lines; left > 0; left -= 5) paragraphs.push(fullParagraph(Math.min(5, left), left));
  return paragraphs;
}
/** A paragraph whose last line would hold one character: `fullLines` full lines and one more character. */
function loneEnding(fullLines: number, from = 0): string {
  return `${han(FIRST_LINE + PER_LINE * (fullLines - 1) + 1, from)}。`;
}

// A rule made for the fixture: each `***` starts a new column.
const columnBreaks = 'hr { break-before: page; border: 0; margin: 0; height: 0; }';

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-typography-'));
const stylesheet = path.join(workDir, 'column-breaks.css');
writeFileSync(stylesheet, columnBreaks);

function build(name: string, blocks: string[]): { pdf: string; source: string; lines: VisualLine[] } {
  const input = path.join(workDir, `${name}.md`);
  const pdf = path.join(workDir, `${name}.pdf`);
  const source = `${blocks.join('\n\n')}\n`;
  writeFileSync(input, source);
  const result = banmian(['build', input, '-o', pdf, '--style', stylesheet, '-q']);
  expect(result.status, result.stderr).toBe(0);
  return { pdf, source, lines: visualLines(pdfGlyphs(pdf)) };
}

const bodySize = (lines: VisualLine[]) => {
  const sizes = lines.map((line) => line.size).sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)] as number;
};

describe('line and column breaks on inputs made to trip them', () => {
  let pdf: string;
  let source: string;
  let columns: VisualLine[][];
  let body: VisualLine[];
  beforeAll(() => {
    const blocks = [
      // Column 1: 57 full lines, then a paragraph whose lone last character
      // would be the first line of column 2.
      ...filler(LINES_PER_COLUMN - 2),
      loneEnding(2, 7),
      '***',
      // Column 3: a heading with room for only one line of its text below it.
      ...filler(LINES_PER_COLUMN - 4),
      '## 标题在栏底附近',
      fullParagraph(6, 3),
      '***',
      // Paragraphs whose last line would hold one character (with and without a full stop).
      loneEnding(1, 1),
      loneEnding(2, 2),
      loneEnding(3, 5),
      `${han(FIRST_LINE + PER_LINE + 1, 9)}`,
      '***',
      // A closing mark or an opening mark where a line would break.
      ...['，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '”'].map(
        (mark, i) => `${han(FIRST_LINE, i)}${mark}${han(20, i + 3)}。`,
      ),
      ...['（', '《', '「', '“'].map(
        (mark, i) =>
          `${han(FIRST_LINE - 1, i)}${mark}${han(8, i + 2)}${{ '（': '）', '《': '》', '「': '」', '“': '”' }[mark]}${han(12, i)}。`,
      ),
      // Adjacent marks, and Han next to Latin letters and digits.
      '他说：“好。”（见《人民政协报》。）会议认为，“两个维护”、“四个意识”，都要落实。共有300余个项目，其中AI项目12个。',
    ];
    ({ pdf, source } = build('rules', blocks));
    const lines = visualLines(pdfGlyphs(pdf));
    const size = bodySize(lines);
    body = lines.filter((line) => Math.abs(line.size - size) < 0.5);
    // Body text and headings, without the running head and folio.
    columns = linesByColumn(
      lines.filter((line) => line.size > size - 0.5),
      A3_WIDTH,
      2,
    );
  });

  it('lays the fixture out as counted: 32 characters a line, 59 lines a column', () => {
    expect(Math.max(...body.map((line) => hanCount(line.text)))).toBe(PER_LINE);
    expect(columns[0]?.filter((line) => body.includes(line))).toHaveLength(LINES_PER_COLUMN);
  });

  it('leaves no line holding a single character, at a column top or a paragraph end', () => {
    expect(loneCharacterLines(body).map((line) => line.text)).toEqual([]);
    // The paragraph that ends column 1 sends two characters over, not one.
    const continued = columns[1]?.[0];
    expect(hanCount(continued?.text ?? '')).toBeGreaterThanOrEqual(2);
  });

  it('keeps a heading with at least two lines of its text in its column', () => {
    const size = bodySize(body);
    expect(headingsWithoutTwoLines(columns, size + 3, size)).toEqual([]);
    // The heading did not fit with two lines below it at the foot of column 3, so it opens column 4.
    expect(columns[3]?.[0]?.text).toBe('标题在栏底附近');
  });

  it('starts no line with a closing mark and ends none with an opening mark', () => {
    expect(linesStartingWithClosingMark(body).map((line) => line.text)).toEqual([]);
    expect(linesEndingWithOpeningMark(body).map((line) => line.text)).toEqual([]);
  });

  it('sets two adjacent full-width marks in 1.5 em, not 2', () => {
    const pairs = punctuationPairs(body);
    expect(pairs.length).toBeGreaterThanOrEqual(8);
    for (const { pair, advance } of pairs) expect(advance, pair).toBeLessThanOrEqual(0.75);
  });

  it('puts space between Han characters and Latin letters or digits', () => {
    const line = body.find((l) => l.text.includes('共有300'));
    const glyphs = line?.glyphs ?? [];
    const you = glyphs.findIndex((g, i) => g.char === '有' && glyphs[i + 1]?.char === '3');
    expect(you).toBeGreaterThanOrEqual(0);
    const [before, after] = [glyphs[you], glyphs[you + 1]];
    const em = (before?.right ?? 0) - (before?.x ?? 0);
    // text-autospace adds an eighth of an em; without it the digit touches the character.
    expect(((after?.x ?? 0) - (before?.right ?? 0)) / em).toBeGreaterThan(0.08);
  });

  it('changes no text: every character is printed, in order', () => {
    const expected = countedCharacters(source.replace(/^#+ |^\*\*\*$/gm, ''));
    expect(inOrderCoverage(expected, countedCharacters(pdfText(pdf)))).toBe(1);
  });
});

describe('the last page', () => {
  it('balances its columns', () => {
    // About one and a half columns of plain text on one page.
    const blocks = filler(LINES_PER_COLUMN + 30);
    const { lines } = build('balance', blocks);
    const columns = linesByColumn(lines, A3_WIDTH, 2).map((column) =>
      column.filter((line) => Math.abs(line.size - bodySize(lines)) < 0.5),
    );
    expect(columns).toHaveLength(2);
    const [left, right] = columns as [VisualLine[], VisualLine[]];
    // 89 lines: 45 and 44, not 59 and 30.
    expect(left.length + right.length).toBe(LINES_PER_COLUMN + 30);
    expect(Math.abs(left.length - right.length)).toBeLessThanOrEqual(1);
  });
});

describe('tables across a column break', () => {
  it('keeps each row whole, in one column', () => {
    // Rows of two cells, the second running to three lines, enough to fill more than a column.
    const rows = Array.from({ length: 40 }, (_, i) => `| 第${i + 1}行 | ${han(40, i)}，说明${i + 1}结束。 |`);
    const { pdf, source } = build('table', ['# 表格', ['| 项目 | 说明 |', '| --- | --- |', ...rows].join('\n')]);
    const lines = visualLines(pdfGlyphs(pdf));
    const columns = linesByColumn(lines, A3_WIDTH, 2);
    const columnOf = (text: string) => columns.findIndex((column) => column.some((line) => line.text.includes(text)));
    expect(columns.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i <= 40; i++) {
      const start = columnOf(`第${i}行`);
      expect(start, `row ${i}`).toBeGreaterThanOrEqual(0);
      expect(columnOf(`说明${i}结束`), `row ${i}`).toBe(start);
    }
    const expected = countedCharacters(source.replace(/^#+ |\||-{3}/gm, ''));
    expect(inOrderCoverage(expected, countedCharacters(pdfText(pdf)))).toBeGreaterThanOrEqual(0.995);
  });

  it('splits a row taller than a column like text, losing none of it', () => {
    // One cell of 8,000 characters: about four columns.
    const { pdf, source } = build('tall-row', [
      '# 表格',
      ['| 项目 | 说明 |', '| --- | --- |', `| 长 | ${han(8000)} |`].join('\n'),
    ]);
    expect(pdfPageSizes(pdf).length).toBeGreaterThanOrEqual(2);
    const expected = countedCharacters(source.replace(/^#+ |\||-{3}/gm, ''));
    expect(inOrderCoverage(expected, countedCharacters(pdfText(pdf)))).toBe(1);
  });
});

describe('code blocks across column breaks', () => {
  it('breaks inside them without losing a line, whatever white space ends the column', () => {
    // Indented lines, as in formulas and programs: a break can leave a newline and an indent behind.
    const block = (n: number) =>
      ['```', `=LET(`, `  rate_${n}, B${n},`, `  days_${n}, C${n},`, `    ROUND(rate_${n}/days_${n})`, ')', '```'].join(
        '\n',
      );
    const blocks = ['# 代码'];
    for (let n = 1; n <= 30; n++) blocks.push(`${han(50, n)}。`, block(n));
    const { pdf, source } = build('code', blocks);
    const text = countedCharacters(pdfText(pdf));
    for (let n = 1; n <= 30; n++) expect(text, `block ${n}`).toContain(countedCharacters(`ROUND(rate_${n}/days_${n})`));
    const expected = countedCharacters(source.replace(/^#+ |^```$/gm, ''));
    expect(inOrderCoverage(expected, text)).toBe(1);
  });
});
