import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { BanmianError } from '../errors.js';
import { packageFile } from '../paths.js';
import type { AssetMap } from './assets.js';
import { filesCoverage, uncoveredCharacters } from './coverage.js';
import { readVerticalMetrics, withVerticalMetrics } from './font-metrics.js';
import { MISSING_GLYPH_FAMILY, missingGlyphFont } from './missing-glyph-font.js';
import { SubsetCache } from './subset-cache.js';

interface FontFaceBase {
  family: string;
  weight: number;
  /**
   * A CSS `unicode-range`: the face serves only these characters of its
   * family, and its subset holds only these of the document's.
   */
  unicodeRange?: string;
  /** A font file whose vertical metrics the subset takes: a face lending its marks to another family. */
  metricsOf?: string;
  /**
   * Set its lines with the body face's ascent and descent (CSS ascent-override, descent-override): a face
   * of other proportions set at the body's pitch would stand a px off the line grid's baseline.
   */
  bodyLineMetrics?: boolean;
}

/** A face from an npm package: the package and the file inside it. */
export interface NpmFontFace extends FontFaceBase {
  packageName: string;
  file: string;
}

/** A face from a Debian package, at the absolute path where the package puts it. */
export interface DebianFontFace extends FontFaceBase {
  debianPackage: string;
  path: string;
}

export type FontFaceSpec = NpmFontFace | DebianFontFace;

/** A declared face whose file is not there: named with the package to install. */
export class FontFileError extends BanmianError {
  override name = 'FontFileError';
}

/**
 * Full-width punctuation (U+3001–3002, 〈〉《》「」『』【】〔〕〖〗〘〙〚〛, ！（），．：；？)
 * and the curly quotes, which Chinese text sets a full em wide.
 */
const FULL_WIDTH_PUNCTUATION =
  'U+2018-2019, U+201C-201D, U+3001-3002, U+3008-3011, U+3014-301B, U+FF01, U+FF08-FF09, U+FF0C, U+FF0E, U+FF1A-FF1B, U+FF1F';

const KAI_FILES = '/usr/share/fonts/truetype/lxgw-wenkai';

/**
 * The faces the default stylesheet uses, as static TrueType (from npm, and the
 * Kai face from Debian): Chromium embeds TrueType outlines as CID TrueType,
 * while CFF fonts (the system Noto CJK) come out as Type 3, and per-range
 * web-font slices defeat punctuation compression (text-spacing-trim needs the
 * face's halt/chws, with both marks of a pair in one file). Only these faces
 * are declared, so only these load. Code is set in JetBrains Mono, emoji in
 * Noto Emoji, each with its 700 for headings and bold text: Chromium prints its
 * synthetic bold of a 400 face as Type 3. The stylesheet's stacks end in all
 * the declared families (`--font-fallback`), so a character one face lacks
 * comes from another.
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
  // 楷 for the deck, bylines and captions: LXGW WenKai, whole TrueType files from Debian (on npm only as
  // web-font slices). It has no GPOS at all, so no halt/chws, and its curly quotes are Latin-width: its
  // full-width punctuation comes from the 宋 face's file, declared after it (a later face of a family is
  // tried first), so that two adjacent marks in Kai text are still set in 1.5 em; with WenKai's vertical
  // metrics, so that the marks sit on a Kai line as its own glyphs would.
  {
    family: 'LXGW WenKai',
    weight: 400,
    debianPackage: 'fonts-lxgw-wenkai',
    path: `${KAI_FILES}/LXGWWenKai-Regular.ttf`,
    bodyLineMetrics: true,
  },
  {
    family: 'LXGW WenKai',
    weight: 700,
    debianPackage: 'fonts-lxgw-wenkai',
    path: `${KAI_FILES}/LXGWWenKai-Bold.ttf`,
    bodyLineMetrics: true,
  },
  {
    family: 'LXGW WenKai',
    weight: 400,
    unicodeRange: FULL_WIDTH_PUNCTUATION,
    metricsOf: `${KAI_FILES}/LXGWWenKai-Regular.ttf`,
    bodyLineMetrics: true,
    packageName: '@expo-google-fonts/noto-serif-sc',
    file: '400Regular/NotoSerifSC_400Regular.ttf',
  },
  {
    family: 'LXGW WenKai',
    weight: 700,
    unicodeRange: FULL_WIDTH_PUNCTUATION,
    metricsOf: `${KAI_FILES}/LXGWWenKai-Bold.ttf`,
    bodyLineMetrics: true,
    packageName: '@expo-google-fonts/noto-serif-sc',
    file: '700Bold/NotoSerifSC_700Bold.ttf',
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

/** The face's font file; a Debian face's package must be installed. */
export function fontFile(face: FontFaceSpec): string {
  if ('packageName' in face) return packageFile(face.packageName, face.file);
  if (!existsSync(face.path)) {
    const install = face.debianPackage;
    throw new FontFileError(
      `the font ${face.family} ${face.weight} (${face.path}) is missing: install the Debian package ${install} ` +
        `(\`sudo apt-get install ${install}\`, or run \`npm start\` as root, which installs it)`,
    );
  }
  return face.path;
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
  const body = await bodyLineOverrides(faces);
  const css = faces.map((face, index) =>
    fontFaceRule(face.family, urls[index] as string, face.weight, face.unicodeRange, face.bodyLineMetrics ? body : ''),
  );
  if (subsetting && uncovered.length > 0) {
    // Last in every stack: boxes, rather than whatever system font has the character.
    const url = assets.addData('missing-glyphs.ttf', missingGlyphFont(uncovered), 'font/ttf');
    // Every weight, so that Chromium does not embolden it: it prints synthetic bold as Type 3.
    css.push(fontFaceRule(MISSING_GLYPH_FAMILY, url, '100 900'));
    urls.push(url);
  }
  return { css: css.join('\n'), urls, uncovered };
}

