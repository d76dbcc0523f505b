import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../src/build.js';
import { PrintBrowser } from '../src/print/browser.js';
import { seedInput } from './helpers/cli.js';
import { linesByColumn, pdfGlyphs, pdfImages, type VisualLine, visualLines } from './helpers/pdf.js';
import { gradientPng } from './helpers/png.js';
import { han, headingsWithoutTwoLines, loneCharacterLines } from './helpers/typography.js';

/*
 * The last sheet's columns end level whatever it holds: lists, links and
 * inline code, tables, quotations, code, pictures, many headings, and a
 * document of one sheet. Read from the PDF's glyphs: a column ends at the
 * baseline of its lowest line, and two columns' ends are compared in body
 * lines (11 pt × 1.65 on the default page).
 */
const MM = 72 / 25.4;
const A3_WIDTH = 297 * MM;
/** The sheet area, inside the margins: the running head and folio stand outside it. */
const AREA = { top: 22 * MM, bottom: (420 - 20) * MM };
const BODY_SIZE = 11;
/** The line pitch: 11 pt × 1.65 = 24.2 px, rounded to 24 px. */
const LINE = 18;

const paragraph = (n: number, from = 0) => `${han(n, from)}。`;

// A 1 × 1 grey PNG; shown at the column's width it is a square picture.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * One sheet: a column-wide photo fills most of column 1, two boxes and short paragraphs follow. Levelling
 * column 2 once pushed its last box past the last column (a box's rule and padding under its last line),
 * and balancing gave up: "text would fall outside its column". `picture` is the markup the photo has.
 */
const besidePhoto = (picture: string) => [
  '# 图片与方框',
  '## 篇名\n\n### 单位\n\n市委书记 张三',
  paragraph(50, 1),
  picture,
  '新华社记者 王五 摄',
  '图后的正文。',
  `### 编者按\n\n${paragraph(120)}`,
  '---',
  `> ${paragraph(25, 3)}`,
  '文末的正文。',
];

const fixtures: Record<string, string[]> = {
  // One sheet: a list whose items hold links and inline code, under a headline.
  list: [
    '# 列表与链接',
    paragraph(90),
    ...Array.from(
      { length: 16 },
      (_, i) => `- 第${i + 1}项：${han(36, i)}，见[说明${i + 1}](https://example.org/${i})与\`code-${i}\`。`,
    ),
    paragraph(70, 3),
  ],
  // One sheet: a table, a quotation, code and a picture between paragraphs.
  mixed: [
    '# 表格引文代码',
    paragraph(160),
    [
      '| 项目 | 说明 |',
      '| --- | --- |',
      ...Array.from({ length: 8 }, (_, i) => `| 第${i + 1}行 | ${han(30, i)} |`),
    ].join('\n'),
    `> ${paragraph(120, 5)}`,
    paragraph(140, 7),
    ['```', ...Array.from({ length: 10 }, (_, i) => `const value${i} = compute(${i});`), '```'].join('\n'),
    paragraph(100, 9),
    '![](picture.png)',
    paragraph(180, 11),
  ],
  // Two sheets: many short sections, each a heading and a paragraph. (With 34 of them the last sheet holds
  // one line and a title block with its three, which no balance can split: see `rows` for that case.)
  headings: [
    '# 多个小标题',
    ...Array.from({ length: 35 }, (_, i) => `## 第${i + 1}节 ${han(8, i)}\n\n${paragraph(70 + (i % 4) * 20, i)}`),
  ],
  figure: besidePhoto('![与会人员在会场交流发言](photo.png)'),
  // Raw HTML (built trusted): a block picture in a plain <div>, no figure.
  'div-picture': besidePhoto('<div><img src="photo.png" style="display:block;width:100%"></div>'),
  // Rows taller than the gap they would close: balancing cannot meet the rule and must say why.
  rows: [
    '# 长行表格',
    [
      '| 项目 | 说明 |',
      '| --- | --- |',
      ...Array.from({ length: 3 }, (_, i) => `| 第${i + 1}行 | ${han(330, i)} |`),
    ].join('\n'),
  ],
};

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-balance-'));
writeFileSync(path.join(workDir, 'picture.png'), PNG);
writeFileSync(path.join(workDir, 'photo.png'), gradientPng(320, 180));

interface Built {
  result: BuildResult;
  lines: VisualLine[];
  /** The columns of the last page, each top to bottom. */
  last: VisualLine[][];
  /** The foot of the lowest picture in each column of the last page, in points from the top (0: none). */
  pictureFeet: number[];
}

/** The foot of the lowest picture in each of the two columns of `page`. */
function pictureFeet(pdf: string, page: number): number[] {
  const feet = [0, 0];
  for (const image of pdfImages(pdf).filter((drawn) => drawn.page === page)) {
    const column = image.left < A3_WIDTH / 2 ? 0 : 1;
    feet[column] = Math.max(feet[column] as number, image.bottom);
  }
  return feet;
}

let browser: PrintBrowser;
const built = new Map<string, Built>();

async function buildOne(name: string, input: string): Promise<void> {
  const output = path.join(workDir, `${name}.pdf`);
  const result = await build({ input, output, browser, trusted: name === 'div-picture' });
  const lines = visualLines(pdfGlyphs(output));
  const pages = Math.max(...lines.map((line) => line.page));
  const inArea = lines.filter((line) => line.page === pages && line.y > AREA.top && line.y < AREA.bottom);
  const last = linesByColumn(inArea, A3_WIDTH, 2);
  built.set(name, { result, lines, last, pictureFeet: pictureFeet(output, pages) });
}

beforeAll(async () => {
  browser = await PrintBrowser.start();
  for (const [name, blocks] of Object.entries(fixtures)) {
    const input = path.join(workDir, `${name}.md`);
    writeFileSync(input, `${blocks.join('\n\n')}\n`);
    await buildOne(name, input);
  }
  await buildOne('seed', seedInput);
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

function get(name: string): Built {
  const found = built.get(name);
  if (!found) throw new Error(`${name} was not built`);
  return found;
}

/**
 * How far apart the last page's two columns end, in body lines (Infinity when one is empty): at the
 * baseline of a column's lowest line or the foot of its lowest picture, whichever is lower.
 */
function endsApart({ last, pictureFeet }: Built): number {
  if (last.length < 2) return Number.POSITIVE_INFINITY;
  const [left, right] = last.map((column, c) => Math.max(pictureFeet[c] ?? 0, ...column.map((line) => line.y))) as [
    number,
    number,
  ];
  return Math.abs(left - right) / LINE;
}

const balanceWarnings = ({ result }: Built) => result.warnings.filter((warning) => /last sheet/.test(warning));

describe.each(['list', 'mixed', 'headings', 'figure', 'div-picture'])('the last sheet of %s', (name) => {
  it('ends its two columns within two body lines of each other, with no warning', () => {
    const fixture = get(name);
    expect(fixture.last).toHaveLength(2);
    expect(endsApart(fixture)).toBeLessThanOrEqual(2);
    expect(balanceWarnings(fixture)).toEqual([]);
  });

  it('keeps the rules: no lone character, every heading with two lines', () => {
    const { lines, last } = get(name);
    const body = lines.filter((line) => Math.abs(line.size - BODY_SIZE) < 0.5);
    expect(loneCharacterLines(body).map((line) => line.text)).toEqual([]);
    expect(headingsWithoutTwoLines(last, BODY_SIZE * 1.4, BODY_SIZE)).toEqual([]);
  });
});

describe('one-sheet documents', () => {
  it('use both columns', () => {
    for (const name of ['list', 'mixed']) {
      const { result, last } = get(name);
      expect(result.layout.sheets, name).toBe(1);
      expect(last.map((column) => column.length > 5)).toEqual([true, true]);
    }
  });
});

describe('the seed', () => {
  it('ends the columns of its last sheet level, within one line', () => {
    const seed = get('seed');
    expect(seed.result.layout.sheets).toBe(2);
    expect(endsApart(seed)).toBeLessThanOrEqual(1);
    expect(balanceWarnings(seed)).toEqual([]);
  });
});

describe('a last sheet that cannot be balanced under the rules', () => {
  it('is said so in a warning with the reason', () => {
    const rows = get('rows');
    expect(endsApart(rows)).toBeGreaterThan(2);
    expect(balanceWarnings(rows)).toEqual([expect.stringMatching(/lines apart: .*column \d/)]);
    // Every row prints: a table's head repeated in the next column must not push the last row off the sheet.
    const text = rows.lines.map((line) => line.text).join('');
    expect(['第1行', '第2行', '第3行'].filter((row) => !text.includes(row))).toEqual([]);
  });
});
