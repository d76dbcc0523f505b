import { readFile } from 'node:fs/promises';
import { packageFile } from '../paths.js';
import type { AssetMap } from './assets.js';
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
 * compression (NOTES §2). Only these faces are declared, so only these load.
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
];

export function fontFile(face: FontFaceSpec): string {
  return packageFile(face.packageName, face.file);
}

export interface FontFaces {
  /** The `@font-face` rules. */
  css: string;
  /** The font files' URLs, for preloading. */
  urls: string[];
}

/**
 * `@font-face` rules for `faces`, with URLs from `assets`. Given the document's
 * text, each face is subset to the characters it uses (HarfBuzz's hb-subset):
 * 270 KB instead of 14.8 MB per face, a fast layout, and a cmap without the
 * Kangxi radicals that Chromium would otherwise write into the PDF's text layer
 * in place of common ideographs (NOTES §3). Layout features (halt, chws, vert…)
 * are kept.
 */
export async function fontFaces(faces: readonly FontFaceSpec[], assets: AssetMap, text?: string): Promise<FontFaces> {
  const urls = await Promise.all(
    faces.map((face) =>
      text !== undefined && assets.servesData ? subsetUrl(face, text, assets) : assets.add(fontFile(face)),
    ),
  );
  const css = faces.map(
    (face, index) =>
      `@font-face { font-family: "${face.family}"; font-weight: ${face.weight}; font-style: normal; ` +
      `font-display: block; src: url("${urls[index]}") format("truetype"); }`,
  );
  return { css: css.join('\n'), urls };
}

async function subsetUrl(face: FontFaceSpec, text: string, assets: AssetMap): Promise<string> {
  const name = `${face.family.replaceAll(' ', '')}-${face.weight}.ttf`;
  return assets.addData(name, await subsetOf(fontFile(face), text), 'font/ttf');
}

/** The font files read so far (14.8 MB each), kept for the process's next documents. */
const fontFiles = new Map<string, Promise<Buffer>>();
/** Recent subsets, by font file and character set: a rebuild whose text brings no new character makes none. */
const subsets = new Map<string, Promise<Buffer>>();
const SUBSETS_KEPT = 12;
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
