import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import subsetFont from 'subset-font';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { debianPackages, installedVersion } from '../scripts/setup.js';
import { AssetMap } from '../src/document/assets.js';
import { fileCoverage, filesCoverage, fontCoverage, uncoveredCharacters } from '../src/document/coverage.js';
import { readVerticalMetrics, withVerticalMetrics } from '../src/document/font-metrics.js';
import {
  charactersInRange,
  type DebianFontFace,
  defaultFonts,
  FontFileError,
  fontFaces,
  fontFile,
  type NpmFontFace,
} from '../src/document/fonts.js';
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

/** A table of a TrueType file, by tag. */
function sfntTable(font: Buffer, tag: string): DataView {
  const tables = font.readUInt16BE(4);
  for (let record = 12; record < 12 + tables * 16; record += 16) {
    if (font.toString('latin1', record, record + 4) === tag) {
      return new DataView(font.buffer, font.byteOffset + font.readUInt32BE(record + 8), font.readUInt32BE(record + 12));
    }
  }
  throw new Error(`no ${tag} table`);
}

/** The name table's entry `nameId` for Windows (platform 3), in UTF-16BE. */
function fontName(font: Buffer, nameId: number): string | undefined {
  const name = sfntTable(font, 'name');
  const strings = name.getUint16(4);
  for (let i = 0; i < name.getUint16(2); i++) {
    const record = 6 + i * 12;
    if (name.getUint16(record) !== 3 || name.getUint16(record + 6) !== nameId) continue;
    const start = name.byteOffset + strings + name.getUint16(record + 10);
    return Buffer.from(font.buffer.slice(start, start + name.getUint16(record + 8)))
      .swap16()
      .toString('utf16le');
  }
  return undefined;
}

/** The feature tags of a GPOS table (none when the font has no GPOS). */
function gposFeatures(font: Buffer): string[] {
  let gpos: DataView;
  try {
    gpos = sfntTable(font, 'GPOS');
  } catch {
    return [];
  }
  const list = gpos.getUint16(6);
  const tags = [];
  for (let i = 0; i < gpos.getUint16(list); i++) {
    const at = gpos.byteOffset + list + 2 + i * 6;
    tags.push(Buffer.from(font.buffer.slice(at, at + 4)).toString('latin1'));
  }
  return [...new Set(tags)];
}

/** GB 2312's 6,763 hanzi (rows 16–87), decoded as GBK, which agrees with it there. */
function gb2312Hanzi(): string[] {
  const decoder = new TextDecoder('gbk');
  const hanzi: string[] = [];
  for (let row = 0xb0; row <= 0xf7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const character = decoder.decode(new Uint8Array([row, cell]));
      if (/^\p{Script=Han}$/u.test(character)) hanzi.push(character);
    }
  }
  return hanzi;
}

/** `font` written to a temporary file, for the readers that take a path. */
async function tempFont(font: Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'banmian-font-')), 'font.ttf');
  await writeFile(file, font);
  return file;
}

