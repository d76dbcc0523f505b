import { readFile } from 'node:fs/promises';
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { packageFile } from '../paths.js';
import type { AssetMap } from './assets.js';
import { filesCoverage, uncoveredCharacters } from './coverage.js';
import { MISSING_GLYPH_FAMILY, missingGlyphFont } from './missing-glyph-font.js';
import { SubsetCache } from './subset-cache.js';

export interface FontFaceSpec {
  family: string;
  weight: number;
  /** npm package and the file inside it. */
  packageName: string;
  file: string;
}

/**
 * The faces the default stylesheet uses, from npm, as static TrueType: Chromium
 * embeds TrueType outlines as CID TrueType, while CFF fonts (the system Noto CJK)
 * come out as Type 3, and per-range web-font slices defeat punctuation
 * compression (text-spacing-trim needs the face's halt/chws, with both marks of
 * a pair in one file). Only these faces are declared, so only these load.
 * Code is set in JetBrains Mono, emoji in Noto Emoji, each with its 700 for
 * headings and bold text: Chromium prints its synthetic bold of a 400 face as
 * Type 3. The stylesheet's stacks end in all the declared families
 * (`--font-fallback`), so a character one face lacks comes from another.
 */
export const defaultFonts: readonly FontFaceSpec[] = [
  {
    family: 'Noto Serif SC',
    weight: 400,
    packageName: '@expo-google-fonts/noto-serif-sc',
    file: '400Regular/NotoSerifSC_400Regular.ttf',
  },
  {
    family: 'Noto Serif SC',
    weight: 700,
    packageName: '@expo-google-fonts/noto-serif-sc',
    file: '700Bold/NotoSerifSC_700Bold.ttf',
  },
  {
    family: 'Noto Sans SC',
    weight: 700,
    packageName: '@expo-google-fonts/noto-sans-sc',
    file: '700Bold/NotoSansSC_700Bold.ttf',
  },
  {
    family: 'JetBrains Mono',
    weight: 400,
    packageName: '@expo-google-fonts/jetbrains-mono',
    file: '400Regular/JetBrainsMono_400Regular.ttf',
  },
  {
    family: 'JetBrains Mono',
    weight: 700,
    packageName: '@expo-google-fonts/jetbrains-mono',
    file: '700Bold/JetBrainsMono_700Bold.ttf',
  },
  // Emoji in outline (monochrome): a colour emoji font prints as Type 3.
  {
    family: 'Noto Emoji',
    weight: 400,
    packageName: '@expo-google-fonts/noto-emoji',
    file: '400Regular/NotoEmoji_400Regular.ttf',
  },
  {
    family: 'Noto Emoji',
    weight: 700,
    packageName: '@expo-google-fonts/noto-emoji',
    file: '700Bold/NotoEmoji_700Bold.ttf',
  },
];

/**
 * Emoji asked for in colour (followed by U+FE0F) asked for as text (U+FE0E):
 * Chromium takes a sequence with U+FE0F from a system colour emoji font, which
 * it prints as Type 3, even where a declared face (Noto Emoji) has it.
 */
export function preferTextPresentation(tree: Root): void {
  visit(tree, 'text', (node) => {
    if (node.value.includes('\uFE0F')) node.value = node.value.replaceAll('\uFE0F', '\uFE0E');
  });
}

export function fontFile(face: FontFaceSpec): string {
  return packageFile(face.packageName, face.file);
}

export interface FontFaces {
  /** The `@font-face` rules. */
  css: string;
  /** The font files' URLs, for preloading. */
  urls: string[];
  /** The text's characters that no face covers (once each, in order of first use), printed as boxes. */
  uncovered: string[];
}

/**
 * `@font-face` rules for `faces`, with URLs from `assets`. Given the document's
 * text, each face is subset to the characters it uses (HarfBuzz's hb-subset):
 * 270 KB instead of 14.8 MB per face, a fast layout, and a cmap without the
 * Kangxi radicals that Chromium would otherwise write into the PDF's text layer
 * in place of common ideographs (the full font maps a radical such as ⼈ and the
 * ideograph 人 to one glyph, which the text layer then names by the radical).
 * Layout features (halt, chws, vert…) are kept.
 */
export async function fontFaces(faces: readonly FontFaceSpec[], assets: AssetMap, text?: string): Promise<FontFaces> {
  const subsetting = text !== undefined && assets.servesData;
  const [urls, uncovered] = await Promise.all([
    Promise.all(faces.map((face) => (subsetting ? subsetUrl(face, text, assets) : assets.add(fontFile(face))))),
    text === undefined ? [] : filesCoverage(faces.map(fontFile)).then((covered) => uncoveredCharacters(text, covered)),
  ]);
  const css = faces.map((face, index) => fontFaceRule(face.family, urls[index] as string, face.weight));
  if (subsetting && uncovered.length > 0) {
    // Last in every stack: boxes, rather than whatever system font has the character.
    const url = assets.addData('missing-glyphs.ttf', missingGlyphFont(uncovered), 'font/ttf');
    // Every weight, so that Chromium does not embolden it: it prints synthetic bold as Type 3.
    css.push(fontFaceRule(MISSING_GLYPH_FAMILY, url, '100 900'));
    urls.push(url);
  }
  return { css: css.join('\n'), urls, uncovered };
}

function fontFaceRule(family: string, url: string, weight: number | string): string {
  return (
    `@font-face { font-family: "${family}"; font-weight: ${weight}; font-style: normal; ` +
    `font-display: block; src: url("${url}") format("truetype"); }`
  );
}

async function subsetUrl(face: FontFaceSpec, text: string, assets: AssetMap): Promise<string> {
  const name = `${face.family.replaceAll(' ', '')}-${face.weight}.ttf`;
  return assets.addData(name, await subsetOf(fontFile(face), text), 'font/ttf');
}

/** The font files read so far (14.8 MB each), kept for the process's next documents. */
const fontFiles = new Map<string, Promise<Buffer>>();
/** Recent subsets, by font file and character set: a rebuild whose text brings no new character makes none. */
const subsets = new Map<string, Promise<Buffer>>();
const SUBSETS_KEPT = 24;
const diskCache = SubsetCache.fromEnvironment();

function subsetOf(file: string, text: string): Promise<Buffer> {
  const characters = [...new Set(text)].sort().join('');
  const key = `${file}\u0000${characters}`;
  let subset = subsets.get(key);
  if (subset) {
    // Most recently used last.
    subsets.delete(key);
  } else {
    subset = cachedOrNewSubset(file, characters);
    subset.catch(() => subsets.delete(key));
  }
  subsets.set(key, subset);
  for (const old of subsets.keys()) {
    if (subsets.size <= SUBSETS_KEPT) break;
    subsets.delete(old);
  }
  return subset;
}

async function cachedOrNewSubset(file: string, characters: string): Promise<Buffer> {
  const key = await diskCache.key(file, characters);
  const cached = await diskCache.read(key);
  if (cached) return cached;
  let font = fontFiles.get(file);
  if (!font) {
    font = readFile(file);
    fontFiles.set(file, font);
    font.catch(() => fontFiles.delete(file));
  }
  const [data, { default: subsetFont }] = await Promise.all([font, import('subset-font')]);
  const subset = await subsetFont(data, characters, { targetFormat: 'truetype' });
  void diskCache.write(key, subset);
  return subset;
}
