import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { banmian, seedInput } from './helpers/cli.js';
import { pdfFonts, pdfPageSizes, pdfText } from './helpers/pdf.js';
import { type3Pdf } from './helpers/type3.js';

/* What a prepress department and CI get: proofs and diffs, reproducible files, boxes, PDF/X, preflight. */
const work = mkdtempSync(path.join(tmpdir(), 'banmian-press-'));
const MM = 72 / 25.4;
const ARTICLE_TITLES = [
  '推进“党建+” 绘就中国红',
  '全面履行政协党组领导责任',
  '坚持“四聚焦”“四增强”',
  '突出党的建设 增强履职活力',
  '创建“四实”党建品牌',
  '提升党建工作水平 强化政协履职保障',
  '党建引领 履职尽责 为振兴发展贡献政协力量',
];

function boxes(pdf: string): Array<Record<string, number[]>> {
  const out = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '99', pdf], { encoding: 'utf8' });
  const pages: Array<Record<string, number[]>> = [];
  for (const match of out.matchAll(/Page\s+(\d+)\s+(MediaBox|BleedBox|TrimBox):\s+([\d.\s-]+)/g)) {
    const index = Number(match[1]) - 1;
    pages[index] ??= {};
    (pages[index] as Record<string, number[]>)[match[2] as string] = (match[3] as string)
      .trim()
      .split(/\s+/)
      .map(Number);
  }
  return pages;
}

