import { readFile } from 'node:fs/promises';
import subsetFont from 'subset-font';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { fileCoverage, filesCoverage, fontCoverage, uncoveredCharacters } from '../src/document/coverage.js';
import { defaultFonts, fontFile } from '../src/document/fonts.js';
import { missingGlyphFont } from '../src/document/missing-glyph-font.js';
import { pdfFontsOfBytes, type3Check } from '../src/finish/pdf-fonts.js';
import { markdownToHast } from '../src/markdown/processor.js';
import { UNCOVERED_CHARACTER, uncoveredCharacterWarnings } from '../src/markdown/remark-uncovered-characters.js';
import { type3Pdf } from './helpers/type3.js';

const face = (family: string, weight = 400) => {
  const spec = defaultFonts.find((f) => f.family === family && f.weight === weight);
  if (!spec) throw new Error(`no ${family} ${weight} among the default fonts`);
  return fontFile(spec);
};

describe('font coverage from the cmap', () => {
  it('reads which characters each declared face has', async () => {
    const song = await fileCoverage(face('Noto Serif SC'));
    const mono = await fileCoverage(face('JetBrains Mono'));
    const emoji = await fileCoverage(face('Noto Emoji'));
    expect(song.has('中'.codePointAt(0) ?? 0)).toBe(true);
    expect(mono.has('中'.codePointAt(0) ?? 0)).toBe(false);
    expect(mono.has('{'.codePointAt(0) ?? 0)).toBe(true);
    expect(emoji.has('😀'.codePointAt(0) ?? 0)).toBe(true);
    expect(song.has('ร'.codePointAt(0) ?? 0)).toBe(false);
  });

  it('finds the characters no declared face has, once each, ignoring spaces and invisible marks', async () => {
    const covered = await filesCoverage(defaultFonts.map(fontFile));
    const text = '中文 code Ĥ 😀 ❤\uFE0F ร ร ק\u200B\u00A0\tᄃ 𠀀';
    // Ĥ is JetBrains Mono's only, 😀 Noto Emoji's; 𠀀 (U+20000) is in no face.
    expect(uncoveredCharacters(text, covered)).toEqual(['ร', 'ק', 'ᄃ', '𠀀']);
  });

  it('reads a font from its bytes as from its file', async () => {
    const bytes = await readFile(face('JetBrains Mono'));
    const fromBytes = fontCoverage(bytes);
    const fromFile = await fileCoverage(face('JetBrains Mono'));
    for (const character of 'AaĤ{→中') {
      const code = character.codePointAt(0) ?? 0;
      expect(fromBytes.has(code), character).toBe(fromFile.has(code));
    }
  });
});

describe('the missing-glyph font', () => {
  const characters = ['ร', 'ק', 'ᄃ', '𠀀'];

  it('maps exactly the missing characters, and HarfBuzz reads and subsets it', async () => {
    const font = missingGlyphFont(characters);
    const covered = fontCoverage(font);
    for (const character of characters) expect(covered.has(character.codePointAt(0) ?? 0), character).toBe(true);
    expect(covered.has('A'.codePointAt(0) ?? 0)).toBe(false);
    const subset = await subsetFont(font, 'ร𠀀', { targetFormat: 'truetype' });
    const subsetCoverage = fontCoverage(subset);
    expect(subsetCoverage.has('ร'.codePointAt(0) ?? 0)).toBe(true);
    expect(subsetCoverage.has('ק'.codePointAt(0) ?? 0)).toBe(false);
  });

  it('is the same bytes for the same characters, and small', () => {
    const font = missingGlyphFont(characters);
    expect(missingGlyphFont([...characters].reverse()).equals(font)).toBe(true);
    expect(font.length).toBeLessThan(2_000);
  });
});

describe('the Type 3 check (build and preflight)', () => {
  it('names a Type 3 font and its page', async () => {
    const fonts = await pdfFontsOfBytes(type3Pdf());
    expect(fonts).toEqual([{ name: 'BoxFont', subtype: 'Type3', pages: [1] }]);
    expect(type3Check(fonts)).toEqual({ passed: false, detail: '1 Type 3: BoxFont (page 1)' });
  });

  it('passes fonts that are not Type 3', () => {
    const fonts = [{ name: 'AAAAAA+JetBrainsMono-Regular', subtype: 'Type0', pages: [1, 2] }];
    expect(type3Check(fonts).passed).toBe(true);
  });
});

describe('remark-uncovered-characters', () => {
  it('warns at the first place of each character no face has, with the count of the others', async () => {
    const markdown = '# 标题\n\n正文 ok\n\n泰文 ร 与 `codeร` 及 ק。\n\n```\n注释 ק\n```\n';
    const file = new VFile({ path: 'fixture.md', value: markdown });
    await markdownToHast(file);
    const messages = file.messages.filter((message) => message.ruleId === UNCOVERED_CHARACTER);
    expect(messages.map((m) => [m.line, m.column, m.actual, m.fatal])).toEqual([
      [5, 4, 'ร', false],
      [5, 18, 'ק', false],
    ]);
    expect(messages[0]?.reason).toBe(
      '“ร” (U+0E23) (and 1 more time) is in none of the declared fonts: it prints as a box',
    );
    expect(uncoveredCharacterWarnings(file, ['ร', '↯'])).toEqual([
      '5:4: “ร” (U+0E23) (and 1 more time) is in none of the declared fonts: it prints as a box',
      '“↯” (U+21AF), in text the template or the build adds, is in none of the declared fonts: it prints as a box',
    ]);
  });

  it('says nothing of text every character of which a declared face has', async () => {
    const file = new VFile({ value: '# 标题\n\n中文、English, `code {}` 😀 ❤️ Ĥ。\n' });
    await markdownToHast(file);
    expect(file.messages.filter((message) => message.ruleId === UNCOVERED_CHARACTER)).toEqual([]);
  });
});

describe('the build’s warnings of uncovered characters', () => {
  it('names the first few by place and counts the others', () => {
    const thai = [...'กขฃคฅฆงจฉชซฌญฎฏฐฑ'];
    const warnings = uncoveredCharacterWarnings(new VFile(), thai);
    expect(warnings).toHaveLength(13);
    expect(warnings[12]).toBe('5 more characters are in none of the declared fonts and print as boxes');
  });
});
