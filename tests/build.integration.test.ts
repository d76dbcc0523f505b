import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { PrintBrowser } from '../src/print/browser.js';
import { findBrowser, isHeadlessShell, systemBrowserPaths } from '../src/print/chromium.js';
import { banmian, seedInput } from './helpers/cli.js';
import {
  linesByColumn,
  type PdfGlyph,
  type PdfLine,
  pdfFonts,
  pdfGlyphs,
  pdfLines,
  pdfPageSizes,
  pdfText,
  type VisualLine,
  visualLines,
} from './helpers/pdf.js';
import { countedCharacters, inOrderCoverage, printedMarkdownCharacters } from './helpers/text.js';
import {
  hanCount,
  headingsWithoutTwoLines,
  linesEndingWithOpeningMark,
  linesStartingWithClosingMark,
  loneCharacterLines,
  punctuationPairs,
} from './helpers/typography.js';

// A3 portrait in PostScript points.
const A3 = { width: (297 / 25.4) * 72, height: (420 / 25.4) * 72 };

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-build-'));
const pdf = path.join(workDir, 'digest.pdf');
const html = path.join(workDir, 'digest.html');
const source = readFileSync(seedInput, 'utf8');

/** Body lines: text set in the body face and size, away from the running head and folio. */
function bodyLines(lines: PdfLine[], bodySize: number): PdfLine[] {
  return lines.filter((line) => Math.abs(line.size - bodySize) < 0.5 && line.text.trim().length > 0);
}

function mostCommonSize(lines: ReadonlyArray<{ size: number; text: string }>): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 10) / 10;
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

