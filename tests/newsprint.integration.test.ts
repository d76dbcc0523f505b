import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type PDFArray, type PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ghostscriptProfile } from '../src/finish/pdfx.js';
import { readMarks } from '../src/preflight/marks.js';
import { measureInk } from '../src/preflight/separation.js';
import { banmian, seedInput } from './helpers/cli.js';
import { pdfText } from './helpers/pdf.js';
import { gradientPng } from './helpers/png.js';

/*
 * --pdfx cmyk for a newspaper press, measured on Ghostscript's CMYK rendering
 * at 100 dpi (what the plates would carry), never on the PDF's operators.
 */
const work = mkdtempSync(path.join(tmpdir(), 'banmian-newsprint-'));
const seedCmyk = path.join(work, 'digest-cmyk.pdf');

function build(input: string, output: string, ...flags: string[]): void {
  const result = banmian(['build', input, '-o', output, '-q', ...flags]);
  expect(result.status, result.stderr).toBe(0);
}

function preflightJson(pdf: string): {
  passed: boolean;
  checks: { check: string; severity: string; detail: string }[];
} {
  const result = banmian(['preflight', pdf, '--profile', 'newsprint', '--format', 'json']);
  return JSON.parse(result.stdout);
}

describe('--pdfx cmyk', () => {
  it('prints the seed’s black text and rules on K alone, within 240 % ink, as PDF/X-1a, and preflight passes it', async () => {
    build(seedInput, seedCmyk, '--pdfx', 'cmyk');
    const pages = await measureInk(seedCmyk);
    expect(pages.length).toBe(2);
    for (const page of pages) {
      // The text is there, on K…
      expect(page.darkPixels).toBeGreaterThan(10_000);
      // …and no dark pixel carries more than 3 % of C, M or Y: no four-colour black.
      expect(page.richBlackPixels).toBe(0);
      expect(page.maxTac).toBeLessThanOrEqual(240);
    }
    const info = execFileSync('pdfinfo', [seedCmyk], { encoding: 'utf8' });
    expect(info).toMatch(/PDF subtype:\s+PDF\/X-1:2001/);
    expect(info).toMatch(/PDF version:\s+1\.3/);
    expect(pdfText(seedCmyk)).toContain('人民政协是政治组织');
    const report = preflightJson(seedCmyk);
    expect(report.passed).toBe(true);
    const black = report.checks.find((check) => check.check === 'black text on K');
    expect(black?.severity).toBe('ok');
    expect(black?.detail).toContain('overprinting');
  });

  it('holds a photo with deep shadows to the ink limit (240 % by default, --ink-limit lower) and keeps its colour', async () => {
    const dir = mkdtempSync(path.join(work, 'photo-'));
    // Saturated red into black: sRGB black through Ghostscript's CMYK profile is about 295 % of ink.
    writeFileSync(path.join(dir, 'photo.png'), gradientPng(1200, 800, [220, 20, 30], [0, 0, 0]));
    const input = path.join(dir, 'photo.md');
    writeFileSync(input, '# 标题\n\n正文一段，介绍会议的情况。\n\n![会场](photo.png)\n\n正文又一段。\n');
    const defaults = path.join(dir, 'photo-240.pdf');
    build(input, defaults, '--pdfx', 'cmyk');
    const [page] = await measureInk(defaults);
    expect(page?.maxTac).toBeLessThanOrEqual(240);
    expect(page?.maxTac).toBeGreaterThan(200);
    expect(page?.colourPixels).toBeGreaterThan(100_000);
    const lower = path.join(dir, 'photo-200.pdf');
    build(input, lower, '--pdfx', 'cmyk', '--ink-limit', '200');
    const [limited] = await measureInk(lower);
    expect(limited?.maxTac).toBeLessThanOrEqual(200);
    expect(preflightJson(defaults).checks.find((check) => check.check === 'ink (TAC)')?.severity).toBe('ok');
  });

  it('holds a small image to the ink limit too (Ghostscript would write it inline, out of the limit’s reach)', async () => {
    const dir = mkdtempSync(path.join(work, 'small-'));
    // 4 × 4 pixels, 64 bytes of CMYK: under Ghostscript's default MaxInlineImageSize of 4000.
    writeFileSync(path.join(dir, 'small.png'), gradientPng(4, 4, [220, 20, 30], [0, 0, 0]));
    const input = path.join(dir, 'small.md');
    writeFileSync(input, '# 标题\n\n正文一段。\n\n![小图](small.png)\n\n正文又一段。\n');
    const pdf = path.join(dir, 'small.pdf');
    build(input, pdf, '--pdfx', 'cmyk');
    const [page] = await measureInk(pdf);
    expect(page?.maxTac).toBeLessThanOrEqual(240);
    expect(page?.maxTac).toBeGreaterThan(200);
    expect(execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })).not.toContain('[inline]');
  });

  it('refuses an ink limit no press takes before a browser starts', () => {
    const result = banmian(['build', seedInput, '-o', path.join(work, 'x.pdf'), '--pdfx', 'cmyk', '--ink-limit', '50']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--ink-limit');
  });
});

