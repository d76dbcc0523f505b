import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import {
  type PdfGlyph,
  type PdfImage,
  pdfGlyphs,
  pdfImages,
  pdfText,
  type VisualLine,
  visualLines,
} from './helpers/pdf.js';
import { gradientPng } from './helpers/png.js';

/**
 * A small page with a column-wide photo, its caption and credit, and two boxes (a 编者按 section and a
 * quotation), built into a PDF: the caption and the credit print under the picture, the caption from its left
 * edge, the credit at its right; the boxes' text prints whole, inside their padding.
 */
const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-figures-'));
const input = path.join(workDir, 'page.md');
const output = path.join(workDir, 'page.pdf');

const caption = '与会人员在会场交流发言';
const boxText = `${'为深入贯彻会议精神，本版今日刊发会议发言摘编，集中展示全市政协系统党建工作的经验做法。'.repeat(3)}以飨读者。`;
const quoteText = '政协系统党的建设是党进行伟大自我革命的重要组成部分。';
const markdown = [
  '# 图片与方框',
  '',
  '## 篇名',
  '',
  '### 单位',
  '',
  '市委书记 张三',
  '',
  '图前的正文。',
  '',
  `![${caption}](photo.png)`,
  '',
  '新华社记者 王五 摄',
  '',
  '图后的正文。',
  '',
  '### 编者按',
  '',
  boxText,
  '',
  '---',
  '',
  `> ${quoteText}`,
  '',
  '文末的正文。',
  '',
].join('\n');

const squeeze = (text: string) => text.replace(/\s+/g, '');
// The columns as the layout made them: a whole number of characters wide (styles/newspaper.css).
let COLUMN_WIDTH: number;
let GUTTER: number;

let lines: VisualLine[];
let image: PdfImage;

beforeAll(async () => {
  // 1,600 px across a 126 mm column: 322 ppi, above the 200 the build warns under.
  writeFileSync(path.join(workDir, 'photo.png'), gradientPng(1600, 900));
  writeFileSync(input, markdown);
  const result = await build({ input, output });
  expect(result.warnings).toEqual([]);
  COLUMN_WIDTH = result.layout.geometry.columnWidth * 0.75;
  GUTTER = result.layout.geometry.gap * 0.75;
  const boxes = pdfImages(output).filter((box) => box.page === 1);
  expect(boxes).toHaveLength(1);
  image = boxes[0] as PdfImage;
  lines = visualLines(pdfGlyphs(output).filter((glyph: PdfGlyph) => glyph.page === 1));
});

describe('a column-wide figure', () => {
  it('fills its column', () => {
    expect(image.right - image.left).toBeCloseTo(COLUMN_WIDTH, 0);
    // 16 ∶ 9, not stretched.
    expect((image.bottom - image.top) / (image.right - image.left)).toBeCloseTo(900 / 1600, 2);
  });

  it('prints its caption under the picture, from its left edge, a size below the text', () => {
    const line = lines.find((candidate) => squeeze(candidate.text) === caption);
    expect(line, lines.map((l) => l.text).join('\n')).toBeDefined();
    if (!line) return;
    expect(line.y).toBeGreaterThan(image.bottom);
    expect(line.y - image.bottom).toBeLessThan(20);
    expect(Math.abs(line.left - image.left)).toBeLessThan(1);
    const body = lines.find((candidate) => squeeze(candidate.text) === '图后的正文。');
    expect(line.size).toBeLessThan(body?.size ?? 0);
  });

  it('prints its credit on the next line, at the picture’s right edge, and nowhere else', () => {
    const captionLine = lines.find((candidate) => squeeze(candidate.text) === caption);
    const credit = lines.filter((candidate) => squeeze(candidate.text) === '新华社记者王五摄');
    expect(credit).toHaveLength(1);
    const [line] = credit as [VisualLine];
    expect(line.y).toBeGreaterThan(captionLine?.y ?? Number.POSITIVE_INFINITY);
    expect(line.y - image.bottom).toBeLessThan(40);
    expect(Math.abs(line.right - image.right)).toBeLessThan(1.5);
    // And the text after the figure comes after the credit: under it, or at the head of the next column.
    const after = lines.find((candidate) => squeeze(candidate.text) === '图后的正文。');
    expect(after && (after.left > image.right || after.y > line.y)).toBe(true);
  });
});

describe('boxes', () => {
  it('print all their text, the heading first, without the thematic break that ended the 编者按', () => {
    const text = squeeze(pdfText(output));
    expect(text).toContain(`编者按${boxText}`);
    expect(text).toContain(quoteText);
    expect(text).toContain('文末的正文。');
  });

  it('set their text inside the box’s padding, within the column', () => {
    const boxLines = lines.filter((line) => boxText.includes(squeeze(line.text)) && squeeze(line.text).length > 4);
    expect(boxLines.length).toBeGreaterThan(1);
    // The columns are as wide as the picture; the balanced last sheet may set the box in the next one.
    const columnLeft = (line: VisualLine) =>
      line.left > image.right ? image.left + COLUMN_WIDTH + GUTTER : image.left;
    for (const line of boxLines) {
      expect(line.left).toBeGreaterThan(columnLeft(line) + 8);
      expect(line.right).toBeLessThan(columnLeft(line) + COLUMN_WIDTH - 8);
    }
    expect(boxLines.map((line) => squeeze(line.text)).join('')).toBe(boxText);
  });
});