describe('banmian build of the seed digest', () => {
  let stderr = '';
  beforeAll(() => {
    const result = banmian(['build', seedInput, '-o', pdf, '--html', html]);
    stderr = result.stderr;
    expect(result.status, result.stderr).toBe(0);
  });

  it('reports each stage with its time on stderr', () => {
    for (const stage of ['markdown', 'document', 'launch', 'layout', 'print']) {
      expect(stderr).toMatch(new RegExp(`^\\s+${stage}\\s+\\d+(\\.\\d+)? m?s$`, 'm'));
    }
    expect(stderr).toContain('digest.pdf');
  });

  it('prints every page at A3, 297 × 420 mm', () => {
    const pages = pdfPageSizes(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(A3.width, 0);
      expect(Math.abs(page.width - A3.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(page.height - A3.height)).toBeLessThanOrEqual(1);
    }
  });

  it('embeds every font, none as Type 3, Song for text and Hei for headlines', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.type, font.name).not.toMatch(/Type 3/);
    }
    const names = fonts.map((font) => font.name).join(' ');
    expect(names).toMatch(/NotoSerifSC-Regular/);
    expect(names).toMatch(/NotoSansSC-Bold/);
  });

  it('holds the source text in reading order, without Markdown syntax', () => {
    const text = pdfText(pdf);
    const coverage = inOrderCoverage(printedMarkdownCharacters(source), countedCharacters(text));
    expect(coverage).toBeGreaterThanOrEqual(0.995);
    expect(text).not.toContain('**');
    expect(text).not.toMatch(/#/);
  });

  it('has a text layer without Kangxi radicals or compatibility ideographs', () => {
    const text = pdfText(pdf);
    const radicals = [...text].filter((c) => /[\u2E80-\u2FDF\uF900-\uFAFF]/u.test(c));
    expect(radicals).toEqual([]);
  });

  it('sets body lines in two columns on each page, none across the gutter or off the page', () => {
    const pages = pdfLines(pdf);
    const bodySize = mostCommonSize(pages.flatMap((page) => page.lines));
    expect(bodySize).toBeGreaterThan(8);
    const centre = A3.width / 2;
    for (const [index, page] of pages.entries()) {
      for (const line of page.lines) {
        expect(line.x, `page ${index + 1}: ${line.text}`).toBeGreaterThanOrEqual(0);
        expect(line.y).toBeGreaterThanOrEqual(0);
        expect(line.x + line.width).toBeLessThanOrEqual(A3.width);
        expect(line.y + line.height).toBeLessThanOrEqual(A3.height);
      }
      const body = bodyLines(page.lines, bodySize);
      const left = body.filter((line) => line.x + line.width <= centre);
      const right = body.filter((line) => line.x >= centre);
      const crossing = body.filter((line) => line.x < centre && line.x + line.width > centre);
      expect(crossing.map((line) => line.text)).toEqual([]);
      expect(left.length, `page ${index + 1} left column`).toBeGreaterThan(20);
      expect(right.length, `page ${index + 1} right column`).toBeGreaterThan(20);
    }
  });

  it('centres the headline across the top of page 1, above the columns', () => {
    const [first] = pdfLines(pdf);
    if (!first) throw new Error('no pages');
    const largest = Math.max(...first.lines.map((line) => line.size));
    const headline = first.lines.filter((line) => line.size === largest);
    expect(headline.map((line) => line.text).join('')).toContain('党建引领强履职');
    const left = Math.min(...headline.map((line) => line.x));
    const right = Math.max(...headline.map((line) => line.x + line.width));
    expect(Math.abs((left + right) / 2 - A3.width / 2)).toBeLessThanOrEqual(0.02 * A3.width);
    expect(left).toBeLessThan(A3.width / 2);
    expect(right).toBeGreaterThan(A3.width / 2);
    const bodySize = mostCommonSize(first.lines);
    const headlineBottom = Math.max(...headline.map((line) => line.y + line.height));
    for (const line of bodyLines(first.lines, bodySize)) expect(line.y).toBeGreaterThan(headlineBottom);
  });

  it('keeps every article title with body text below it in its column', () => {
    const pages = pdfLines(pdf);
    const all = pages.flatMap((page) => page.lines);
    const bodySize = mostCommonSize(all);
    const headlineSize = Math.max(...all.map((line) => line.size));
    // Titles: the Hei face, well above body size, below the page headline (MuPDF rounds sizes down).
    const isTitle = (line: PdfLine) =>
      /NotoSansSC/.test(line.font) && line.size >= bodySize * 1.4 && line.size < headlineSize;
    let titles = 0;
    for (const page of pages) {
      const body = bodyLines(page.lines, bodySize);
      for (const title of page.lines.filter(isTitle)) {
        titles++;
        const sameColumn = (line: PdfLine) => line.x < title.x + title.width && line.x + line.width > title.x;
        const below = body.filter((line) => sameColumn(line) && line.y > title.y);
        expect(below.length, `title "${title.text}"`).toBeGreaterThanOrEqual(1);
      }
    }
    expect(titles).toBeGreaterThanOrEqual(7);
  });

  it('writes the HTML document with the digest’s structure', () => {
    const tree = unified().use(rehypeParse).parse(readFileSync(html, 'utf8')) as Root;
    const groups = selectAll('hgroup, header', tree).filter((el) => selectAll('h1', el).length > 0);
    expect(groups).toHaveLength(1);
    expect(selectAll('h1', tree)).toHaveLength(1);
    const group = groups[0] as Element;
    expect(hastToString(selectAll('h1', group)[0] as Element)).toBe('党建引领强履职 凝心聚力促发展');
    expect(hastToString(selectAll('.deck', group)[0] as Element)).toMatch(/^——加强新时代.*发言摘编$/);
    expect(selectAll('article', tree)).toHaveLength(7);
    expect(selectAll('article > header h2', tree)).toHaveLength(7);
    expect(selectAll('article > header h3', tree)).toHaveLength(7);
    expect(selectAll('.byline', tree)).toHaveLength(7);
    expect(selectAll('.credit', tree).map((el) => hastToString(el))).toEqual(['本报记者 李威文 刘洋 摄']);
    expect(selectAll('strong', tree)).toHaveLength(23);
    expect(hastToString(selectAll('body', tree)[0] as Element)).not.toContain('**');
  });

  it('joins the eight paragraphs the seed cut mid-sentence, and starts the run-on lead-in anew', () => {
    const tree = unified().use(rehypeParse).parse(readFileSync(html, 'utf8')) as Root;
    const paragraphs = selectAll('p', tree).map((p) => hastToString(p));
    const cuts = [
      '全面加强新时代人民政协',
      '全市政协系统党的建设工作经验',
      '联系点，推动政企',
      '活动，达到以品学',
      '先锋岗荣誉称号',
      '活动，打造“活力政协”',
      '职责明晰党建工作格局。',
      '“银企对接、金融助力”',
    ];
    for (const cut of cuts)
      expect(
        paragraphs.filter((p) => p.includes(cut)),
        cut,
      ).toHaveLength(1);
    expect(paragraphs.some((p) => p.startsWith('加强机关党的建设，提供坚强政治保证。'))).toBe(true);
    // The source has 2 more paragraphs than this: 8 joins take 8 away, the split adds 1.
    const sourceParagraphs = source.split(/\n{2,}/).filter((block) => block.trim() && !/^#/.test(block.trim()));
    expect(selectAll('p', tree)).toHaveLength(sourceParagraphs.length - 8 + 1 + 1);
  });
});

