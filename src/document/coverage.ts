import { open } from 'node:fs/promises';

/**
 * Which characters a set of fonts has glyphs for, read from their cmap tables
 * (formats 4 and 12, the ones hb-subset and the npm faces carry): the build
 * and `banmian check` use it to find characters that no declared face covers,
 * which Chromium would otherwise take from a system font.
 */
export class CharacterSet {
  /** One bit per code point, U+0000–U+10FFFF. */
  private readonly bits = new Uint32Array(0x110000 >>> 5);

  has(codePoint: number): boolean {
    return (
      codePoint >= 0 && codePoint < 0x110000 && ((this.bits[codePoint >>> 5] ?? 0) & (1 << (codePoint & 31))) !== 0
    );
  }

  add(codePoint: number): void {
    if (codePoint < 0 || codePoint >= 0x110000) return;
    const word = codePoint >>> 5;
    this.bits[word] = (this.bits[word] ?? 0) | (1 << (codePoint & 31));
  }

  addAll(other: CharacterSet): this {
    for (let i = 0; i < this.bits.length; i++) this.bits[i] = (this.bits[i] ?? 0) | (other.bits[i] ?? 0);
    return this;
  }

  static union(sets: readonly CharacterSet[]): CharacterSet {
    const all = new CharacterSet();
    for (const set of sets) all.addAll(set);
    return all;
  }
}

/**
 * Characters that need no glyph: white space, controls, format characters and
 * the other default-ignorable code points (ZWJ, variation selectors…), which
 * HarfBuzz hides when a face lacks them.
 */
const NEEDS_NO_GLYPH = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}]$/u;

export function needsGlyph(character: string): boolean {
  return !NEEDS_NO_GLYPH.test(character);
}

/** The characters of `text` (once each, in order of first use) that need a glyph and are not in `covered`. */
export function uncoveredCharacters(text: string, covered: CharacterSet): string[] {
  const seen = new Set<string>();
  for (const character of text) {
    if (seen.has(character) || covered.has(character.codePointAt(0) ?? 0)) continue;
    if (needsGlyph(character)) seen.add(character);
  }
  return [...seen];
}

/** Coverage by font file, read once per process: the cmap of a CJK face is some 200 KB of its 15 MB. */
const coverageByFile = new Map<string, Promise<CharacterSet>>();

/** The characters a font file (TrueType or OpenType) maps to glyphs. Reads only its table directory and cmap. */
export function fileCoverage(file: string): Promise<CharacterSet> {
  let coverage = coverageByFile.get(file);
  if (!coverage) {
    coverage = readCmapOfFile(file).then(cmapCoverage);
    coverage.catch(() => coverageByFile.delete(file));
    coverageByFile.set(file, coverage);
  }
  return coverage;
}

/** The union of the files' coverage. */
export async function filesCoverage(files: readonly string[]): Promise<CharacterSet> {
  return CharacterSet.union(await Promise.all(files.map(fileCoverage)));
}

async function readCmapOfFile(file: string): Promise<DataView> {
  const handle = await open(file, 'r');
  try {
    const header = await readAt(handle, 0, 12);
    const tables = header.getUint16(4);
    const directory = await readAt(handle, 12, tables * 16);
    const entry = cmapEntry(directory, tables);
    if (!entry) throw new Error(`${file}: not a TrueType or OpenType font with a cmap table`);
    return await readAt(handle, entry.offset, entry.length);
  } finally {
    await handle.close();
  }
}

async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<DataView> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return new DataView(buffer.buffer, buffer.byteOffset, bytesRead);
}

/** The characters a font (its whole bytes) maps to glyphs. */
export function fontCoverage(font: Uint8Array): CharacterSet {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = view.getUint16(4);
  const entry = cmapEntry(new DataView(font.buffer, font.byteOffset + 12, tables * 16), tables);
  if (!entry) throw new Error('not a TrueType or OpenType font with a cmap table');
  return cmapCoverage(new DataView(font.buffer, font.byteOffset + entry.offset, entry.length));
}

function cmapEntry(directory: DataView, tables: number): { offset: number; length: number } | undefined {
  for (let i = 0; i < tables; i++) {
    const record = i * 16;
    if (directory.getUint32(record) === 0x636d6170 /* 'cmap' */) {
      return { offset: directory.getUint32(record + 8), length: directory.getUint32(record + 12) };
    }
  }
  return undefined;
}

/** Every Unicode subtable of a cmap (platform 0, or 3 with encoding 1 or 10), formats 4 and 12. */
export function cmapCoverage(cmap: DataView): CharacterSet {
  const covered = new CharacterSet();
  const subtables = cmap.getUint16(2);
  for (let i = 0; i < subtables; i++) {
    const platform = cmap.getUint16(4 + i * 8);
    const encoding = cmap.getUint16(6 + i * 8);
    const offset = cmap.getUint32(8 + i * 8);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const format = cmap.getUint16(offset);
    if (format === 4) addFormat4(cmap, offset, covered);
    else if (format === 12) addFormat12(cmap, offset, covered);
  }
  return covered;
}

function addFormat4(cmap: DataView, offset: number, covered: CharacterSet): void {
  const segments = cmap.getUint16(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = cmap.getUint16(ends + s * 2);
    const start = cmap.getUint16(starts + s * 2);
    const delta = cmap.getUint16(deltas + s * 2);
    const rangeOffset = cmap.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
        glyph = at + 2 <= cmap.byteLength ? cmap.getUint16(at) : 0;
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) covered.add(c);
    }
  }
}

function addFormat12(cmap: DataView, offset: number, covered: CharacterSet): void {
  const groups = cmap.getUint32(offset + 12);
  for (let g = 0; g < groups; g++) {
    const group = offset + 16 + g * 12;
    const start = cmap.getUint32(group);
    const end = Math.min(cmap.getUint32(group + 4), 0x10ffff);
    const firstGlyph = cmap.getUint32(group + 8);
    for (let c = firstGlyph === 0 ? start + 1 : start; c <= end; c++) covered.add(c);
  }
}