describe('banmian proof', () => {
  it('writes one PNG per page and a report; passes against itself; fails with larger type and writes diffs', () => {
    const base = path.join(work, 'proof-base');
    const first = banmian(['proof', seedInput, '--out-dir', base]);
    expect(first.status, first.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(base, 'report.json'), 'utf8'));
    const pages = pdfPageSizes(path.join(base, 'digest.pdf')).length;
    expect(report.pages).toBe(pages);
    for (let page = 1; page <= pages; page++) expect(existsSync(path.join(base, `digest-${page}.png`))).toBe(true);
    expect(existsSync(path.join(base, `digest-${pages + 1}.png`))).toBe(false);
    expect(readFileSync(path.join(base, 'summary.md'), 'utf8')).toContain(`${pages} pages`);
    expect(report.warnings.some((warning: string) => warning.includes(':97:'))).toBe(true);

    const again = banmian(['proof', seedInput, '--out-dir', path.join(work, 'proof-again'), '--baseline', base]);
    expect(again.status, again.stderr).toBe(0);
    const againReport = JSON.parse(readFileSync(path.join(work, 'proof-again', 'report.json'), 'utf8'));
    expect(againReport.baseline.comparisons.every((page: { changed: number }) => page.changed === 0)).toBe(true);

    const larger = path.join(work, 'larger.css');
    writeFileSync(larger, ':root { --body-size: 12pt; }\n');
    const bigger = path.join(work, 'proof-bigger');
    const changed = banmian(['proof', seedInput, '--out-dir', bigger, '--baseline', base, '--style', larger]);
    expect(changed.status).toBe(1);
    expect(existsSync(path.join(bigger, 'digest-1.diff.png'))).toBe(true);
    const biggerReport = JSON.parse(readFileSync(path.join(bigger, 'report.json'), 'utf8'));
    expect(biggerReport.passed).toBe(false);
    // The same words in larger type: a change of the layout only, and said to be one.
    expect(biggerReport.baseline.text).toEqual([]);
    expect(biggerReport.baseline.layoutOnly).toBe(true);
    expect(readFileSync(path.join(bigger, 'summary.md'), 'utf8')).toContain('a change of the layout only');
    // The same folder again, with the pages as the baseline's: the earlier round's diff image is gone.
    expect(banmian(['proof', seedInput, '--out-dir', bigger, '--baseline', base]).status).toBe(0);
    expect(existsSync(path.join(bigger, 'digest-1.diff.png'))).toBe(false);
  });

  it('reports a changed figure in the text under its article’s title, and only there; exit 1 unless --accept-text', () => {
    const base = path.join(work, 'proof-text-base');
    expect(banmian(['proof', seedInput, '--out-dir', base]).status).toBe(0);
    const round = mkdtempSync(path.join(work, 'round-'));
    const input = path.join(round, 'digest.md');
    const seed = readFileSync(seedInput, 'utf8');
    expect(seed.split('300余个').length).toBe(2);
    writeFileSync(input, seed.replace('300余个', '350余个'));
    const second = path.join(work, 'proof-text-second');
    const changed = banmian(['proof', input, '--out-dir', second, '--baseline', base]);
    // Too few pixels change for the page diff (a digit), but the words changed.
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('text changed in 1 article');
    const summary = readFileSync(path.join(second, 'summary.md'), 'utf8');
    const text = summary.slice(summary.indexOf('## Text changed in 1 article'));
    expect(text).toContain('### 推进“党建+” 绘就中国红\n');
    expect([...text.matchAll(/^### /gm)].length).toBe(1);
    expect(text).toContain('- old: 助力招商引资，近五年累计联系推介项目3<del>0</del>0余个，');
    expect(text).toContain('- new: 助力招商引资，近五年累计联系推介项目3<ins>5</ins>0余个，');
    const report = JSON.parse(readFileSync(path.join(second, 'report.json'), 'utf8'));
    expect(report.baseline.text).toEqual([
      {
        title: '推进“党建+” 绘就中国红',
        kind: 'changed',
        passages: [
          expect.objectContaining({ old: expect.stringContaining('300余个'), new: expect.stringContaining('350余个') }),
        ],
      },
    ]);
    const accepted = banmian(['proof', input, '--out-dir', second, '--baseline', base, '--accept-text']);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('(accepted)');
  });
});

describe('the finished PDF', () => {
  const pdf = path.join(work, 'digest.pdf');
  const env = { SOURCE_DATE_EPOCH: '1764288000' };

  it('is byte-identical across two builds with the same SOURCE_DATE_EPOCH', () => {
    const again = path.join(work, 'digest-again.pdf');
    expect(banmian(['build', seedInput, '-o', pdf, '-q'], { env }).status).toBe(0);
    expect(banmian(['build', seedInput, '-o', again, '-q'], { env }).status).toBe(0);
    expect(readFileSync(again).equals(readFileSync(pdf))).toBe(true);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+党建引领强履职 凝心聚力促发展/);
    expect(info).toMatch(/Creator:\s+banmian/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/CreationDate:\s+Fri Nov 28 00:00:00 2025/);
  });

  it('has an outline with the seven article titles', () => {
    const outline = execFileSync('mutool', ['show', pdf, 'outline'], { encoding: 'utf8' });
    for (const title of ARTICLE_TITLES) expect(outline).toContain(title);
  });

  it('carries a trim box of 297 × 420 mm, a bleed box 3 mm outside it, and a larger media box for the marks', () => {
    const marked = path.join(work, 'marked.pdf');
    const result = banmian(['build', seedInput, '-o', marked, '-q', '--bleed', '3mm', '--marks', 'crop,cross']);
    expect(result.status, result.stderr).toBe(0);
    for (const page of boxes(marked)) {
      const [tx0, ty0, tx1, ty1] = page.TrimBox as [number, number, number, number];
      const [bx0, by0, bx1, by1] = page.BleedBox as [number, number, number, number];
      const [mx0, my0, mx1, my1] = page.MediaBox as [number, number, number, number];
      expect(Math.abs(tx1 - tx0 - 297 * MM)).toBeLessThan(1);
      expect(Math.abs(ty1 - ty0 - 420 * MM)).toBeLessThan(1);
      for (const outside of [tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1])
        expect(Math.abs(outside - 3 * MM)).toBeLessThan(0.5);
      expect(mx1 - mx0).toBeGreaterThan(bx1 - bx0 + 10);
      expect(my1 - my0).toBeGreaterThan(by1 - by0 + 10);
    }
  });
});

describe('PDF/X and preflight', () => {
  it('writes a PDF/X with its fonts embedded and its text layer intact, which preflight passes', () => {
    const pdfx = path.join(work, 'digest-x.pdf');
    const result = banmian(['build', seedInput, '-o', pdfx, '-q', '--pdfx', '--bleed', '3mm', '--marks', 'crop']);
    expect(result.status, result.stderr).toBe(0);
    expect(execFileSync('pdfinfo', [pdfx], { encoding: 'utf8' })).toMatch(/PDF subtype:\s+PDF\/X/);
    const fonts = pdfFonts(pdfx);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    expect(fonts.every((font) => font.embedded && font.type !== 'Type 3')).toBe(true);
    expect(pdfText(pdfx)).toContain('人民政协是政治组织');
    const checked = banmian(['preflight', pdfx]);
    expect(checked.status, checked.stdout).toBe(0);
    expect(checked.stdout).toContain('PDF/X');
  });

  it('passes the digest’s PDF and fails a PDF with Type 3 fonts, naming them', () => {
    const pdf = path.join(work, 'plain.pdf');
    expect(banmian(['build', seedInput, '-o', pdf, '-q']).status).toBe(0);
    const passed = banmian(['preflight', pdf]);
    expect(passed.status, passed.stdout).toBe(0);
    expect(passed.stdout).toContain('preflight passed');

    const type3 = path.join(work, 'type3.pdf');
    writeFileSync(type3, type3Pdf());
    const failed = banmian(['preflight', type3]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/no Type 3 fonts\s+ERROR\s+1 Type 3: BoxFont \(page 1\)/);
    expect(failed.stdout).toContain('preflight failed');
  });
});