describe('the seed digest’s typography, read from the PDF’s glyphs', () => {
  let lines: VisualLine[];
  let body: VisualLine[];
  let columns: VisualLine[][];
  let size: number;
  beforeAll(() => {
    lines = visualLines(pdfGlyphs(pdf));
    size = mostCommonSize(lines);
    body = lines.filter((line) => Math.abs(line.size - size) < 0.5);
    columns = linesByColumn(
      lines.filter((line) => line.size > size - 0.5),
      A3.width,
      2,
    );
  });

  it('starts no line with a closing mark and ends none with an opening mark (避头尾)', () => {
    expect(body.length).toBeGreaterThan(150);
    expect(linesStartingWithClosingMark(body).map((line) => line.text)).toEqual([]);
    expect(linesEndingWithOpeningMark(body).map((line) => line.text)).toEqual([]);
  });

  it('sets adjacent full-width marks in at most 0.75 em (标点挤压)', () => {
    const pairs = punctuationPairs(body);
    // The seed has about 37 such pairs (“…”，（…）。and the like).
    expect(pairs.length).toBeGreaterThanOrEqual(30);
    const compressed = pairs.filter((pair) => pair.advance <= 0.75);
    expect(compressed.length / pairs.length).toBeGreaterThanOrEqual(0.95);
  });

  it('has no body line holding a single character (孤字)', () => {
    expect(loneCharacterLines(body).map((line) => line.text)).toEqual([]);
  });

  it('keeps at least two body lines under every heading in its column', () => {
    expect(headingsWithoutTwoLines(columns, size * 1.4, size)).toEqual([]);
  });

  it('breaks multi-line titles into balanced lines, none of one or two characters', () => {
    const titles = lines.filter((line) => line.size >= size * 1.4);
    expect(titles.length).toBeGreaterThanOrEqual(8);
    for (const title of titles) expect(hanCount(title.text), title.text).toBeGreaterThanOrEqual(3);
  });

  it('balances the columns of the last page', () => {
    const pages = Math.max(...lines.map((line) => line.page));
    const last = columns.filter((column) => column[0]?.page === pages);
    expect(last).toHaveLength(2);
    const [left, right] = last.map((column) => Math.max(...column.map((line) => line.y))) as [number, number];
    const columnBottom = A3.height - (20 / 25.4) * 72;
    // Filled in turn, the left column would run to the foot of the page; balanced, both stop
    // short of it, and at most a title block (title, organisation, byline, two lines) apart.
    expect(columnBottom - left).toBeGreaterThan(5 * size);
    expect(Math.abs(left - right)).toBeLessThan(10 * size);
  });
});

describe('banmian build with the full Chromium instead of the headless shell', () => {
  it('prints the same glyphs at the same places', () => {
    // The shell is found first; the full browser is what a machine without it prints with.
    const shell = findBrowser();
    const full = systemBrowserPaths.find((file) => !isHeadlessShell(file) && existsSync(file));
    expect(isHeadlessShell(shell), `the default browser ${shell} is the headless shell`).toBe(true);
    expect(full, 'a full Chromium or Chrome is installed (apt-get install chromium)').toBeDefined();
    const fullPdf = path.join(workDir, 'full-browser.pdf');
    const result = banmian(['build', seedInput, '-o', fullPdf], { env: { PUPPETEER_EXECUTABLE_PATH: full } });
    expect(result.status, result.stderr).toBe(0);
    const place = (glyph: PdfGlyph) =>
      `${glyph.page} ${glyph.x.toFixed(1)} ${glyph.y.toFixed(1)} ${glyph.font} ${glyph.char}`;
    const expected = pdfGlyphs(pdf).map(place);
    expect(expected.length).toBeGreaterThan(4000);
    expect(pdfGlyphs(fullPdf).map(place)).toEqual(expected);
  });
});

