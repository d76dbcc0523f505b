import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findBrowser } from '../src/print/chromium.js';
import { banmian, projectRoot, seedInput } from './helpers/cli.js';
import { pdfPageSizes } from './helpers/pdf.js';
import { type PreviewServer, startPreview } from './helpers/preview.js';

/*
 * `banmian preview` in a real browser: a temporary copy of a project (the
 * seed, a template and a stylesheet of its own) is served on a free port and
 * opened in headless Chromium; the tests then save files and watch the open
 * page change.
 */
const project = mkdtempSync(path.join(tmpdir(), 'banmian-preview-'));
const input = path.join(project, 'digest.md');
const template = path.join(project, 'page.html');
const stylesheet = path.join(project, 'extra.css');
copyFileSync(seedInput, input);
const goodTemplate = readFileSync(path.join(projectRoot, 'templates', 'newspaper.html'), 'utf8');
writeFileSync(template, goodTemplate);
writeFileSync(stylesheet, '/* the designer’s own rules */\n');

let server: PreviewServer;
let url: string;
let browser: Browser;
let page: Page;

/** The preview's page count and whether its layout has finished. */
const layoutDone = () =>
  page.waitForFunction(
    () =>
      (window as unknown as { banmian?: { layout: Promise<unknown> } }).banmian?.layout.then(
        () => true,
        () => true,
      ),
    { timeout: 20_000 },
  );

beforeAll(async () => {
  server = await startPreview([input, '--template', template, '--style', stylesheet], project);
  url = server.url;
  browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: chromiumArgs });
  page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(url);
  await layoutDone();
});

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

describe('banmian preview', () => {
  it('serves the same pages as the PDF', async () => {
    const pdf = path.join(project, 'digest.pdf');
    const built = banmian(['build', input, '-o', pdf, '--template', template, '--style', stylesheet, '-q']);
    expect(built.status, built.stderr).toBe(0);
    const pages = await page.$$eval('.pagedjs_page', (elements) => elements.length);
    expect(pages).toBe(pdfPageSizes(pdf).length);
    expect(pages).toBeGreaterThanOrEqual(2);
    // The designer aids are there, toggle from the keyboard, and never print.
    expect(await page.$('#banmian-toolbar')).not.toBeNull();
    await page.keyboard.press('g');
    expect(await page.$eval('html', (html) => html.classList.contains('banmian-guides'))).toBe(true);
    expect(await page.$eval('.banmian-sheet-area', (area) => getComputedStyle(area).outlineStyle)).toBe('dashed');
    await page.keyboard.press('g');
    await page.emulateMediaType('print');
    expect(await page.$eval('#banmian-toolbar', (toolbar) => getComputedStyle(toolbar).display)).toBe('none');
    await page.emulateMediaType('screen');
  });

  it('shows a saved stylesheet rule in the open page within 2 s, without a manual reload', async () => {
    const started = Date.now();
    await appendFile(stylesheet, '\n.headline h1 { color: rgb(200, 0, 0); }\n');
    await page.waitForFunction(
      () => {
        const h1 = document.querySelector('.headline h1');
        return h1 !== null && getComputedStyle(h1).color === 'rgb(200, 0, 0)';
      },
      { timeout: 5_000 },
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    // A stylesheet change does not run the Markdown pipeline again.
    expect(server.output()).toMatch(/version \d+ \(template and styles\)/);
    await layoutDone();
  });

  it('keeps the page in view when it reloads', async () => {
    await page.evaluate(() => document.querySelectorAll('.pagedjs_page')[1]?.scrollIntoView());
    const sheetInView = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.pagedjs_page')].findIndex((sheet) => sheet.getBoundingClientRect().bottom > 1),
      );
    expect(await sheetInView()).toBe(1);
    await appendFile(stylesheet, '\n.headline h1 { color: rgb(0, 0, 200); }\n');
    await page.waitForFunction(
      () => {
        const h1 = document.querySelector('.headline h1');
        return (
          h1 !== null && getComputedStyle(h1).color === 'rgb(0, 0, 200)' && document.getElementById('banmian-toolbar')
        );
      },
      { timeout: 5_000 },
    );
    expect(await sheetInView()).toBe(1);
  });

  it('shows a broken template as an overlay over the last good pages, and recovers on the next good save', async () => {
    const pagesBefore = await page.$$eval('.pagedjs_page', (elements) => elements.length);
    await writeFile(template, goodTemplate.replaceAll('data-slot="content"', 'data-slot="nothing"'));
    await page.waitForSelector('#banmian-overlay', { timeout: 5_000 });
    expect(await page.$eval('#banmian-overlay', (element) => element.textContent)).toContain('data-slot="content"');
    expect(await page.$$eval('.pagedjs_page', (elements) => elements.length)).toBe(pagesBefore);
    expect(server.output()).toContain('error:');
    // The server is still serving.
    expect((await fetch(url)).status).toBe(200);

    await writeFile(template, goodTemplate);
    await page.waitForFunction(() => !document.getElementById('banmian-overlay'), { timeout: 5_000 });
    await layoutDone();
    expect(await page.$$eval('.pagedjs_page', (elements) => elements.length)).toBe(pagesBefore);
  });

  it('shows a saved Markdown change, and invalid front matter as an overlay until it is fixed', async () => {
    const markdown = readFileSync(input, 'utf8');
    const started = Date.now();
    await writeFile(input, `${markdown}\n预览更新测试的一段话。\n`);
    await page.waitForFunction(
      () => document.querySelector('.banmian-sheets')?.textContent?.includes('预览更新测试的一段话') === true,
      { timeout: 5_000 },
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    await layoutDone();

    await writeFile(input, `---\ndate: not-a-date\n---\n\n${markdown}`);
    await page.waitForSelector('#banmian-overlay', { timeout: 5_000 });
    expect(await page.$eval('#banmian-overlay', (element) => element.textContent)).toContain('digest.md:2:7');
    expect(await page.$$eval('.pagedjs_page', (elements) => elements.length)).toBeGreaterThanOrEqual(2);
    await writeFile(input, markdown);
    await page.waitForFunction(() => !document.getElementById('banmian-overlay'), { timeout: 5_000 });
    await layoutDone();
  });

  it('keeps the last good pages when the layout itself fails in the page, and says why', async () => {
    const pagesBefore = await page.$$eval('.pagedjs_page', (elements) => elements.length);
    const rules = readFileSync(stylesheet, 'utf8');
    await writeFile(stylesheet, `${rules}\n:root { --columns: 0; }\n`);
    await page.waitForFunction(
      // The failed version reports back, and the page returns to the last good one with the error over it.
      () =>
        document.getElementById('banmian-overlay')?.textContent?.includes('--columns') === true &&
        document.querySelectorAll('.pagedjs_page').length > 0,
      { timeout: 8_000 },
    );
    await layoutDone();
    expect(await page.$$eval('.pagedjs_page', (elements) => elements.length)).toBe(pagesBefore);
    expect(server.output()).toContain('layout: --columns');
    await writeFile(stylesheet, rules);
    await page.waitForFunction(() => !document.getElementById('banmian-overlay'), { timeout: 5_000 });
  });
});
