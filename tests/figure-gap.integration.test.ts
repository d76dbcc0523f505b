import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../src/build.js';
import { linesByColumn, type PdfImage, pdfGlyphs, pdfImages, type VisualLine, visualLines } from './helpers/pdf.js';
import { gradientPng } from './helpers/png.js';
import { han } from './helpers/typography.js';

/**
 * A column-wide photo that does not fit in the rest of its column goes to the next column, and the text
 * after it fills the foot of its column: no blank gap, no text lost or out of order, no line over the
 * picture. Read from the PDF: glyph baselines (tests/helpers/pdf.ts) and the picture's box (mutool trace).
 */
const MM = 72 / 25.4;
const A3_WIDTH = 297 * MM;
/** The foot of the columns: the sheet area ends 20 mm above the foot of the page. */
const COLUMN_FOOT = (420 - 20) * MM;
const LINE = 11 * 1.65;

const caption = '会场一角';
const credit = '本报记者 李四 摄';
/** Ten paragraphs fill most of column 1; the last before the photo is short, so a third of the column is left. */
const before = Array.from({ length: 9 }, (_, i) => `第${i + 1}段${han(150, i)}。`);
const after = Array.from({ length: 12 }, (_, i) => `第${i + 11}段${han(150, i + 10)}。`);

const squeeze = (text: string) => text.replace(/\s+/g, '');
const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-figure-gap-'));

let result: BuildResult;
let columns: VisualLine[][];
let picture: PdfImage;

beforeAll(async () => {
  writeFileSync(path.join(workDir, 'photo.png'), gradientPng(1600, 900));
  const shortBefore = `第10段${han(40, 9)}。`;
  const blocks = ['# 标题', '## 篇名', ...before, shortBefore, `![${caption}](photo.png)`, credit, ...after];
  const input = path.join(workDir, 'page.md');
  const output = path.join(workDir, 'page.pdf');
  writeFileSync(input, `${blocks.join('\n\n')}\n`);
  result = await build({ input, output });
  const boxes = pdfImages(output).filter((box) => box.page === 1);
  expect(boxes).toHaveLength(1);
  picture = boxes[0] as PdfImage;
  const lines = visualLines(pdfGlyphs(output)).filter((line) => line.y > 22 * MM && line.y < COLUMN_FOOT + 4);
  columns = [...new Set(lines.map((line) => line.page))].flatMap((page) =>
    linesByColumn(
      lines.filter((line) => line.page === page),
      A3_WIDTH,
      2,
    ),
  );
}, 120_000);

describe('a column-wide photo that does not fit in the rest of its column', () => {
  it('goes to the next column, and no warning is given', () => {
    expect(result.warnings.filter((warning) => !/ ppi, below /.test(warning))).toEqual([]);
    expect(picture.left).toBeGreaterThan(A3_WIDTH / 2);
  });

  it('leaves no blank gap: the text after it fills column 1 to within two lines of its foot', () => {
    const first = columns[0] as VisualLine[];
    const lastBaseline = Math.max(...first.map((line) => line.y));
    expect(COLUMN_FOOT - lastBaseline).toBeLessThan(2 * LINE);
  });

  it('loses no text and keeps it in order', () => {
    const body = columns
      .flat()
      .filter((line) => ![caption, squeeze(credit)].includes(squeeze(line.text)))
      .map((line) => squeeze(line.text))
      .join('');
    const expected = [...before, `第10段${han(40, 9)}。`, ...after].join('');
    expect(body).toContain(expected);
  });

  it('has no line over the picture, and its caption under it', () => {
    const over = columns
      .flat()
      .filter((line) => line.page === 1 && line.left < picture.right && line.right > picture.left)
      .filter((line) => line.y > picture.top && line.y - 11 < picture.bottom);
    expect(over.map((line) => line.text)).toEqual([]);
    const captionLine = columns.flat().find((line) => squeeze(line.text) === caption);
    expect(captionLine?.y).toBeGreaterThan(picture.bottom);
  });
});
