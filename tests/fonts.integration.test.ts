import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { defaultFonts } from '../src/document/fonts.js';
import { PrintBrowser } from '../src/print/browser.js';
import { banmian } from './helpers/cli.js';
import { type PdfGlyph, pdfFonts, pdfGlyphs, pdfText } from './helpers/pdf.js';

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
        /^[A-Z]{6}\+(NotoSerifSC-(Regular|Bold)|NotoSansSC-Bold|JetBrainsMono-(Regular|Bold)|NotoEmoji-(Regular|Bold)|BanmianMissingGlyph)$/,
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