describe('the Kai face (楷)', () => {
  const kaiFaces = defaultFonts.filter((face): face is DebianFontFace => 'debianPackage' in face);
  const pinned = debianPackages.find((pkg) => pkg.name === 'fonts-lxgw-wenkai');

  it('is LXGW WenKai from the Debian package setup installs, in the version pinned there', () => {
    expect(kaiFaces.map((face) => [face.family, face.weight, face.debianPackage])).toEqual([
      ['LXGW WenKai', 400, 'fonts-lxgw-wenkai'],
      ['LXGW WenKai', 700, 'fonts-lxgw-wenkai'],
    ]);
    expect(pinned?.version).toBe('1.250+repack-1');
    expect(installedVersion('fonts-lxgw-wenkai'), 'dpkg-query -W fonts-lxgw-wenkai').toBe(pinned?.version);
    expect(pinned?.file).toBe(kaiFaces[0]?.path);
  });

  it('reads as that version in the font files themselves, as whole TrueType fonts', async () => {
    const upstream = pinned?.version?.split('+')[0];
    for (const face of kaiFaces) {
      const font = await readFile(fontFile(face));
      expect(font.readUInt32BE(0), face.path).toBe(0x00010000);
      expect(fontName(font, 5), face.path).toMatch(new RegExp(`^Version ${upstream?.replace('.', '\\.')};`));
    }
  });

  it('covers GB 2312 and its punctuation comes from a face with halt and chws, which it lacks', async () => {
    const [regular, bold] = await Promise.all(kaiFaces.map((face) => fileCoverage(fontFile(face))));
    const hanzi = gb2312Hanzi();
    expect(hanzi).toHaveLength(6763);
    expect(hanzi.filter((c) => !regular?.has(c.codePointAt(0) ?? 0))).toEqual([]);
    expect(hanzi.filter((c) => !bold?.has(c.codePointAt(0) ?? 0))).toEqual([]);
    // LXGW WenKai 1.250 has no GPOS: text-spacing-trim cannot compress its marks (see fonts.ts).
    for (const face of kaiFaces) expect(gposFeatures(await readFile(fontFile(face)))).toEqual([]);
    const punctuation = defaultFonts.filter((face) => face.family === 'LXGW WenKai' && face.unicodeRange);
    expect(punctuation.map((face) => face.weight)).toEqual([400, 700]);
    for (const face of punctuation) {
      expect(gposFeatures(await readFile(fontFile(face)))).toEqual(expect.arrayContaining(['halt', 'chws']));
    }
  });

  it('takes from the borrowed face only full-width marks and curly quotes, and subsets it to those', async () => {
    const range = defaultFonts.find((face) => face.unicodeRange)?.unicodeRange ?? '';
    expect(charactersInRange('他说：“好。”（见《报》、〔注〕）！？；，．——…·abc中', range)).toBe(
      '：“。”（《》、〔〕）！？；，．',
    );
    expect(charactersInRange('ABCD', 'U+0041, U+0043-0044')).toBe('ACD');
    expect(charactersInRange('A@PC', 'U+4?')).toBe('A@C');
    const assets = new AssetMap();
    const { css, urls } = await fontFaces(defaultFonts, assets, '副题“两个维护”、《报告》');
    expect(css).toContain(`font-family: "LXGW WenKai"; font-weight: 400; font-style: normal; unicode-range: ${range};`);
    const borrowed = urls[defaultFonts.findIndex((face) => face.unicodeRange)] ?? '';
    const covered = fontCoverage((await assets.read(borrowed))?.body ?? Buffer.alloc(0));
    expect([...'“”、《》'].every((c) => covered.has(c.codePointAt(0) ?? 0))).toBe(true);
    expect([...'副题两'].some((c) => covered.has(c.codePointAt(0) ?? 0))).toBe(false);
  });

  it('gives the borrowed marks WenKai’s vertical metrics, so they sit on a Kai line as its own glyphs', async () => {
    const assets = new AssetMap();
    const { urls } = await fontFaces(defaultFonts, assets, '书记、委员“党建”');
    const borrowedAt = defaultFonts.findIndex((face) => face.unicodeRange && face.weight === 400);
    const borrowed = (await assets.read(urls[borrowedAt] ?? ''))?.body ?? Buffer.alloc(0);
    const kai = await readVerticalMetrics(fontFile(kaiFaces[0] as DebianFontFace));
    const song = await readVerticalMetrics(fontFile(defaultFonts[borrowedAt] as NpmFontFace));
    const got = await readVerticalMetrics(await tempFont(borrowed));
    // Noto Serif SC's descender differs from WenKai's; the subset takes WenKai's, scaled to its units per em.
    expect(song.values[1]).not.toBe(Math.round(((kai.values[1] as number) * song.unitsPerEm) / kai.unitsPerEm));
    expect(got.values).toEqual(kai.values.map((value) => Math.round((value * song.unitsPerEm) / kai.unitsPerEm)));
    // The checksums are right again: the whole font sums to the sfnt magic number.
    let sum = 0;
    for (let at = 0; at < borrowed.length; at += 4) {
      sum = (sum + Buffer.concat([borrowed.subarray(at, at + 4), Buffer.alloc(4)]).readUInt32BE(0)) >>> 0;
    }
    expect(sum).toBe(0xb1b0afba);
    expect(withVerticalMetrics(borrowed, kai).equals(borrowed)).toBe(true);
  });

  it('names the Debian package to install when a face’s file is missing', () => {
    const face: DebianFontFace = {
      family: 'Some Kai',
      weight: 400,
      debianPackage: 'fonts-some-kai',
      path: '/nonexistent/SomeKai.ttf',
    };
    expect(() => fontFile(face)).toThrow(FontFileError);
    expect(() => fontFile(face)).toThrow(
      'the font Some Kai 400 (/nonexistent/SomeKai.ttf) is missing: install the Debian package fonts-some-kai',
    );
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