describe('--pdfx gray', () => {
  it('puts everything on the one plate', async () => {
    const gray = path.join(work, 'digest-gray.pdf');
    build(seedInput, gray, '--pdfx');
    for (const page of await measureInk(gray)) {
      expect(page.colourPixels).toBe(0);
      expect(page.darkPixels).toBeGreaterThan(10_000);
    }
  });
});

describe('preflight --profile newsprint', () => {
  it('fails a plain Ghostscript CMYK conversion (four-colour black, ink over the limit), naming both reasons', () => {
    const plain = path.join(work, 'digest.pdf');
    build(seedInput, plain);
    const converted = path.join(work, 'digest-plain-cmyk.pdf');
    // What --pdfx cmyk did before: Ghostscript's sRGB → CMYK of everything.
    execFileSync('gs', [
      ...['-q', '-dBATCH', '-dNOPAUSE', '-dNEWPDF=false', '-sDEVICE=pdfwrite'],
      ...['-sColorConversionStrategy=CMYK', '-sProcessColorModel=DeviceCMYK', `-sOutputFile=${converted}`, plain],
    ]);
    const result = banmian(['preflight', converted, '--profile', 'newsprint']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/ink \(TAC\)\s+ERROR\s+over 240 %: max \d+(\.\d)? %/);
    expect(result.stdout).toMatch(/black text on K\s+ERROR\s+.*four-colour black/);
  });

  it('fails colour under a grey output intent, and names the page', async () => {
    const dir = mkdtempSync(path.join(work, 'grey-'));
    const style = path.join(dir, 'red.css');
    writeFileSync(style, 'h1 { color: #c00; }\n');
    const cmyk = path.join(dir, 'red.pdf');
    build(seedInput, cmyk, '--style', style, '--pdfx', 'cmyk');
    expect(preflightJson(cmyk).checks.find((check) => check.check === 'colour on grey pages')?.severity).toBe('ok');
    // The same pages under a grey output intent: meant for a black-only press, yet the headline is red.
    const pdf = await PDFDocument.load(readFileSync(cmyk));
    const intent = (pdf.catalog.lookup(PDFName.of('OutputIntents')) as PDFArray).lookup(0) as PDFDict;
    const profile = pdf.context.flateStream(readFileSync(await ghostscriptProfile('gray')), { N: 1 });
    intent.set(PDFName.of('DestOutputProfile'), pdf.context.register(profile));
    const mixed = path.join(dir, 'red-grey-intent.pdf');
    writeFileSync(mixed, await pdf.save({ useObjectStreams: false }));
    const result = banmian(['preflight', mixed, '--profile', 'newsprint']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/colour on grey pages\s+ERROR\s+grey output intent, but C, M or Y ink on page 1\b/);
  });
});

describe('the marks preflight reads from MuPDF’s trace', () => {
  it('reads a Separation of Black as K, and a spot colour or Lab as not checked rather than as RGB', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([100, 100]);
    const tint = pdf.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [0, 0, 0, 1], N: 1 });
    const spaces = pdf.context.obj({
      Black: [PDFName.of('Separation'), PDFName.of('Black'), PDFName.of('DeviceCMYK'), tint],
      Spot: [PDFName.of('Separation'), PDFName.of('Spot'), PDFName.of('DeviceCMYK'), tint],
      Lab: [PDFName.of('Lab'), pdf.context.obj({ WhitePoint: [0.95, 1, 1.09] })],
    });
    page.node.set(PDFName.of('Resources'), pdf.context.obj({ ColorSpace: spaces }));
    const rules = '/Black cs 1 scn 0 0 50 1 re f /Spot cs 1 scn 0 10 50 1 re f /Lab cs 50 0 0 scn 0 20 50 1 re f';
    page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.stream(rules)));
    const file = path.join(work, 'spaces.pdf');
    writeFileSync(file, await pdf.save());
    const { rules: found } = await readMarks(file);
    expect(found.map(({ cmyk, rgb, unchecked }) => ({ cmyk, rgb, unchecked }))).toEqual([
      { cmyk: [0, 0, 0, 1], rgb: undefined, unchecked: undefined },
      { cmyk: undefined, rgb: undefined, unchecked: 'Separation(DeviceCMYK,Spot)' },
      { cmyk: undefined, rgb: undefined, unchecked: 'Lab' },
    ]);
  });
});