/** The body face's (the first face's) ascent and descent as CSS overrides, if a face asks for them. */
async function bodyLineOverrides(faces: readonly FontFaceSpec[]): Promise<string> {
  const body = faces[0];
  if (!body || !faces.some((face) => face.bodyLineMetrics)) return '';
  const { unitsPerEm, values } = await readVerticalMetrics(fontFile(body));
  const percent = (value: number) => `${((Math.abs(value) / unitsPerEm) * 100).toFixed(3)}%`;
  return `ascent-override: ${percent(values[0] ?? 0)}; descent-override: ${percent(values[1] ?? 0)}; line-gap-override: 0%; `;
}

function fontFaceRule(
  family: string,
  url: string,
  weight: number | string,
  unicodeRange?: string,
  overrides = '',
): string {
  const range = unicodeRange === undefined ? '' : `unicode-range: ${unicodeRange}; `;
  return (
    `@font-face { font-family: "${family}"; font-weight: ${weight}; font-style: normal; ${range}${overrides}` +
    `font-display: block; src: url("${url}") format("truetype"); }`
  );
}

async function subsetUrl(face: FontFaceSpec, text: string, assets: AssetMap): Promise<string> {
  const part = face.unicodeRange === undefined ? '' : '-range';
  const name = `${face.family.replaceAll(' ', '')}-${face.weight}${part}.ttf`;
  const characters = face.unicodeRange === undefined ? text : charactersInRange(text, face.unicodeRange);
  const subset = await subsetOf(fontFile(face), characters);
  const font = face.metricsOf ? withVerticalMetrics(subset, await readVerticalMetrics(face.metricsOf)) : subset;
  return assets.addData(name, font, 'font/ttf');
}

/** The characters of `text` that a CSS `unicode-range` (`U+3001-3002, U+FF0C, U+4??`) takes in. */
export function charactersInRange(text: string, unicodeRange: string): string {
  const ranges = unicodeRange.split(',').map((part) => {
    const [from = '', to = from] = part.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(from.replaceAll('?', '0'), 16), Number.parseInt(to.replaceAll('?', 'F'), 16)] as const;
  });
  const inRange = (character: string) => {
    const code = character.codePointAt(0) ?? 0;
    return ranges.some(([from, to]) => code >= from && code <= to);
  };
  return [...new Set(text)].filter(inRange).join('');
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
