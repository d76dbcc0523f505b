import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib';

/**
 * The content streams and image streams of a PDF, read and written through
 * pdf-lib: what the ink passes (black-ink.ts before Ghostscript, ink-limit.ts
 * after it) rewrite and the PDF/X-1a check (pdfx-conformance.ts) reads.
 */

/** A content stream met on the walk: its text (latin1, decoded when first read) and the resources its names refer to. */
export interface ContentStream {
  readonly text: string;
  resources: PDFDict;
}

/** Reads a content stream; a string returned replaces its text, undefined leaves it as it is. */
export type ContentVisitor = (content: ContentStream) => string | undefined;

/**
 * The one walk over what the pages draw, for every pass that reads or
 * rewrites it (black onto K, the ink limit, the PDF/X-1a check): each page's
 * /Contents and each Form XObject it draws, through nested forms, once each.
 * Other streams (fonts, profiles, metadata) are never read as content.
 */
export function visitContentStreams(pdf: PDFDocument, visit: ContentVisitor): void {
  const seen = new Set<PDFRef>();
  for (const page of pdf.getPages()) {
    const resources = page.node.normalizedEntries().Resources;
    const contents = page.node.Contents();
    if (contents) {
      const parts = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))];
      const replaced = visit(lazyContent(() => parts.map((part) => streamText(pdf, part)).join('\n'), resources));
      if (replaced !== undefined) {
        const stream = pdf.context.flateStream(Buffer.from(replaced, 'latin1'));
        page.node.set(PDFName.of('Contents'), pdf.context.register(stream));
      }
    }
    visitForms(pdf, resources, visit, seen);
  }
}

function visitForms(pdf: PDFDocument, resources: PDFDict, visit: ContentVisitor, seen: Set<PDFRef>): void {
  for (const { ref, stream } of xObjects(pdf, resources, 'Form')) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    const own = stream.dict.lookup(PDFName.of('Resources'));
    const formResources = own instanceof PDFDict ? own : resources;
    const replaced = visit(lazyContent(() => streamText(pdf, ref), formResources));
    if (replaced !== undefined) replaceStream(pdf, ref, stream, Buffer.from(replaced, 'latin1'));
    visitForms(pdf, formResources, visit, seen);
  }
}

function lazyContent(read: () => string, resources: PDFDict): ContentStream {
  let text: string | undefined;
  return {
    get text() {
      text ??= read();
      return text;
    },
    resources,
  };
}

/** The XObjects of one subtype in `resources`, by reference. */
export function xObjects(
  pdf: PDFDocument,
  resources: PDFDict,
  subtype: 'Form' | 'Image',
): { ref: PDFRef; stream: PDFRawStream }[] {
  const dict = resources.lookup(PDFName.of('XObject'));
  if (!(dict instanceof PDFDict)) return [];
  const found: { ref: PDFRef; stream: PDFRawStream }[] = [];
  for (const value of dict.values()) {
    if (!(value instanceof PDFRef)) continue;
    const stream = pdf.context.lookup(value);
    if (stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Subtype')) === PDFName.of(subtype)) {
      found.push({ ref: value, stream });
    }
  }
  return found;
}

/** Every image XObject the pages and their forms draw, once each. */
export function allImages(pdf: PDFDocument): { ref: PDFRef; stream: PDFRawStream }[] {
  const images = new Map<PDFRef, PDFRawStream>();
  visitContentStreams(pdf, ({ resources }) => {
    for (const image of xObjects(pdf, resources, 'Image')) images.set(image.ref, image.stream);
    return undefined;
  });
  return [...images].map(([ref, stream]) => ({ ref, stream }));
}

/** A stream's decoded bytes as latin1 text. */
function streamText(pdf: PDFDocument, object: PDFObject | undefined): string {
  const stream = object instanceof PDFRef ? pdf.context.lookup(object) : object;
  if (!(stream instanceof PDFRawStream)) return '';
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

/**
 * The samples of a Flate-compressed (or uncompressed) image, its PNG
 * predictors undone (Ghostscript writes Predictor 15); else undefined (a JPEG,
 * a TIFF predictor).
 */
export function decodedBytes(stream: PDFRawStream): Uint8Array | undefined {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
  if (filters.some((name) => name !== PDFName.of('FlateDecode'))) return undefined;
  const bytes = decodePDFRawStream(stream).decode();
  const parms = stream.dict.lookup(PDFName.of('DecodeParms'));
  const number = (key: string, fallback: number) => {
    const value = parms instanceof PDFDict ? parms.lookup(PDFName.of(key)) : undefined;
    return value instanceof PDFNumber ? value.asNumber() : fallback;
  };
  const predictor = number('Predictor', 1);
  if (predictor === 1) return bytes;
  if (predictor < 10) return undefined;
  const bytesPerPixel = Math.ceil((number('Colors', 1) * number('BitsPerComponent', 8)) / 8);
  return undoPngPredictors(
    bytes,
    Math.ceil((number('Columns', 1) * number('Colors', 1) * number('BitsPerComponent', 8)) / 8),
    bytesPerPixel,
  );
}

/** PNG row filters (None, Sub, Up, Average, Paeth) undone: rows of `rowBytes` each after a filter byte. */
function undoPngPredictors(data: Uint8Array, rowBytes: number, bpp: number): Uint8Array {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let row = 0; row < rows; row++) {
    const type = data[row * (rowBytes + 1)];
    const from = row * (rowBytes + 1) + 1;
    const at = row * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[from + i] as number;
      const left = i >= bpp ? (out[at + i - bpp] as number) : 0;
      const up = row > 0 ? (out[at - rowBytes + i] as number) : 0;
      const upLeft = row > 0 && i >= bpp ? (out[at - rowBytes + i - bpp] as number) : 0;
      out[at + i] = (raw + predicted(type, left, up, upLeft)) & 255;
    }
  }
  return out;
}

function predicted(type: number | undefined, left: number, up: number, upLeft: number): number {
  if (type === 1) return left;
  if (type === 2) return up;
  if (type === 3) return (left + up) >> 1;
  if (type === 4) {
    const p = left + up - upLeft;
    const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
    return a <= b && a <= c ? left : b <= c ? up : upLeft;
  }
  return 0;
}

/**
 * Puts new (decoded) contents in the stream at `ref`, its other entries kept, compressed with Flate
 * (unless `compress` is false: XMP is left readable to tools that look for the packet in the bytes).
 */
export function replaceStream(pdf: PDFDocument, ref: PDFRef, stream: PDFRawStream, bytes: Uint8Array, compress = true) {
  const dict = stream.dict.clone(pdf.context);
  for (const key of ['Filter', 'DecodeParms', 'Length']) dict.delete(PDFName.of(key));
  const replaced = compress ? pdf.context.flateStream(bytes) : pdf.context.stream(bytes);
  for (const [key, value] of dict.entries()) replaced.dict.set(key, value);
  pdf.context.assign(ref, replaced);
}

/** Adds graphics states to `resources` under the given names (if not there). */
export function addExtGStates(pdf: PDFDocument, resources: PDFDict, states: Record<string, Record<string, unknown>>) {
  let dict = resources.lookup(PDFName.of('ExtGState'));
  if (!(dict instanceof PDFDict)) {
    dict = pdf.context.obj({});
    resources.set(PDFName.of('ExtGState'), dict as PDFDict);
  }
  for (const [name, entries] of Object.entries(states)) {
    if (!(dict as PDFDict).has(PDFName.of(name)))
      (dict as PDFDict).set(PDFName.of(name), pdf.context.obj(entries as never));
  }
}
