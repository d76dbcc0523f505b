import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { select } from 'hast-util-select';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import { banmian, seedInput } from './helpers/cli.js';
import { pdfLines } from './helpers/pdf.js';
import { gradientPng } from './helpers/png.js';

/**
 * The sheet furniture and portraits, end to end: a copy of the seed digest
 * with front matter and a portrait, built in a temporary folder by the CLI,
 * read back from the PDF with mupdf-tools and poppler-utils.
 */
const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-furniture-'));
const portrait = { width: 300, height: 400 };

const frontMatter = [
  '---',
  'paper: 哈尔滨日报',
  'date: 2026-11-28',
  'edition: 政协',
  'page: 3',
  'portraits:',
  '  张军: portraits/nobody.png',
  '---',
  '',
].join('\n');

function writeDigest(name: string, head: string): string {
  const seed = readFileSync(seedInput, 'utf8');
  // The portrait stands where it stood in print: between the first organisation heading and the speaker line.
  const withPortrait = seed.replace(
    '### 中共哈尔滨市工商联党组\n',
    '### 中共哈尔滨市工商联党组\n\n![](portraits/cao.png)\n',
  );
  expect(withPortrait).not.toBe(seed);
  const file = path.join(workDir, name);
  writeFileSync(file, head + withPortrait);
  return file;
}

/** `pdfimages -list`: the images drawn on each page, with their pixel size. */
function pdfImages(file: string): Array<{ page: number; width: number; height: number }> {
  const out = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length > 4 && fields[2] === 'image')
    .map((fields) => ({ page: Number(fields[0]), width: Number(fields[3]), height: Number(fields[4]) }));
}

/** A page's text layer without white space (Chromium spaces Han from digits; MuPDF may read that as a space). */
const pageTexts = (file: string) =>
  pdfLines(file).map((page) =>
    page.lines
      .map((line) => line.text)
      .join('')
      .replace(/\s+/g, ''),
  );

describe('banmian build with front matter and a portrait', () => {
  const input = path.join(workDir, 'digest.md');
  const pdf = path.join(workDir, 'out', 'digest.pdf');
  const html = path.join(workDir, 'html', 'digest.html');
  let stderr = '';

  beforeAll(() => {
    mkdirSync(path.join(workDir, 'portraits'), { recursive: true });
    writeFileSync(path.join(workDir, 'portraits', 'cao.png'), gradientPng(portrait.width, portrait.height));
    writeDigest('digest.md', frontMatter);
    const result = banmian(['build', input, '-o', pdf, '--html', html]);
    stderr = result.stderr;
    expect(result.status, result.stderr).toBe(0);
  });

  it('prints the paper, the date and 第N版 on every page, counting on from the front matter’s page', () => {
    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [index, text] of pages.entries()) {
      expect(text, `page ${index + 1}`).toContain('哈尔滨日报');
      expect(text, `page ${index + 1}`).toContain('2026年11月28日星期六');
      expect(text, `page ${index + 1}`).toContain('政协');
      expect(text, `page ${index + 1}`).toContain(`第${3 + index}版`);
    }
  });

  it('puts the masthead strip above the headline on the first page', () => {
    const [first] = pdfLines(pdf);
    if (!first) throw new Error('no pages');
    const paper = first.lines.find((line) => line.text.includes('哈尔滨日报'));
    const headline = first.lines.find((line) => line.text.includes('党建引领强履职'));
    expect(paper && headline && paper.y < headline.y).toBe(true);
  });

  it('draws the portrait on the first page', () => {
    const images = pdfImages(pdf);
    expect(images).toContainEqual({ page: 1, ...portrait });
  });

  it('warns, with its line, about a portrait file that is missing, and prints a placeholder, not a picture', () => {
    expect(stderr).toMatch(/\b1 warning\b/);
    // The build counts the Markdown's messages; `banmian check` lists them with their lines.
    const checked = banmian(['check', input]);
    expect(checked.stdout + checked.stderr).toMatch(/7:7-7:\d+\s+warning\s+Image portraits\/nobody\.png not found/);
    expect(pdfImages(pdf)).toHaveLength(1);
  });

  it('links the portrait relative to the --html document', () => {
    const tree = unified().use(rehypeParse).parse(readFileSync(html, 'utf8')) as Root;
    const src = String(select('figure.portrait > img', tree)?.properties.src);
    expect(src).toBe('../portraits/cao.png');
    expect(existsSync(path.resolve(path.dirname(html), src))).toBe(true);
  });
});

describe('banmian build with invalid front matter', () => {
  const cases = [
    {
      name: 'bad-date.md',
      head: '---\npaper: 哈尔滨日报\ndate: not-a-date\n---\n',
      where: 'bad-date.md:3:7',
      why: /date must be a date such as 2026-11-28/,
    },
    {
      name: 'bad-yaml.md',
      head: '---\npaper: 哈尔滨日报\nedition: [政协\n---\n',
      where: 'bad-yaml.md:3:',
      why: /not valid YAML/,
    },
  ];
  for (const { name, head, where, why } of cases) {
    it(`fails with exit 1, names ${where}, and writes no PDF (${name})`, () => {
      const input = writeDigest(name, head);
      const pdf = path.join(workDir, `${name}.pdf`);
      const result = banmian(['build', input, '-o', pdf]);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toContain(`banmian: error: ${input.replace(/\.md$/, '')}`);
      expect(result.stderr).toContain(where);
      expect(result.stderr).toMatch(why);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(pdf)).toBe(false);
    });
  }
});
