import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../src/build.js';
import { PrintBrowser } from '../src/print/browser.js';
import { seedInput } from './helpers/cli.js';
import { linesByColumn, pdfGlyphs, type VisualLine, visualLines } from './helpers/pdf.js';
import { gradientPng } from './helpers/png.js';
import { han } from './helpers/typography.js';

/*
 * The line and character grid (行格, 字格), read from the PDF's glyphs: every line of body-size text (a
 * paragraph, a list item, a byline, a box's text) has its baseline on the grid of its sheet — the first
 * body line's baseline plus whole pitches — so lines of neighbouring columns stand level; the pitch is
 * exact; and a column is a whole number of body characters wide, so a line of Han text without
 * punctuation sets solid. The fixture has every kind of block that comes between runs of body text.
 */
const PT_PER_PX = 0.75;
/** The pitch the style asks for: the body size times the leading, rounded to a whole CSS px. */
const pitchOf = (sizePt: number, leading = 1.65) => Math.round((sizePt * leading) / PT_PER_PX) * PT_PER_PX;
const A3_WIDTH = (297 / 25.4) * 72;

const text = (n: number, from = 0) => `${han(n, from)}。`;
const blocks = [
  '# 网格标题 各种版块',
  '## ——副题说明各种块的高度',
  text(200, 1),
  '![会场全景照片的说明文字](photo.png)',
  '本报记者 王五 摄',
  '## 第一篇 标题较长需要两行才能排下的文章标题\n\n### 某某单位党组\n\n市某某局党组书记 张三',
  text(260, 2),
  `- ${text(40, 3)}\n- ${text(70, 4)}\n  - ${text(30, 5)}\n- ${text(20, 6)}`,
  `> ${text(90, 7)}`,
  ['| 项目 | 说明 |', '| --- | --- |', ...Array.from({ length: 5 }, (_, i) => `| 第${i + 1}行 | ${han(24, i)} |`)].join(
    '\n',
  ),
  text(180, 8),
  '---',
  `### 编者按\n\n${text(120, 9)}\n\n---`,
  ['```', ...Array.from({ length: 4 }, (_, i) => `const value${i} = compute(${i});`), '```'].join('\n'),
  `${text(150, 10)}[^1]\n\n[^1]: ${text(40, 11)}`,
  '## 第二篇 短标题\n\n### 某某区委员会\n\n区委员会主任 李四',
  text(420, 12),
  '## 第三篇 标题\n\n### 某某县委员会党组\n\n县委员会党组书记 赵六',
  text(600, 13),
];

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-grid-'));
writeFileSync(path.join(workDir, 'photo.png'), gradientPng(480, 300));
const fixture = path.join(workDir, 'blocks.md');
writeFileSync(fixture, `${blocks.join('\n\n')}\n`);
const threeColumns = path.join(workDir, 'three.css');
writeFileSync(threeColumns, ':root { --columns: 3; --column-gap: 6mm; --body-size: 9.5pt; }\n');
// A designer's odd spacing: every block still snaps, the text after it stays on the grid.
const oddSpacing = path.join(workDir, 'odd.css');
writeFileSync(
  oddSpacing,
  'article h2 { margin-bottom: 7px; } figure.figure { margin: 5px 0 11px; } .box { padding: 3px 9px; } ' +
    'table { margin: 13px 0; } article { margin-top: 1.37em; } ul { margin: 3px 0; } .byline { margin-top: 2px; }\n',
);

interface Built {
  result: BuildResult;
  lines: VisualLine[];
  size: number;
  columns: number;
}

let browser: PrintBrowser;
const built = new Map<string, Built>();

async function buildOne(name: string, input: string, styles: string[], size: number, columns: number) {
  const output = path.join(workDir, `${name}.pdf`);
  const result = await build({ input, output, browser, styles });
  built.set(name, { result, lines: visualLines(pdfGlyphs(output)), size, columns });
}

