import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../src/build.js';
import { PrintBrowser } from '../src/print/browser.js';
import { seedInput } from './helpers/cli.js';
import { type PdfImage, pdfGlyphs, pdfImages, pdfText, type VisualLine, visualLines } from './helpers/pdf.js';
import { gradientPng } from './helpers/png.js';
import { countedCharacters, inOrderCoverage, printedMarkdownCharacters } from './helpers/text.js';

/*
 * Spanning figures as page floats, on the seed: its introduction's meeting photo (2400 px wide) marked
 * spanning goes across the text width under the headline group of sheet 1, its caption and credit under
 * it, both columns under those; a second spanning photo in the third speech goes to the top or the foot
 * of its sheet, never mid-sheet. No body line overlaps a picture, and the text is all there, in order.
 */
const BODY_SIZE = 11;
const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-floats-'));

/** A photo: a gradient down to `blue`, so each is drawn and told from an empty box. */
const photo = (width: number, height: number, blue: number) =>
  gradientPng(width, height, [200, 200, blue], [40, 40, 90]);

const figure = (src: string, caption: string, credit: string) =>
  `<figure class="figure span"><img src="${src}" alt=""><figcaption><p class="caption">${caption}</p>` +
  `<p class="credit">${credit}</p></figcaption></figure>`;
const MEETING = figure('meeting.png', '会议现场。', '本报记者 李威文 刘洋 摄');
const SPEECH = figure('speech.png', '市政协委员在会上发言。', '本报记者 刘洋 摄');

