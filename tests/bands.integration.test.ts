import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../src/build.js';
import { defaultTemplate } from '../src/paths.js';
import { PrintBrowser } from '../src/print/browser.js';
import { seedInput } from './helpers/cli.js';
import { linesByColumn, pdfGlyphs, type VisualLine, visualLines } from './helpers/pdf.js';

/*
 * A second spanning band: a bottom band across both columns of the first sheet (a template element
 * marked data-band="bottom", the way page floats will come in), under the headline group's top band.
 * The first sheet's columns end above it, filled down to it, and no text is lost: the body text of
 * the PDF is the same as without the band, only further on.
 */
const MM = 72 / 25.4;
const A3_WIDTH = 297 * MM;
const AREA_BOTTOM = (420 - 20) * MM;
const BAND_HEIGHT = 80;
const BAND_TOP = AREA_BOTTOM - BAND_HEIGHT * MM;
const BODY_SIZE = 11;
/** The line pitch: 11 pt × 1.65 = 24.2 px, rounded to 24 px. */
const LINE = 18;
/** The band takes whole lines from the columns: 80 mm (226.8 pt) is 13 lines. */
const BAND_LINES_TOP = AREA_BOTTOM - Math.ceil((BAND_HEIGHT * MM) / LINE) * LINE;

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-bands-'));
const template = path.join(workDir, 'band.html');
writeFileSync(
  template,
  readFileSync(defaultTemplate, 'utf8').replace(
    '<main class="flow" data-slot="content"></main>',
    `$&\n  <aside data-band="bottom" style="height: ${BAND_HEIGHT}mm; box-sizing: border-box; margin: 0; font-size: 20pt; border-top: 1pt solid;">广告栏</aside>`,
  ),
);

let browser: PrintBrowser;
const built: Record<string, { result: BuildResult; lines: VisualLine[] }> = {};

beforeAll(async () => {
  browser = await PrintBrowser.start();
  for (const [name, options] of [
    ['plain', {}],
    ['band', { template }],
  ] as const) {
    const output = path.join(workDir, `${name}.pdf`);
    const result = await build({ input: seedInput, output, browser, ...options });
    built[name] = { result, lines: visualLines(pdfGlyphs(output)) };
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

const isBody = (line: VisualLine) => Math.abs(line.size - BODY_SIZE) < 0.5;
/** The body text in reading order: each page's columns in turn. */
const bodyText = (lines: VisualLine[]) =>
  linesByColumn(lines.filter(isBody), A3_WIDTH, 2)
    .flat()
    .map((line) => line.text)
    .join('');

describe('a bottom band on the first sheet', () => {
  it('prints at the foot of the first sheet', () => {
    const { lines } = built.band ?? { lines: [] };
    const band = lines.find((line) => line.text === '广告栏');
    expect(band?.page).toBe(1);
    expect(band?.y).toBeGreaterThan(BAND_TOP);
  });

  it('shortens both columns of that sheet: their text ends above it, which it ran past before', () => {
    const lowestOnSheet1 = (lines: VisualLine[]) =>
      linesByColumn(
        lines.filter((line) => line.page === 1 && isBody(line)),
        A3_WIDTH,
        2,
      ).map((column) => Math.max(...column.map((line) => line.y)));
    const plain = lowestOnSheet1(built.plain?.lines ?? []);
    const band = lowestOnSheet1(built.band?.lines ?? []);
    expect(plain.filter((y) => y > BAND_TOP)).toHaveLength(2);
    expect(band).toHaveLength(2);
    expect(band.filter((y) => y < BAND_TOP)).toHaveLength(2);
    // Filled down to the band, short of it by no more than an article's title block with the two lines it
    // keeps (two lines of title, the organisation and the byline): seven lines of the grid at most.
    expect(Math.max(...band)).toBeGreaterThan(BAND_LINES_TOP - 7 * LINE);
  });

  it('loses no text: the body text is the one printed without the band', () => {
    expect(built.band?.result.layout.textMismatch).toBeUndefined();
    expect(bodyText(built.band?.lines ?? [])).toBe(bodyText(built.plain?.lines ?? []));
    expect(built.band?.result.layout.sheets).toBeGreaterThanOrEqual(built.plain?.result.layout.sheets ?? 0);
  });
});
