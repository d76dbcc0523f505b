/**
 * A TrueType font, made for one document, whose glyphs are empty boxes for
 * the characters no declared face covers: declared last in every font stack,
 * it keeps Chromium from taking them from a system font (which may be a CFF
 * or colour font, printed as Type 3, and differs from machine to machine).
 * Each character gets its own glyph, so the PDF's ToUnicode still maps each
 * box to its character and the text layer keeps the text.
 */
export const MISSING_GLYPH_FAMILY = 'banmian missing glyph';

const UNITS_PER_EM = 1000;
const ASCENT = 880;
const DESCENT = 120;
/** The box: wide characters (CJK, Hangul, emoji) get a square em, others a narrower one. */
const WIDE = { advance: 1000, left: 100, right: 900 };
const NARROW = { advance: 600, left: 80, right: 520 };
const BOX_BOTTOM = -40;
const BOX_TOP = 760;
const STROKE = 50;

/** At most this many characters get boxes (a format 4 cmap has room for some 8,000). */
export const MAX_MISSING_GLYPHS = 4000;

export function missingGlyphFont(characters: readonly string[]): Buffer {
  const codePoints = [...new Set(characters.map((c) => c.codePointAt(0) ?? 0))]
    .filter((c) => c > 0x20)
    .sort((a, b) => a - b)
    .slice(0, MAX_MISSING_GLYPHS);
  const boxes = codePoints.map((c) => (isWide(c) ? WIDE : NARROW));
  const glyphs = [Buffer.alloc(0), ...boxes.map(boxGlyph)];
  const glyf = Buffer.concat(glyphs);
  const loca = Buffer.alloc(glyphs.length * 4 + 4);
  let at = 0;
  glyphs.forEach((glyph, i) => {
    loca.writeUInt32BE(at, i * 4);
    at += glyph.length;
  });
  loca.writeUInt32BE(at, glyphs.length * 4);
  const hmtx = Buffer.alloc(glyphs.length * 4);
  hmtx.writeUInt16BE(WIDE.advance, 0);
  boxes.forEach((box, i) => {
    hmtx.writeUInt16BE(box.advance, (i + 1) * 4);
    hmtx.writeInt16BE(box.left, (i + 1) * 4 + 2);
  });
  return sfnt({
    'OS/2': os2(codePoints),
    cmap: cmap(codePoints),
    glyf,
    head: head(),
    hhea: hhea(glyphs.length),
    hmtx,
    loca,
    maxp: maxp(glyphs.length),
    name: name(),
    post: post(),
  });
}

function isWide(c: number): boolean {
  const wide: Array<[number, number]> = [
    [0x1100, 0x115f],
    [0x2e80, 0xa4cf],
    [0xa960, 0xa97f],
    [0xac00, 0xd7a3],
    [0xf900, 0xfaff],
    [0xfe30, 0xfe4f],
    [0xff00, 0xff60],
    [0xffe0, 0xffe6],
    [0x1f000, 0x1faff],
    [0x20000, 0x3fffd],
  ];
  return wide.some(([first, last]) => c >= first && c <= last);
}

/** A simple glyph of two contours: the box's outside clockwise, its inside counter-clockwise. */
function boxGlyph(box: typeof WIDE): Buffer {
  const { left, right } = box;
  const outer = [
    [left, BOX_BOTTOM],
    [left, BOX_TOP],
    [right, BOX_TOP],
    [right, BOX_BOTTOM],
  ];
  const inner = [
    [left + STROKE, BOX_BOTTOM + STROKE],
    [right - STROKE, BOX_BOTTOM + STROKE],
    [right - STROKE, BOX_TOP - STROKE],
    [left + STROKE, BOX_TOP - STROKE],
  ];
  const points = [...outer, ...inner] as Array<[number, number]>;
  const glyph = Buffer.alloc(10 + 4 + 2 + points.length * 5 + 2);
  glyph.writeInt16BE(2, 0);
  writeInt16s(glyph, 2, [left, BOX_BOTTOM, right, BOX_TOP]);
  glyph.writeUInt16BE(3, 10);
  glyph.writeUInt16BE(7, 12);
  glyph.writeUInt16BE(0, 14); // no instructions
  let at = 16;
  for (const _ of points) glyph.writeUInt8(0x01, at++); // on the curve, coordinates as 16-bit deltas
  for (const axis of [0, 1]) {
    let previous = 0;
    for (const point of points) {
      glyph.writeInt16BE((point[axis] ?? 0) - previous, at);
      previous = point[axis] ?? 0;
      at += 2;
    }
  }
  return glyph.subarray(0, at + ((4 - (at % 4)) % 4));
}