/** The seed with its introduction's credit line made the meeting photo's figure; and a second in the third speech. */
function fixtures(): { one: string; two: string } {
  const seed = readFileSync(seedInput, 'utf8');
  const one = seed.replace('本报记者 李威文 刘洋 摄\n', `${MEETING}\n`);
  const speeches = one.split(/\n(?=## )/);
  const third = (speeches[4] ?? '').split('\n\n');
  const at = third.findIndex((block, i) => i > 3 && block.startsWith('**'));
  third.splice(at + 1, 0, SPEECH);
  speeches[4] = third.join('\n\n');
  return { one, two: speeches.join('\n') };
}

interface Built {
  result: BuildResult;
  markdown: string;
  lines: VisualLine[];
  images: PdfImage[];
  text: string;
}

let browser: PrintBrowser;
const built: Record<string, Built> = {};

beforeAll(async () => {
  browser = await PrintBrowser.start();
  writeFileSync(path.join(workDir, 'meeting.png'), photo(2400, 1600, 120));
  writeFileSync(path.join(workDir, 'speech.png'), photo(2400, 1350, 60));
  writeFileSync(path.join(workDir, 'small.png'), photo(600, 400, 200));
  const small = `# 小图\n\n正文一段。\n\n${figure('small.png', '小图。', '本报记者 某某 摄')}\n\n正文又一段。\n`;
  const documents = { ...fixtures(), small, plain: readFileSync(seedInput, 'utf8') };
  for (const [name, markdown] of Object.entries(documents)) {
    const input = path.join(workDir, `${name}.md`);
    const output = path.join(workDir, `${name}.pdf`);
    writeFileSync(input, markdown);
    const result = await build({ input, output, browser, trusted: true });
    const text = pdfText(output);
    built[name] = { result, markdown, lines: visualLines(pdfGlyphs(output)), images: pdfImages(output), text };
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

const get = (name: string): Built => built[name] as Built;
const isBody = (line: VisualLine) => Math.abs(line.size - BODY_SIZE) < 0.5;
const squeezed = (text: string) => text.replace(/\s+/g, '');
const lineWith = (lines: VisualLine[], text: string) => lines.find((line) => squeezed(line.text).includes(text));

/** The Markdown's text (without the figures' markup, whose words never print) against the text layer. */
function coverage({ markdown, text }: Built): number {
  const source = printedMarkdownCharacters(markdown.replace(/^<figure.*<\/figure>$/gm, ''));
  return inOrderCoverage(source, countedCharacters(text));
}

/** Body lines that overlap a picture on their page. */
function overlapping({ lines, images }: Built): VisualLine[] {
  return lines.filter(
    (line) =>
      isBody(line) &&
      images.some(
        (image) =>
          image.page === line.page &&
          line.left < image.right - 1 &&
          line.right > image.left + 1 &&
          line.y > image.top + 1 &&
          line.y - line.size < image.bottom - 1,
      ),
  );
}

/** The body lines of a page that are the text's, not a figure's caption or credit. */
function textLines(lines: VisualLine[], page: number, furniture: string[]): VisualLine[] {
  return lines.filter(
    (line) => line.page === page && isBody(line) && !furniture.some((text) => squeezed(line.text).includes(text)),
  );
}

describe('a spanning photo in the introduction', () => {
  it('spans the text width of sheet 1 directly under the headline group', () => {
    const { lines, images } = get('one');
    const photoBox = images.find((image) => image.pixelWidth === 2400);
    expect(photoBox?.page).toBe(1);
    const page1 = textLines(lines, 1, ['会议现场', '本报记者']);
    const textLeft = Math.min(...page1.map((line) => line.left));
    const textRight = Math.max(...page1.map((line) => line.right));
    expect(Math.abs((photoBox?.left ?? 0) - textLeft)).toBeLessThan(3);
    expect(Math.abs((photoBox?.right ?? 0) - textRight)).toBeLessThan(3);
    const headline = lineWith(lines, '党建引领强履职') as VisualLine;
    expect(headline.page).toBe(1);
    const headlineFoot = Math.max(...lines.filter((l) => l.page === 1 && l.size > 20).map((l) => l.y));
    expect(photoBox?.top ?? 0).toBeGreaterThan(headlineFoot);
    // Directly under it: nothing of the text between the headline group and the photo.
    expect(page1.filter((line) => line.y < (photoBox?.top ?? 0))).toEqual([]);
  });

  it('has its caption under it, then its credit, and both columns of sheet 1 start below them', () => {
    const { lines, images } = get('one');
    const photoBox = images.find((image) => image.pixelWidth === 2400) as PdfImage;
    const caption = lineWith(lines, '会议现场。') as VisualLine;
    const credit = lineWith(lines, '本报记者李威文刘洋摄') as VisualLine;
    expect(caption.page).toBe(1);
    expect(caption.y - caption.size).toBeGreaterThanOrEqual(photoBox.bottom - 1);
    expect(credit.y).toBeGreaterThanOrEqual(caption.y);
    const page1 = textLines(lines, 1, ['会议现场', '本报记者李威文']);
    const middle = (photoBox.left + photoBox.right) / 2;
    const left = page1.filter((line) => line.right < middle);
    const right = page1.filter((line) => line.left > middle);
    expect(left.length).toBeGreaterThan(5);
    expect(right.length).toBeGreaterThan(5);
    for (const line of page1) expect(line.y - line.size).toBeGreaterThan(credit.y);
  });

  it('prints every character of the text, in order, no body line over a picture', () => {
    expect(coverage(get('one'))).toBe(1);
    expect(overlapping(get('one'))).toEqual([]);
  });

  it('prints the photo at 200 ppi or more, and says nothing about its resolution', () => {
    const { images, result } = get('one');
    const photoBox = images.find((image) => image.pixelWidth === 2400) as PdfImage;
    expect(photoBox.pixelWidth / ((photoBox.right - photoBox.left) / 72)).toBeGreaterThanOrEqual(200);
    expect(result.warnings.filter((warning) => warning.includes('ppi'))).toEqual([]);
  });

  it('is placed in a second layout that confirms the first; a document without floats is laid out once', () => {
    expect(get('one').result.layout).toMatchObject({ floats: 1, passes: 2 });
    expect(get('plain').result.layout).toMatchObject({ floats: 0, passes: 1 });
  });
});

describe('a second spanning photo, in the third speech', () => {
  it('sits with its caption and credit at the top or the foot of its sheet, no line split across it', () => {
    const { lines, images } = get('two');
    const photoBox = images.find((image) => image.pixelWidth === 2400 && image.top > 0 && image.page > 1);
    const speech = images.filter((image) => image.pixelWidth === 2400);
    expect(speech).toHaveLength(2);
    expect(photoBox).toBeDefined();
    const box = photoBox as PdfImage;
    const credit = lines.find((line) => line.page === box.page && squeezed(line.text).includes('本报记者刘洋摄'));
    expect(credit).toBeDefined();
    const text = textLines(lines, box.page, ['市政协委员在会上发言', '本报记者刘洋摄']);
    const above = text.filter((line) => line.y <= box.top);
    const below = text.filter((line) => line.y - line.size >= (credit as VisualLine).y);
    // Every line is on one side, and all on the same side: the photo is not mid-sheet.
    expect(above.length + below.length).toBe(text.length);
    expect(above.length === 0 || below.length === 0).toBe(true);
    expect(text.length).toBeGreaterThan(20);
  });

  it('prints every character of the text, in order, no body line over a picture', () => {
    expect(coverage(get('two'))).toBe(1);
    expect(overlapping(get('two'))).toEqual([]);
  });
});

describe('print resolution', () => {
  it('warns at its line when a photo prints below 200 ppi, naming the file, its ppi and placed size', () => {
    const { result, markdown } = get('small');
    const line = markdown.split('\n').findIndex((text) => text.includes('small.png')) + 1;
    const warning = result.warnings.find((text) => text.includes('small.png'));
    expect(warning).toMatch(
      new RegExp(
        `^${line}:1: Image small\\.png prints at \\d+ ppi, below 200 ppi: 600 × 400 pixels placed at \\d+ × \\d+ mm`,
      ),
    );
    const message = result.file.messages.find((m) => m.ruleId === 'image-resolution');
    expect(message?.line).toBe(line);
  });
});
