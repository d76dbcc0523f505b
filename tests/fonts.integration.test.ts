import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { defaultFonts } from '../src/document/fonts.js';
import { PrintBrowser } from '../src/print/browser.js';
import { banmian } from './helpers/cli.js';
import { type PdfGlyph, pdfFonts, pdfGlyphs, pdfText, visualLines } from './helpers/pdf.js';
import { punctuationPairs } from './helpers/typography.js';

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-fonts-'));

// Code inline, in bold and in a heading, a code block with Han text in it, an
// emoji asked for in colour, and characters none of the declared faces has
// (Thai ร, Hebrew ק, the Hangul jamo ᄃ), one of them in a bold heading.
const markdown = [
  '# 代码与缺字',
  '',
  '## 第一篇',
  '',
  '正文有行内代码 `inline_code()` 与 **粗体 `bold_code`**。泰文 ร 和表情 😀 与 ❤️。',
  '',
  '运算符 `a->b != c` 与 `cargo::rustc` 不连写。',
  '',
  '```js',
  'const 名字 = "值"; // 中文注释',
  '```',
  '',
  '### 标题里的 `heading_code` 与 ק',
  '',
  '又见 ร 与 ᄃ。',
  '',
].join('\n');

/** Each glyph of `word`, found in the order the PDF draws its glyphs. */
function glyphsOf(glyphs: PdfGlyph[], word: string): PdfGlyph[] {
  const drawn = glyphs.filter((glyph) => glyph.char.trim() !== '');
  const text = drawn.map((glyph) => glyph.char).join('');
  const at = text.indexOf(word);
  expect(at, `“${word}” in the PDF`).toBeGreaterThanOrEqual(0);
  const start = [...text.slice(0, at)].length;
  return drawn.slice(start, start + [...word].length);
}

function fontsOf(glyphs: PdfGlyph[], word: string): string[] {
  return [...new Set(glyphsOf(glyphs, word).map((glyph) => glyph.font))];
}

describe('every glyph from a declared TrueType face', () => {
  const input = path.join(workDir, 'code.md');
  const pdf = path.join(workDir, 'code.pdf');
  let stderr = '';
  let glyphs: PdfGlyph[] = [];

  beforeAll(() => {
    writeFileSync(input, markdown);
    const result = banmian(['build', input, '-o', pdf]);
    expect(result.status, result.stderr).toBe(0);
    stderr = result.stderr;
    glyphs = pdfGlyphs(pdf);
  });

  it('embeds only the declared faces, all as CID TrueType, none Type 3 and none from the system', () => {
    const fonts = pdfFonts(pdf);
    for (const font of fonts) {
      expect(font.type, font.name).toBe('CID TrueType');
      expect(font.embedded, font.name).toBe(true);
      expect(font.name).toMatch(
        /^[A-Z]{6}\+(NotoSerifSC-(Regular|Bold)|NotoSansSC-Bold|LXGWWenKai-(Regular|Bold)|JetBrainsMono-(Regular|Bold)|NotoEmoji-(Regular|Bold)|BanmianMissingGlyph)$/,
      );
    }
    expect(fonts.map((font) => font.name).join(' ')).toMatch(/\+JetBrainsMono-Regular\b/);
  });

  it('sets inline code and code blocks in JetBrains Mono, in bold where the text is bold', () => {
    expect(fontsOf(glyphs, 'inline_code()')).toEqual(['JetBrainsMono-Regular']);
    expect(fontsOf(glyphs, 'bold_code')).toEqual(['JetBrainsMono-Bold']);
    expect(fontsOf(glyphs, 'heading_code')).toEqual(['JetBrainsMono-Bold']);
    expect(fontsOf(glyphs, 'const')).toEqual(['JetBrainsMono-Regular']);
    expect(fontsOf(glyphs, '";//')).toEqual(['JetBrainsMono-Regular']);
  });

  it('keeps the characters of code apart in the text layer: no ligature stands for -> or ::', () => {
    expect(pdfText(pdf)).toContain('a->b != c');
    expect(pdfText(pdf)).toContain('cargo::rustc');
  });

  it('sets the Han text inside code in the Song face', () => {
    expect(fontsOf(glyphs, '名字')).toEqual(['NotoSerifSC-Regular']);
    expect(fontsOf(glyphs, '中文注释')).toEqual(['NotoSerifSC-Regular']);
  });

  it('sets emoji in Noto Emoji, also one asked for in colour', () => {
    expect(fontsOf(glyphs, '😀')).toEqual(['NotoEmoji-Regular']);
    expect(fontsOf(glyphs, '❤')).toEqual(['NotoEmoji-Regular']);
  });

  it('prints a character no face has as a box of its own, which keeps the character in the text layer', () => {
    for (const character of ['ร', 'ק', 'ᄃ']) {
      expect(fontsOf(glyphs, character), character).toEqual(['BanmianMissingGlyph']);
    }
    expect(pdfText(pdf)).toMatch(/泰文 ?ร/);
  });

  it('warns of each such character with its line and column', () => {
    expect(stderr).toContain(
      'warning: 5:49: “ร” (U+0E23) (and 1 more time) is in none of the declared fonts: it prints as a box',
    );
    expect(stderr).toMatch(/warning: 13:27: “ק” \(U\+05E7\) is in none of the declared fonts/);
    expect(stderr).toMatch(/warning: 15:8: “ᄃ” \(U\+1103\) is in none of the declared fonts/);
    expect(stderr).not.toMatch(/Type 3/);
  });
});

