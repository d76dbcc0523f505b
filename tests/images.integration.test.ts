import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build as buildDocument } from '../src/build.js';
import { banmian } from './helpers/cli.js';
import { pdfText } from './helpers/pdf.js';
import { gradientPng } from './helpers/png.js';

/**
 * Images that are not loaded — a remote Markdown image, a raw `<img>` with a
 * remote src, a local file that is no picture — built by the CLI: each is the
 * placeholder box in the PDF, never Chromium's broken-image icon (a 14 × 16
 * raster beside the alt text), and each has a warning with its URL and line.
 */
const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-images-'));
const input = path.join(workDir, 'page.md');
const output = path.join(workDir, 'page.pdf');
const markdown = [
  '# 图片的占位',
  '',
  '图前的正文。',
  '',
  '![远程图](https://example.com/a.png)',
  '',
  '<img src="https://example.com/b.png" alt="原始远程图">',
  '',
  '![坏图](garbage.png)',
  '',
  '图后的正文。',
  '',
].join('\n');

let build: ReturnType<typeof banmian>;
beforeAll(() => {
  // A PNG signature and then garbage: the name says PNG, the bytes are no picture.
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  writeFileSync(path.join(workDir, 'garbage.png'), Buffer.concat([signature, Buffer.from('garbage bytes, no IHDR')]));
  writeFileSync(input, markdown);
  build = banmian(['build', input, '-o', output, '--html', path.join(workDir, 'page.html')]);
});

/** Chromium's broken-image icon is a raster image in the PDF; the placeholder is drawn as vectors. */
function rasterImages(pdf: string): string[] {
  return execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
}

/** Pixels of the placeholder's grey (#e6e6e6) on the first page, drawn by MuPDF at 36 dpi. */
function placeholderPixels(pdf: string): number {
  const png = PNG.sync.read(
    execFileSync('mutool', ['draw', '-q', '-r', '36', '-F', 'png', '-o', '-', pdf, '1'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if ([0, 1, 2].every((c) => Math.abs((png.data[i + c] ?? 0) - 0xe6) <= 2)) count++;
  }
  return count;
}

describe('images that are not loaded', () => {
  it('build without asking the browser for them', () => {
    expect(build.status, build.stderr).toBe(0);
    // The print stage reports every request it refuses: none was made.
    expect(build.stderr).not.toContain('Refused to load');
    expect(build.stderr).toMatch(/3 warnings/);
    const html = readFileSync(path.join(workDir, 'page.html'), 'utf8');
    expect(html).not.toContain('https://example.com');
    expect(html.match(/<img [^>]*class="image-missing"/g)).toHaveLength(3);
  });

  it('print as placeholder boxes, not broken-image icons with their alt text', () => {
    expect(rasterImages(output)).toEqual([]);
    const text = pdfText(output).replace(/\s/g, '');
    expect(text).toContain('图前的正文。');
    expect(text).toContain('图后的正文。');
    // A picture alone in its paragraph is a figure: its alt text prints once, as the caption under the box
    // (rehype-figures), never again beside a broken-image icon; the raw <img>'s alt does not print.
    const count = (alt: string) => text.split(alt).length - 1;
    expect([count('远程图'), count('原始远程图'), count('坏图')]).toEqual([1, 0, 1]);
    // Three boxes of 4:3 across a column: about 15,400 grey pixels each at 36 dpi.
    expect(placeholderPixels(output)).toBeGreaterThan(3 * 13_000);
  });

  it('are warned about with their URL and line, by check as by build', () => {
    const check = banmian(['check', input, '--format', 'json']);
    const [report] = JSON.parse(check.stdout) as Array<{ messages: Array<{ line: number; reason: string }> }>;
    expect(report?.messages.map((message) => [message.line, message.reason])).toEqual([
      [5, expect.stringMatching(/^Image https:\/\/example\.com\/a\.png is not loaded/)],
      [7, expect.stringMatching(/^Image https:\/\/example\.com\/b\.png is not loaded/)],
      [9, expect.stringMatching(/^Image garbage\.png is not a PNG, JPEG, GIF, WebP or SVG image/)],
    ]);
  });

  it('print as the placeholder when a file goes away after the Markdown was read', async () => {
    const photo = path.join(workDir, 'photo.png');
    writeFileSync(photo, gradientPng(400, 300));
    const gone = path.join(workDir, 'gone.md');
    writeFileSync(gone, '# 图片\n\n图前的正文。\n\n![照片](photo.png)\n\n图后的正文。\n');
    const pdf = path.join(workDir, 'gone.pdf');
    const result = await buildDocument({
      input: gone,
      output: pdf,
      // As a save during --watch may: the document names the file, the browser finds none.
      onStage: (stage) => stage === 'document' && rmSync(photo),
    });
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/^Not found: \/assets\/.*photo\.png.*\(a placeholder shown\)$/),
    );
    expect(rasterImages(pdf)).toEqual([]);
    expect(placeholderPixels(pdf)).toBeGreaterThan(13_000);
  });
});