beforeAll(async () => {
  browser = await PrintBrowser.start();
  await buildOne('seed', seedInput, [], 11, 2);
  await buildOne('seed in three columns', seedInput, [threeColumns], 9.5, 3);
  await buildOne('blocks', fixture, [], 11, 2);
  await buildOne('blocks in three columns', fixture, [threeColumns], 9.5, 3);
  await buildOne('blocks, odd spacing', fixture, [oddSpacing], 11, 2);
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

/** The body-size lines of each page, by column: the text the grid is for. */
function bodyColumns({ lines, size, columns }: Built): VisualLine[][][] {
  const pages = [...new Set(lines.map((line) => line.page))];
  return pages.map((page) =>
    linesByColumn(
      lines.filter((line) => line.page === page && Math.abs(line.size - size) < 0.05),
      A3_WIDTH,
      columns,
    ),
  );
}

/** How far `y` is from the grid through `origin` with steps of `pitch`. */
function offGrid(y: number, origin: number, pitch: number): number {
  const k = Math.round((y - origin) / pitch);
  return Math.abs(y - origin - k * pitch);
}

const documents = ['seed', 'seed in three columns', 'blocks', 'blocks in three columns', 'blocks, odd spacing'];

describe.each(documents)('the grid of %s', (name) => {
  const get = () => built.get(name) as Built;

  it('steps by the exact pitch between consecutive lines of a column', () => {
    const { size } = get();
    const pitch = pitchOf(size);
    const steps = bodyColumns(get())
      .flat()
      .flatMap((column) => column.slice(1).map((line, i) => line.y - (column[i] as VisualLine).y));
    // Two runs of one line (split at a wide justified gap) step by 0; lines a block apart by more.
    const consecutive = steps.filter((step) => step > pitch * 0.5 && step < pitch * 1.5);
    expect(consecutive.length).toBeGreaterThan(50);
    for (const step of consecutive) expect(Math.abs(step - pitch)).toBeLessThan(0.1);
  });

  it('sets every body line of a sheet on one grid, so neighbouring columns stand level', () => {
    const pitch = pitchOf(get().size);
    const off: string[] = [];
    let counted = 0;
    for (const columns of bodyColumns(get())) {
      const origin = Math.min(...columns.flat().map((line) => line.y));
      for (const line of columns.flat()) {
        counted++;
        if (offGrid(line.y, origin, pitch) > 0.5)
          off.push(`p${line.page} ${line.y.toFixed(2)} ${line.text.slice(0, 8)}`);
      }
    }
    expect(counted).toBeGreaterThan(60);
    expect(off).toEqual([]);
    expect(get().result.layout.grid.offGrid).toBe(0);
    expect(get().result.warnings.filter((warning) => warning.includes('grid'))).toEqual([]);
  });

  it('makes a column a whole number of body characters wide, solid lines of Han filling it', () => {
    const { size, result } = get();
    const { columnCharacters } = result.layout.geometry;
    const solid = bodyColumns(get())
      .flat()
      .flat()
      .filter((line) => [...line.text].length === columnCharacters && /^\p{Script=Han}+$/u.test(line.text));
    // The seed's paragraphs have punctuation on nearly every line; the fixture's long runs of Han do not.
    if (name.startsWith('blocks')) expect(solid.length).toBeGreaterThan(3);
    // A line of as many Han characters as the column holds fills it with no space between them: each
    // character stands in its file, a whole character from the column's edge.
    for (const line of solid) {
      expect(Math.abs(line.right - line.left - columnCharacters * size)).toBeLessThan(0.5);
      for (const [i, glyph] of line.glyphs.entries())
        expect(Math.abs(glyph.x - line.left - i * size)).toBeLessThan(0.1);
    }
    expect(result.layout.geometry.columnWidth * PT_PER_PX).toBeCloseTo(columnCharacters * size, 1);
    // Most lines are full, justified to the column's edges: that width is the column's.
    const widths = new Map<number, number>();
    for (const line of bodyColumns(get()).flat().flat()) {
      const width = Math.round(line.right - line.left);
      widths.set(width, (widths.get(width) ?? 0) + 1);
    }
    const [common] = [...widths.entries()].sort((a, b) => b[1] - a[1])[0] as [number, number];
    expect(Math.abs(common - columnCharacters * size)).toBeLessThanOrEqual(0.5);
  });
});

describe('the reported grid', () => {
  it('gives the pitch, the lines of a column and its characters, from the style and the page', () => {
    const { layout } = (built.get('seed') as Built).result;
    expect(layout.grid.pitch).toBe(24); // 11 pt × 1.65 = 24.2 px, rounded
    // A3 less 22 and 20 mm of margins is 1428.7 px: 59 lines of 24 px.
    expect(layout.grid.linesPerColumn).toBe(59);
    // 297 mm less 2 × 18 mm margins and a 9 mm gap leaves 476.2 px a column: 32 characters of 14.67 px.
    expect(layout.geometry.columnCharacters).toBe(32);
    const three = (built.get('seed in three columns') as Built).result.layout;
    expect(three.geometry.columnCharacters).toBe(24); // (986.5 − 2 × 22.7) / 3 / 12.67 = 24.8
    expect(three.grid.pitch).toBe(21); // 9.5 pt × 1.65 = 20.9 px
  });
});