// A deck and a speaker line with adjacent full-width marks, and body text with the same marks.
const kaiMarkdown = [
  '# 楷体的标点',
  '',
  '## ——“两个维护”、“四个意识”（摘编）。《报告》：“好。”',
  '',
  '## 第一篇',
  '',
  '### 中共某某委员会',
  '',
  '《政协报》（特约）“观察”、评论员 王某某',
  '',
  '正文有“两个维护”、《报告》（摘编）。正文继续写下去。',
  '',
].join('\n');

/** The PDF's lines holding `text`, whole. */
function linesWith(pdf: string, text: string) {
  return visualLines(pdfGlyphs(pdf)).filter((line) => line.text.includes(text));
}

describe('the Kai face (楷) of the deck and the speaker lines', () => {
  const input = path.join(workDir, 'kai.md');
  const pdf = path.join(workDir, 'kai.pdf');
  let glyphs: PdfGlyph[] = [];

  beforeAll(() => {
    writeFileSync(input, kaiMarkdown);
    const result = banmian(['build', input, '-o', pdf, '-q']);
    expect(result.status, result.stderr).toBe(0);
    glyphs = pdfGlyphs(pdf);
  });

  it('embeds LXGW WenKai, regular and bold, as subset CID TrueType', () => {
    const kai = pdfFonts(pdf).filter((font) => font.name.includes('LXGWWenKai'));
    expect(kai.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'LXGWWenKai-Bold',
      'LXGWWenKai-Regular',
    ]);
    for (const font of kai) {
      expect(font.name, 'a subset').toMatch(/^[A-Z]{6}\+/);
      expect(font.type, font.name).toBe('CID TrueType');
      expect(font.embedded, font.name).toBe(true);
    }
  });

  it('sets the deck in the bold Kai, the speaker’s title in the regular and the name in the bold, their marks in 宋', () => {
    expect(fontsOf(glyphs, '两个维护')).toEqual(['LXGWWenKai-Bold']);
    expect(fontsOf(glyphs, '——')).toEqual(['LXGWWenKai-Bold']);
    expect(fontsOf(glyphs, '”、“')).toEqual(['NotoSerifSC-Bold']);
    expect(fontsOf(glyphs, '政协报')).toEqual(['LXGWWenKai-Regular']);
    expect(fontsOf(glyphs, '》（')).toEqual(['NotoSerifSC-Regular']);
    expect(fontsOf(glyphs, '王某某')).toEqual(['LXGWWenKai-Bold']);
    // Body text stays in 宋.
    expect(fontsOf(glyphs, '正文有')).toEqual(['NotoSerifSC-Regular']);
  });

  it('still sets two adjacent full-width marks in 1.5 em in Kai text', () => {
    const deck = linesWith(pdf, '四个意识');
    const byline = linesWith(pdf, '王某某');
    expect(deck).toHaveLength(1);
    expect(byline).toHaveLength(1);
    const pairs = punctuationPairs([...deck, ...byline]);
    expect(pairs.map(({ pair }) => pair)).toEqual([
      '”、',
      '、“',
      '”（',
      '）。',
      '。《',
      '》：',
      '：“',
      '。”',
      '》（',
      '）“',
      '”、',
    ]);
    for (const { pair, advance } of pairs) expect(advance, pair).toBeLessThanOrEqual(0.75);
  });
});

describe('the seed in its Kai face', () => {
  it('sets its deck and every speaker line in LXGW WenKai, embedded as subset TrueType', () => {
    const pdf = path.join(workDir, 'digest.pdf');
    const result = banmian(['build', path.join('input', 'digest.md'), '-o', pdf, '-q']);
    expect(result.status, result.stderr).toBe(0);
    const kai = pdfFonts(pdf).filter((font) => /^[A-Z]{6}\+LXGWWenKai-(Regular|Bold)$/.test(font.name));
    expect(kai.map((font) => font.type)).toEqual(['CID TrueType', 'CID TrueType']);
    const glyphs = pdfGlyphs(pdf);
    expect(fontsOf(glyphs, '加强新时代全市政协系统党的建设工作会议发言摘编')).toEqual(['LXGWWenKai-Bold']);
    const bylines = visualLines(glyphs).filter((line) => /^[^。，]*书记 ?\p{Script=Han}{2,3}$/u.test(line.text));
    expect(bylines.length).toBeGreaterThanOrEqual(6);
    for (const line of bylines) {
      const fonts = new Set(line.glyphs.filter((g) => /\p{Script=Han}/u.test(g.char)).map((g) => g.font));
      expect([...fonts].sort(), line.text).toEqual(['LXGWWenKai-Bold', 'LXGWWenKai-Regular']);
    }
  });
});

describe('the build’s Type 3 check', () => {
  let browser: PrintBrowser;
  beforeAll(async () => {
    browser = await PrintBrowser.start();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names a Type 3 font and its page: code in a heading without the bold monospaced face', async () => {
    // Chromium prints its synthetic bold of the regular face as a Type 3 font.
    const input = path.join(workDir, 'synthetic-bold.md');
    writeFileSync(input, '# 标题\n\n## 第一篇\n\n### 标题里的 `heading_code`\n\n正文。\n');
    const fonts = defaultFonts.filter((face) => !(face.family === 'JetBrains Mono' && face.weight === 700));
    const result = await build({ input, output: path.join(workDir, 'synthetic-bold.pdf'), fonts, browser });
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/^1 Type 3: [A-Z]{6}\+JetBrainsMono-Regular \(page 1\): a press's preflight refuses/),
    );
    expect(pdfFonts(result.output).filter((font) => font.type === 'Type 3')).toHaveLength(1);
  });
});