/**
 * Pictures whose header reads well but that the browser cannot draw — a
 * malformed SVG (a broken-image icon in print), a PNG with a good header and a
 * corrupt body (an empty box) — are found in the page before the layout and
 * shown as the placeholder, in the box their header gave them.
 */
describe('images the browser cannot decode', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'banmian-undecodable-'));
  const source = path.join(dir, 'page.md');
  const pdf = path.join(dir, 'page.pdf');
  let result: ReturnType<typeof banmian>;
  beforeAll(() => {
    // Well-formed up to the root element's size, then the markup breaks off.
    writeFileSync(
      path.join(dir, 'broken.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="red"</svg>',
    );
    writeFileSync(path.join(dir, 'corrupt.png'), pngWithCorruptBody(400, 300));
    writeFileSync(path.join(dir, 'photo.png'), gradientPng(200, 150));
    writeFileSync(
      source,
      '# 解码\n\n图前的正文。\n\n![坏矢量图](broken.svg)\n\n中间的正文。\n\n![坏位图](corrupt.png)\n\n![照片](photo.png)\n\n图后的正文。\n',
    );
    result = banmian(['build', source, '-o', pdf]);
  });

  it('build with a warning that names each file and its line', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('Image broken.svg (line 5) could not be decoded by the browser');
    expect(result.stderr).toContain('Image corrupt.png (line 9) could not be decoded by the browser');
    expect(result.stderr).not.toMatch(/photo\.png.*could not be decoded/);
  });

  it('print as placeholder boxes, and a good picture beside them as itself', () => {
    // The photo is the only raster: no broken-image icon, no empty 400 × 300 box from the corrupt PNG.
    expect(rasterImages(pdf).map((row) => row.trim().split(/\s+/).slice(3, 5).join('×'))).toEqual(['200×150']);
    expect(placeholderPixels(pdf)).toBeGreaterThan(2 * 13_000);
    const text = pdfText(pdf).replace(/\s/g, '');
    for (const line of ['图前的正文。', '中间的正文。', '图后的正文。']) expect(text).toContain(line);
    // Each alt text once, as its figure's caption (rehype-figures), not again from a broken-image icon.
    for (const alt of ['坏矢量图', '坏位图', '照片']) expect(text.split(alt)).toHaveLength(2);
  });
});

/** A PNG whose signature and IHDR (its size) are sound and whose image data is no deflate stream. */
function pngWithCorruptBody(width: number, height: number): Buffer {
  const good = gradientPng(width, height);
  // Signature (8) + IHDR chunk (25) + the IDAT's length and type (8): then the data, overwritten.
  const body = Buffer.from(good);
  body.fill(0x5a, 8 + 25 + 8, body.length - 12 - 4);
  return body;
}