/** Windows Unicode BMP (format 4) and full (format 12) subtables, one entry per character. */
function cmap(codePoints: readonly number[]): Buffer {
  const format4 = cmapFormat4(codePoints);
  const header = Buffer.alloc(4 + 2 * 8);
  header.writeUInt16BE(2, 2);
  header.writeUInt16BE(3, 4);
  header.writeUInt16BE(1, 6);
  header.writeUInt32BE(header.length, 8);
  header.writeUInt16BE(3, 12);
  header.writeUInt16BE(10, 14);
  header.writeUInt32BE(header.length + format4.length, 16);
  return Buffer.concat([header, format4, cmapFormat12(codePoints)]);
}

/** Glyph n + 1 for the n-th code point: one segment each, and the closing 0xFFFF segment. */
function cmapFormat4(codePoints: readonly number[]): Buffer {
  const bmp = codePoints.filter((c) => c <= 0xfffe);
  const segments = bmp.length + 1;
  const table = Buffer.alloc(16 + segments * 8);
  table.writeUInt16BE(4, 0);
  table.writeUInt16BE(table.length, 2);
  table.writeUInt16BE(segments * 2, 6);
  const power = 2 ** Math.floor(Math.log2(segments));
  table.writeUInt16BE(power * 2, 8);
  table.writeUInt16BE(Math.log2(power), 10);
  table.writeUInt16BE((segments - power) * 2, 12);
  const ends = 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  for (const [s, c] of [...bmp, 0xffff].entries()) {
    const glyph = c === 0xffff ? 0 : s + 1;
    table.writeUInt16BE(c, ends + s * 2);
    table.writeUInt16BE(c, starts + s * 2);
    table.writeUInt16BE((glyph - c + 0x10000) & 0xffff, deltas + s * 2);
  }
  return table;
}

function cmapFormat12(codePoints: readonly number[]): Buffer {
  const table = Buffer.alloc(16 + codePoints.length * 12);
  table.writeUInt16BE(12, 0);
  table.writeUInt32BE(table.length, 4);
  table.writeUInt32BE(codePoints.length, 12);
  for (const [g, c] of codePoints.entries()) {
    table.writeUInt32BE(c, 16 + g * 12);
    table.writeUInt32BE(c, 20 + g * 12);
    table.writeUInt32BE(g + 1, 24 + g * 12);
  }
  return table;
}

function head(): Buffer {
  const table = Buffer.alloc(54);
  table.writeUInt32BE(0x00010000, 0);
  table.writeUInt32BE(0x00010000, 4); // font revision
  table.writeUInt32BE(0x5f0f3cf5, 12); // magic
  table.writeUInt16BE(0x0009, 16); // baseline at y = 0, integer scaling
  table.writeUInt16BE(UNITS_PER_EM, 18);
  // Created and modified: 0, so that the same characters give the same bytes.
  writeInt16s(table, 36, [NARROW.left, BOX_BOTTOM, WIDE.right, BOX_TOP]);
  table.writeUInt16BE(8, 46); // lowest readable size
  table.writeInt16BE(2, 48); // font direction hint
  table.writeInt16BE(1, 50); // long loca offsets
  return table;
}

function hhea(glyphs: number): Buffer {
  const table = Buffer.alloc(36);
  table.writeUInt32BE(0x00010000, 0);
  table.writeInt16BE(ASCENT, 4);
  table.writeInt16BE(-DESCENT, 6);
  table.writeUInt16BE(WIDE.advance, 10);
  table.writeInt16BE(NARROW.left, 12);
  table.writeInt16BE(NARROW.advance - NARROW.right, 14);
  table.writeInt16BE(WIDE.right, 16);
  table.writeInt16BE(1, 18); // caret slope: upright
  table.writeUInt16BE(glyphs, 34);
  return table;
}

