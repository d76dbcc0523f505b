import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { banmian } from './helpers/cli.js';
import { pdfGlyphs } from './helpers/pdf.js';

/*
 * Type sizes written as 号 and 级, in a stylesheet's size variables and in the front matter's `sizes:`,
 * read off the printed glyphs: 五号 is 10.5 pt, 小四 12 pt, 小二 18 pt, and 28级 7 mm (19.84 pt).
 */
const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-type-sizes-'));
const MM = 72 / 25.4;

// The body's characters (春) and the article title's (夏), each set in only the one place.
const body = `# 字号\n\n## 文章标题夏\n\n${'春'.repeat(200)}。\n`;

function write(name: string, text: string): string {
  const file = path.join(workDir, name);
  writeFileSync(file, text);
  return file;
}

/** The sizes the glyphs of `char` print at, in points (to 0.01). */
function sizesOf(pdf: string, char: string): number[] {
  const sizes = pdfGlyphs(pdf)
    .filter((glyph) => glyph.char === char)
    .map((glyph) => Math.round(glyph.size * 100) / 100);
  return [...new Set(sizes)];
}

function build(name: string, markdown: string, styles: string[] = []) {
  const input = write(`${name}.md`, markdown);
  const pdf = path.join(workDir, `${name}.pdf`);
  const result = banmian(['build', input, '-o', pdf, '-q', ...styles.flatMap((style) => ['--style', style])]);
  return { pdf, result };
}

describe('type sizes in 号 and 级', () => {
  it('sets the body in 五号 and the title in 28级 from a stylesheet’s size variables', () => {
    const style = write('sizes.css', ':root {\n  --body-size: 五号;\n  --title-size: 28级;\n}\n');
    const { pdf, result } = build('stylesheet', body, [style]);
    expect(result.status, result.stderr).toBe(0);
    expect(sizesOf(pdf, '春')).toEqual([10.5]);
    expect(sizesOf(pdf, '夏')).toEqual([Math.round(7 * MM * 100) / 100]);
  });

  it('takes the front matter’s sizes over the stylesheets’', () => {
    const style = write('body-5.css', ':root { --body-size: 五号; }\n');
    const { pdf, result } = build('front-matter', `---\nsizes: { body: 小四, title: 小二 }\n---\n\n${body}`, [style]);
    expect(result.status, result.stderr).toBe(0);
    expect(sizesOf(pdf, '春')).toEqual([12]);
    expect(sizesOf(pdf, '夏')).toEqual([18]);
  });

  it('fails on a size it does not know, naming the variable and the value', () => {
    const style = write('unknown.css', ':root { --body-size: 九号; }\n');
    const { result } = build('unknown', body, [style]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--body-size: "九号" is not a type size \(号: 初号、/);
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const { result: frontMatter } = build('unknown-front-matter', `---\nsizes:\n  body: 九号\n---\n\n${body}`);
    expect(frontMatter.status).toBe(1);
    expect(frontMatter.stderr).toMatch(
      /unknown-front-matter\.md:3:9-3:11: front matter: sizes: `九号` is not a type size/,
    );
  });
});
