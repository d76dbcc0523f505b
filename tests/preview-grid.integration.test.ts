import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findBrowser } from '../src/print/chromium.js';
import { type PreviewServer, startPreview } from './helpers/preview.js';
import { han } from './helpers/typography.js';

/*
 * The preview's baseline grid (B) in a real browser, on a page of body text over more than one sheet:
 * the lines it draws are where the text's baselines are, and its character cells start at each column's
 * left edge, one character wide. The text's baselines are read off the text itself: the top of each
 * line's glyph box (a Range over the paragraph's text) and, from a probe line in the same style, how far
 * below that top the baseline is.
 */
const project = mkdtempSync(path.join(tmpdir(), 'banmian-preview-grid-'));
const input = path.join(project, 'grid.md');
const paragraphs = Array.from({ length: 40 }, (_, index) => `${han(120 + (index % 7) * 13, index * 50)}。`);
// Under a headline: the band across the first sheet, over which no grid is drawn.
writeFileSync(input, `# 网格标题\n\n${paragraphs.join('\n\n')}\n`);

let server: PreviewServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startPreview([input], project);
  browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: chromiumArgs });
  page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(server.url);
  await page.waitForSelector('#banmian-toolbar', { timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

interface ColumnGrid {
  left: number;
  top: number;
  /** Where the column's text starts, under its bands (px in the page). */
  textTop: number;
  bottom: number;
  /** The drawn lines: baselines (y) and cell edges (x); the text's baselines. */
  gridLines: number[];
  cellEdges: number[];
  textBaselines: number[];
}

/** In the page: each column's drawn grid and its body text's baselines, and a body character's advance. */
function measure(): { columns: ColumnGrid[]; character: number } {
  const firstColumn = document.querySelector('.banmian-column') as HTMLElement;
  const body = firstColumn.querySelector('p') as HTMLElement;
  // A probe line in the body's style: the text's glyph box top, the baseline (a mark on it), one character.
  const probe = body.cloneNode(false) as HTMLElement;
  probe.style.cssText = 'position: absolute; visibility: hidden; text-indent: 0; margin: 0;';
  const mark = document.createElement('span');
  mark.style.cssText = 'display: inline-block; width: 0; height: 0;';
  probe.append('国', mark);
  body.after(probe);
  const glyphs = document.createRange();
  glyphs.selectNodeContents(probe.firstChild as Text);
  const glyphBox = glyphs.getBoundingClientRect();
  const baselineBelowGlyphTop = mark.getBoundingClientRect().top - glyphBox.top;
  const character = glyphBox.width;
  probe.remove();

  const columns = [...document.querySelectorAll<HTMLElement>('.banmian-column')].map((column) => {
    const textBaselines: number[] = [];
    for (const paragraph of column.querySelectorAll('p')) {
      for (const text of paragraph.childNodes) {
        if (text.nodeType !== Node.TEXT_NODE) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        for (const line of range.getClientRects()) textBaselines.push(line.top + baselineBelowGlyphTop);
      }
    }
    const lines = (selector: string) => [...column.querySelectorAll(`.banmian-grid ${selector}`)];
    return {
      left: column.getBoundingClientRect().left,
      top: column.getBoundingClientRect().top,
      textTop:
        column.getBoundingClientRect().top +
        (Number(column.getAttribute('data-text-top')) || 0) *
          (column.getBoundingClientRect().height / column.offsetHeight),
      bottom: column.getBoundingClientRect().bottom,
      gridLines: lines('.baseline').map((line) => line.getBoundingClientRect().top),
      cellEdges: lines('.cell').map((line) => line.getBoundingClientRect().left),
      textBaselines,
    };
  });
  return { columns, character };
}

const nearest = (values: number[], to: number) => Math.min(...values.map((value) => Math.abs(value - to)));

describe('the preview’s baseline grid', () => {
  it('draws a line at every baseline of the body text, in every column', async () => {
    expect(await page.$('.banmian-grid')).toBeNull(); // drawn when first asked for
    await page.keyboard.press('b');
    const { columns } = await page.evaluate(measure);
    expect(columns.length).toBeGreaterThanOrEqual(3); // more than one sheet
    const off = columns.flatMap((column) => column.textBaselines.map((y) => nearest(column.gridLines, y)));
    expect(off.length).toBeGreaterThan(120);
    expect(Math.max(...off)).toBeLessThanOrEqual(0.5);
    // The grid fills each column's text area (past the text, too) at the text's pitch, and stays inside it.
    const [first = 0, second = 0] = columns[0]?.textBaselines ?? [];
    const pitch = second - first;
    expect(pitch).toBeGreaterThan(10);
    for (const column of columns) {
      expect(column.gridLines.length).toBeGreaterThanOrEqual(Math.floor((column.bottom - column.textTop) / pitch));
      const [line = 0, next = 0] = column.gridLines;
      expect(Math.abs(next - line - pitch)).toBeLessThanOrEqual(0.05);
      expect(Math.min(...column.gridLines)).toBeGreaterThanOrEqual(column.top);
      expect(Math.max(...column.gridLines)).toBeLessThanOrEqual(column.bottom);
    }
  });

  it('draws nothing over the headline band, only where a column holds text', async () => {
    // The grid is on since the first test pressed B.
    const { columns } = await page.evaluate(measure);
    const underBand = columns.filter((column) => column.textTop > column.top + 10);
    expect(underBand.length).toBeGreaterThan(1);
    for (const column of underBand) {
      expect(Math.min(...column.gridLines)).toBeGreaterThanOrEqual(column.textTop - 0.5);
    }
  });

  it('draws the character cells from each column’s left edge, one character wide', async () => {
    const { columns, character } = await page.evaluate(measure);
    for (const column of columns) {
      const [first = Number.NaN, second = Number.NaN] = column.cellEdges;
      expect(Math.abs(first - column.left)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(second - first - character)).toBeLessThanOrEqual(0.05);
      expect(column.cellEdges.length).toBeGreaterThan(20);
    }
  });

  it('draws the grid the layout reports on <html> when it reports one', async () => {
    const { columns } = await page.evaluate(measure);
    const [first = 0, second = 0] = columns[0]?.textBaselines ?? [];
    // The grid as the layout would report it, the baseline 3 px lower than the text's and 10 characters a
    // line; drawn again (it is drawn once per page, and the page reloads with each version).
    await page.evaluate(
      (pitch, baselineBelowAreaTop) => {
        const root = document.documentElement;
        const area = document.querySelector('.banmian-sheet-area') as HTMLElement;
        const probe = getComputedStyle(document.querySelector('.banmian-column p') as HTMLElement);
        root.setAttribute('data-grid-pitch', String(pitch));
        root.setAttribute('data-grid-baseline', String(baselineBelowAreaTop - area.getBoundingClientRect().top + 3));
        root.setAttribute('data-grid-character', probe.fontSize);
        root.setAttribute('data-grid-column-characters', '10');
        for (const grid of document.querySelectorAll('.banmian-grid')) grid.remove();
      },
      second - first,
      first,
    );
    await page.keyboard.press('b');
    await page.keyboard.press('b');
    const redrawn = await page.evaluate(measure);
    for (const column of redrawn.columns) {
      for (const baseline of column.textBaselines) {
        expect(nearest(column.gridLines, baseline + 3)).toBeLessThanOrEqual(0.5);
      }
      expect(column.cellEdges).toHaveLength(11);
    }
  });

  it('is never printed, and goes with the key', async () => {
    await page.emulateMediaType('print');
    expect(await page.$eval('.banmian-grid', (grid) => getComputedStyle(grid).display)).toBe('none');
    await page.emulateMediaType('screen');
    expect(await page.$eval('.banmian-grid', (grid) => getComputedStyle(grid).display)).toBe('block');
    await page.keyboard.press('b');
    expect(await page.$eval('.banmian-grid', (grid) => getComputedStyle(grid).display)).toBe('none');
  });
});
