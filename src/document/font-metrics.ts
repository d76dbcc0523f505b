import { open } from 'node:fs/promises';

/** The vertical metrics of a face, in its own units per em. */
interface VerticalMetrics {
  unitsPerEm: number;
  /** hhea ascender, descender, lineGap; OS/2 sTypoAscender, sTypoDescender, sTypoLineGap, usWinAscent, usWinDescent. */
  values: number[];
}

/** Where each metric sits: table, byte offset, and whether it is unsigned (usWin*). */
const METRICS: ReadonlyArray<readonly [table: string, offset: number, unsigned: boolean]> = [
  ['hhea', 4, false],
  ['hhea', 6, false],
  ['hhea', 8, false],
  ['OS/2', 68, false],
  ['OS/2', 70, false],
  ['OS/2', 72, false],
  ['OS/2', 74, true],
  ['OS/2', 76, true],
];

/** The offset and length of each table of an sfnt, by tag. */
function tableDirectory(font: Buffer): Map<string, { offset: number; length: number; entry: number }> {
  const tables = new Map<string, { offset: number; length: number; entry: number }>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const entry = 12 + 16 * i;
    tables.set(font.toString('latin1', entry, entry + 4), {
      offset: font.readUInt32BE(entry + 8),
      length: font.readUInt32BE(entry + 12),
      entry,
    });
  }
  return tables;
}

const metricsByPath = new Map<string, Promise<VerticalMetrics>>();

/** The vertical metrics of the font file at `path`, read once per process, without reading the whole (20 MB) file. */
export function readVerticalMetrics(path: string): Promise<VerticalMetrics> {
  let metrics = metricsByPath.get(path);
  if (!metrics) {
    metrics = readMetricsOf(path);
    metricsByPath.set(path, metrics);
    metrics.catch(() => metricsByPath.delete(path));
  }
  return metrics;
}

async function readMetricsOf(path: string): Promise<VerticalMetrics> {
  const file = await open(path);
  try {
    const read = async (offset: number, length: number) =>
      (await file.read(Buffer.alloc(length), 0, length, offset)).buffer;
    const header = await read(0, 12);
    const directory = tableDirectory(Buffer.concat([header, await read(12, 16 * header.readUInt16BE(4))]));
    const table = async (tag: string) => {
      const found = directory.get(tag);
      if (!found) throw new Error(`${path} has no ${tag} table`);
      return read(found.offset, found.length);
    };
    const tables = { head: await table('head'), hhea: await table('hhea'), 'OS/2': await table('OS/2') };
    const values = METRICS.map(([tag, offset, unsigned]) =>
      unsigned ? tables[tag as 'hhea'].readUInt16BE(offset) : tables[tag as 'hhea'].readInt16BE(offset),
    );
    return { unitsPerEm: tables.head.readUInt16BE(18), values };
  } finally {
    await file.close();
  }
}

function tableChecksum(font: Buffer, offset: number, length: number): number {
  let sum = 0;
  for (let at = offset; at < offset + length; at += 4) {
    const word =
      at + 4 <= font.length
        ? font.readUInt32BE(at)
        : Buffer.concat([font.subarray(at), Buffer.alloc(4)]).readUInt32BE(0);
    sum = (sum + word) >>> 0;
  }
  return sum;
}

/**
 * `font` (a subset) with the vertical metrics of another face, scaled to its units per em, and its
 * checksums made right again. A face that lends its punctuation to another family (the 宋 marks in Kai
 * text) then sits on that family's line exactly as its own glyphs would: the same line box, and in the
 * PDF the same ascent and descent, so that a reader of glyph boxes sees one line, not two.
 */
export function withVerticalMetrics(font: Buffer, metrics: VerticalMetrics): Buffer {
  const patched = Buffer.from(font);
  const tables = tableDirectory(patched);
  const head = tables.get('head');
  if (!head) return font;
  const scale = patched.readUInt16BE(head.offset + 18) / metrics.unitsPerEm;
  METRICS.forEach(([tag, offset, unsigned], i) => {
    const table = tables.get(tag);
    if (!table || offset + 2 > table.length) return;
    const value = Math.round((metrics.values[i] as number) * scale);
    if (unsigned) patched.writeUInt16BE(Math.max(0, value), table.offset + offset);
    else patched.writeInt16BE(value, table.offset + offset);
  });
  for (const { offset, length, entry } of tables.values()) {
    if (offset === head.offset) continue;
    patched.writeUInt32BE(tableChecksum(patched, offset, length), entry + 4);
  }
  patched.writeUInt32BE(0, head.offset + 8);
  patched.writeUInt32BE(tableChecksum(patched, head.offset, head.length), head.entry + 4);
  patched.writeUInt32BE((0xb1b0afba - tableChecksum(patched, 0, patched.length)) >>> 0, head.offset + 8);
  return patched;
}