function maxp(glyphs: number): Buffer {
  const table = Buffer.alloc(32);
  table.writeUInt32BE(0x00010000, 0);
  table.writeUInt16BE(glyphs, 4);
  table.writeUInt16BE(8, 6); // points
  table.writeUInt16BE(2, 8); // contours
  table.writeUInt16BE(2, 14); // zones
  return table;
}

function os2(codePoints: readonly number[]): Buffer {
  const table = Buffer.alloc(96);
  table.writeUInt16BE(4, 0);
  table.writeInt16BE(800, 2);
  table.writeUInt16BE(400, 4);
  table.writeUInt16BE(5, 6);
  // fsType 0: installable embedding; Skia prints a font that forbids embedding as Type 3.
  table.writeUInt16BE(0, 8);
  table.write('NONE', 58, 'latin1');
  table.writeUInt16BE(0x0040, 62); // regular
  table.writeUInt16BE(Math.min(codePoints[0] ?? 0x21, 0xffff), 64);
  table.writeUInt16BE(Math.min(codePoints[codePoints.length - 1] ?? 0x21, 0xffff), 66);
  table.writeInt16BE(ASCENT, 68);
  table.writeInt16BE(-DESCENT, 70);
  table.writeUInt16BE(ASCENT, 74);
  table.writeUInt16BE(DESCENT, 76);
  table.writeUInt32BE(1, 78); // code page: Latin 1
  table.writeInt16BE(500, 86);
  table.writeInt16BE(700, 88);
  table.writeUInt16BE(0x20, 92);
  return table;
}

function name(): Buffer {
  const names: Array<[number, string]> = [
    [1, MISSING_GLYPH_FAMILY],
    [2, 'Regular'],
    [4, MISSING_GLYPH_FAMILY],
    [6, 'BanmianMissingGlyph'],
  ];
  const strings = names.map(([, value]) => Buffer.from(value, 'utf16le').swap16());
  const header = Buffer.alloc(6 + names.length * 12);
  header.writeUInt16BE(names.length, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  names.forEach(([id], i) => {
    const record = 6 + i * 12;
    header.writeUInt16BE(3, record);
    header.writeUInt16BE(1, record + 2);
    header.writeUInt16BE(0x409, record + 4);
    header.writeUInt16BE(id, record + 6);
    header.writeUInt16BE(strings[i]?.length ?? 0, record + 8);
    header.writeUInt16BE(offset, record + 10);
    offset += strings[i]?.length ?? 0;
  });
  return Buffer.concat([header, ...strings]);
}

function post(): Buffer {
  const table = Buffer.alloc(32);
  table.writeUInt32BE(0x00030000, 0);
  table.writeInt16BE(-100, 8);
  table.writeInt16BE(STROKE, 10);
  return table;
}

/** The tables in a font file: directory, tables on 4-byte boundaries, checksums. */
function sfnt(tables: Record<string, Buffer>): Buffer {
  const tags = Object.keys(tables).sort();
  const power = 2 ** Math.floor(Math.log2(tags.length));
  const header = Buffer.alloc(12 + tags.length * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(tags.length, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE((tags.length - power) * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const table = tables[tag] as Buffer;
    const padded = Buffer.concat([table, Buffer.alloc((4 - (table.length % 4)) % 4)]);
    const record = 12 + i * 16;
    header.write(tag, record, 'latin1');
    header.writeUInt32BE(checksum(padded), record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.length, record + 12);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  const headOffset = header.readUInt32BE(12 + tags.indexOf('head') * 16 + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}

/** The sum of the big-endian 32-bit words of data padded to a 4-byte boundary. */
function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum = (sum + data.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeInt16s(buffer: Buffer, offset: number, values: readonly number[]): void {
  for (const [i, value] of values.entries()) buffer.writeInt16BE(value, offset + i * 2);
}
