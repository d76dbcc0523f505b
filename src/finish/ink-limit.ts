import {
  PDFArray,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { type Operation, operations, rewrite } from './content-stream.js';
import { allImages, decodedBytes, replaceStream, visitContentStreams } from './pdf-streams.js';

/**
 * After Ghostscript has converted a PDF to CMYK with its own profile (no
 * newspaper characterisation is packaged for Debian or npm, see README "For
 * the press"): the total area coverage (C + M + Y + K) held to the ink limit
 * in every CMYK colour the pages set, every CMYK image's pixels and every
 * CMYK palette of an indexed image. (pdfx.ts has Ghostscript write no inline
 * images, which this would not reach.) Over the limit, the grey the three
 * colours share is moved to K first (under-colour removal, which keeps the
 * colour's look), then C, M and Y are scaled down together to what is left.
 */
export function limitInk(pdf: PDFDocument, limitPercent: number): void {
  const limit = limitPercent / 100;
  visitContentStreams(pdf, ({ text }) => {
    const replacements = colourReplacements(operations(text), limit);
    return replacements.size > 0 ? rewrite(text, replacements) : undefined;
  });
  for (const { ref, stream } of allImages(pdf)) {
    const dict = stream.dict;
    const colourSpace = dict.lookup(PDFName.of('ColorSpace'));
    const bits = dict.lookup(PDFName.of('BitsPerComponent'));
    if (colourSpace instanceof PDFArray) limitPalette(pdf, colourSpace, Math.floor(limit * 255));
    if (colourSpace !== PDFName.of('DeviceCMYK') || !(bits instanceof PDFNumber) || bits.asNumber() !== 8) continue;
    if (dict.has(PDFName.of('Decode'))) continue;
    const samples = decodedBytes(stream);
    if (!samples) continue;
    if (limitSamples(samples, Math.floor(limit * 255))) replaceStream(pdf, ref, stream, samples);
  }
}

/** `[/Indexed /DeviceCMYK hival lookup]`: the palette's colours held to `limit` (0–1020), in place. */
function limitPalette(pdf: PDFDocument, space: PDFArray, limit: number): void {
  if (space.lookup(0) !== PDFName.of('Indexed') || space.lookup(1) !== PDFName.of('DeviceCMYK')) return;
  const entry: PDFObject | undefined = space.get(3);
  const lookup = entry instanceof PDFRef ? pdf.context.lookup(entry) : entry;
  if (lookup instanceof PDFString || lookup instanceof PDFHexString) {
    const palette = lookup.asBytes();
    if (limitSamples(palette, limit)) space.set(3, PDFHexString.of(Buffer.from(palette).toString('hex')));
  } else if (lookup instanceof PDFRawStream && entry instanceof PDFRef) {
    const palette = decodedBytes(lookup);
    if (palette && limitSamples(palette, limit)) replaceStream(pdf, entry, lookup, palette);
  }
}

/** The CMYK colour, within `limit` (all in 0–1). */
export function withinLimit([c, m, y, k]: readonly number[], limit: number): [number, number, number, number] {
  const colour: [number, number, number, number] = [c ?? 0, m ?? 0, y ?? 0, k ?? 0];
  const excess = colour[0] + colour[1] + colour[2] + colour[3] - limit;
  if (excess <= 0) return colour;
  const grey = Math.min(colour[0], colour[1], colour[2], excess / 2, 1 - colour[3]);
  for (const i of [0, 1, 2]) colour[i] = (colour[i] as number) - grey;
  colour[3] += grey;
  const cmy = colour[0] + colour[1] + colour[2];
  const room = Math.max(0, limit - colour[3]);
  if (cmy > room) for (const i of [0, 1, 2]) colour[i] = ((colour[i] as number) * room) / cmy;
  return colour;
}

function colourReplacements(list: readonly Operation[], limit: number): Map<Operation, string> {
  const replacements = new Map<Operation, string>();
  for (const operation of list) {
    if ((operation.operator !== 'k' && operation.operator !== 'K') || operation.operands.length !== 4) continue;
    const values = operation.operands.map(Number);
    if (values.reduce((sum, value) => sum + value, 0) <= limit + 1e-9) continue;
    const limited = withinLimit(values, limit).map((value) => Number(value.toFixed(4)));
    replacements.set(operation, `${limited.join(' ')} ${operation.operator}`);
  }
  return replacements;
}

/** 8-bit CMYK samples held to `limit` (0–1020), in place; true if any changed. */
function limitSamples(samples: Uint8Array, limit: number): boolean {
  let changed = false;
  const cache = new Map<number, number>();
  for (let i = 0; i + 3 < samples.length; i += 4) {
    const total = (samples[i] as number) + (samples[i + 1] as number) + (samples[i + 2] as number);
    if (total + (samples[i + 3] as number) <= limit) continue;
    const key =
      (samples[i] as number) * 16777216 + (samples[i + 1] as number) * 65536 + (samples[i + 2] as number) * 256;
    const packed = key + (samples[i + 3] as number);
    let limited = cache.get(packed);
    if (limited === undefined) {
      const [c, m, y, k] = withinLimit(
        [samples[i] as number, samples[i + 1] as number, samples[i + 2] as number, samples[i + 3] as number].map(
          (value) => value / 255,
        ),
        limit / 255,
      ).map((value) => Math.min(255, Math.floor(value * 255)));
      limited = (c as number) * 16777216 + (m as number) * 65536 + (y as number) * 256 + (k as number);
      cache.set(packed, limited);
    }
    samples[i] = Math.floor(limited / 16777216);
    samples[i + 1] = Math.floor(limited / 65536) % 256;
    samples[i + 2] = Math.floor(limited / 256) % 256;
    samples[i + 3] = limited % 256;
    changed = true;
  }
  return changed;
}