describe('one tab laying out document after document', () => {
  it('puts each in place of the one before and prints it as a fresh tab would', async () => {
    const browser = await PrintBrowser.start({ singleProcess: true });
    try {
      // Before the seed, a document unlike it: front matter (the masthead strip), three columns, a bold sans body.
      const other = path.join(workDir, 'other.md');
      writeFileSync(other, `---\npaper: 测试报\npage: 3\n---\n# 另一篇\n\n${'版面上的另一段正文。'.repeat(300)}\n`);
      const style = path.join(workDir, 'other.css');
      writeFileSync(
        style,
        ':root { --columns: 3; --font-song: "Noto Sans SC", sans-serif; }\np { font-weight: 700; }\n',
      );
      const first = await build({ input: other, output: path.join(workDir, 'other.pdf'), styles: [style], browser });
      expect(first.layout.inPlace).toBe(false);

      const inPlacePdf = path.join(workDir, 'in-place.pdf');
      const second = await build({ input: seedInput, output: inPlacePdf, browser });
      expect(second.layout.inPlace).toBe(true);
      const place = (glyph: PdfGlyph) =>
        `${glyph.page} ${glyph.x.toFixed(1)} ${glyph.y.toFixed(1)} ${glyph.font} ${glyph.char}`;
      // Nothing of the first document is left: the seed as a process of its own prints it.
      const freshPdf = path.join(workDir, 'fresh.pdf');
      expect(banmian(['build', seedInput, '-o', freshPdf, '-q']).status).toBe(0);
      expect(pdfGlyphs(inPlacePdf).map(place)).toEqual(pdfGlyphs(freshPdf).map(place));

      // A stylesheet that refers to a file is linked, not put in the document: the layout waits for it
      // (three columns), and its folder's URL does not move the scripts' (or the seed could not be put in place).
      const linked = path.join(workDir, 'linked.css');
      writeFileSync(linked, ':root { --columns: 3; }\n.unused { background: url("data:,"); }\n');
      const linkedPdf = path.join(workDir, 'in-place-linked.pdf');
      const third = await build({ input: seedInput, output: linkedPdf, styles: [linked], browser });
      expect(third.layout.inPlace).toBe(true);
      expect(third.layout.geometry.columns).toBe(3);
      const freshLinkedPdf = path.join(workDir, 'fresh-linked.pdf');
      expect(banmian(['build', seedInput, '-o', freshLinkedPdf, '--style', linked, '-q']).status).toBe(0);
      expect(pdfGlyphs(linkedPdf).map(place)).toEqual(pdfGlyphs(freshLinkedPdf).map(place));
      expect(pdfText(inPlacePdf)).not.toContain('测试报');
    } finally {
      await browser.close();
    }
  });
});

describe('banmian build with another face, size and column count', () => {
  it('flows the whole text through three columns per page', () => {
    const style = path.join(workDir, 'three-columns.css');
    writeFileSync(
      style,
      ':root { --columns: 3; --column-gap: 6mm; --body-size: 9.5pt; --font-song: "Noto Sans SC", sans-serif; }\n' +
        'p { font-weight: 700; }\n',
    );
    const out = path.join(workDir, 'three.pdf');
    const result = banmian(['build', seedInput, '-o', out, '--style', style, '-q']);
    expect(result.status, result.stderr).toBe(0);
    const coverage = inOrderCoverage(printedMarkdownCharacters(source), countedCharacters(pdfText(out)));
    expect(coverage).toBeGreaterThanOrEqual(0.995);
    const pages = pdfLines(out);
    const bodySize = mostCommonSize(pages.flatMap((page) => page.lines));
    const [first] = pages;
    if (!first) throw new Error('no pages');
    // Three distinct column starts on the first page.
    const starts = new Set(bodyLines(first.lines, bodySize).map((line) => Math.round(line.x / 40)));
    expect(starts.size).toBeGreaterThanOrEqual(3);
  });
});

describe('banmian build of mixed Latin and CJK material', () => {
  it('keeps every word of prose, lists, code and a table across column breaks', () => {
    const sentences = [
      'The editors checked each proof against the wire copy before the page went to press.',
      '编辑部在付印前逐条核对了通讯稿与校样，确保数字、人名和引语准确无误。',
      'Column breaks must never drop a word, even where a line ends in a space.',
    ];
    const blocks = ['---', 'notes: front matter is not printed', '---', '', '# Mixed 混排测试', ''];
    for (let i = 0; i < 40; i++) {
      blocks.push(`Paragraph ${i + 1}. ${sentences.join(' ')} ${sentences[i % 3]}`, '');
      if (i % 10 === 3) blocks.push('- first item 第一项', '- second item with `code` 第二项', '');
      if (i % 10 === 6)
        blocks.push(
          '```',
          `const line${i} = "a long line of code that is wider than a column and must wrap";`,
          '```',
          '',
        );
      if (i % 10 === 8) blocks.push('| 项目 | value |', '| --- | --- |', `| 行 ${i} | ${sentences[0]} |`, '');
    }
    const input = path.join(workDir, 'mixed.md');
    writeFileSync(input, blocks.join('\n'));
    const out = path.join(workDir, 'mixed.pdf');
    const result = banmian(['build', input, '-o', out, '-q']);
    expect(result.status, result.stderr).toBe(0);
    const text = pdfText(out);
    const markdown = blocks
      .slice(4)
      .join('\n')
      .replace(/^[-|`]+.*$/gm, (line) => line.replace(/[-|`]/g, ''));
    expect(inOrderCoverage(printedMarkdownCharacters(markdown), countedCharacters(text))).toBeGreaterThanOrEqual(0.995);
    expect(text).not.toContain('front matter');
    expect(pdfPageSizes(out).length).toBeGreaterThanOrEqual(2);
  });
});
