import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib';

/**
 * The content streams and image streams of a PDF, read and written through
 * pdf-lib: what the ink passes (black-ink.ts before Ghostscript, ink-limit.ts
 * after it) rewrite. A stream used by several pages is visited once.
 */

/** A content stream's text (latin1) and the resources its names refer to. */
export type ContentRewriter = (text: string, resources: PDFDict) => string;

/** Rewrites every page's content and every Form XObject's, through `rewriter`. */
export function rewriteContentStreams(pdf: PDFDocument, rewriter: ContentRewriter): void {
  const seen = new Set<PDFObject>();
  for (const page of pdf.getPages()) {
    const resources = page.node.normalizedEntries().Resources;
    const contents = page.node.Contents();
    if (contents) {
      const parts = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))];
      const text = parts.map((part) => streamText(pdf, part)).join('\n');
      const stream = pdf.context.flateStream(Buffer.from(rewriter(text, resources), 'latin1'));
      page.node.set(PDFName.of('Contents'), pdf.context.register(stream));
    }
    rewriteForms(pdf, resources, rewriter, seen);
  }
}

function rewriteForms(pdf: PDFDocument, resources: PDFDict, rewriter: ContentRewriter, seen: Set<PDFObject>): void {
  for (const { ref, stream } of xObjects(pdf, resources, 'Form')) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    const own = stream.dict.lookup(PDFName.of('Resources'));
    const formResources = own instanceof PDFDict ? own : resources;
    const text = rewriter(streamText(pdf, ref), formResources);
    replaceStream(pdf, ref, stream, Buffer.from(text, 'latin1'));
    rewriteForms(pdf, formResources, rewriter, seen);
  }
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

/** Every image XObject of every page and form, once each. */
export function allImages(pdf: PDFDocument): { ref: PDFRef; stream: PDFRawStream }[] {
  const images = new Map<PDFRef, PDFRawStream>();
  const visit = (resources: PDFDict, seen: Set<PDFRef>) => {
    for (const image of xObjects(pdf, resources, 'Image')) images.set(image.ref, image.stream);
    for (const form of xObjects(pdf, resources, 'Form')) {
      if (seen.has(form.ref)) continue;
      seen.add(form.ref);
      const own = form.stream.dict.lookup(PDFName.of('Resources'));
      if (own instanceof PDFDict) visit(own, seen);
    }
  };
  const seen = new Set<PDFRef>();
  for (const page of pdf.getPages()) visit(page.node.normalizedEntries().Resources, seen);
  return [...images].map(([ref, stream]) => ({ ref, stream }));
}

/** A stream's decoded bytes as latin1 text. */
function streamText(pdf: PDFDocument, object: PDFObject | undefined): string {
  const stream = object instanceof PDFRef ? pdf.context.lookup(object) : object;
  if (!(stream instanceof PDFRawStream)) return '';
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

/** The decoded bytes of a stream whose filters pdf-lib can undo, else undefined (a JPEG, say). */
export function decodedBytes(stream: PDFRawStream): Uint8Array | undefined {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
  if (filters.some((name) => name !== PDFName.of('FlateDecode'))) return undefined;
  return decodePDFRawStream(stream).decode();
}

/** Puts new (decoded) contents in the stream at `ref`, its other entries kept, compressed with Flate. */
export function replaceStream(pdf: PDFDocument, ref: PDFRef, stream: PDFRawStream, bytes: Uint8Array): void {
  const dict = stream.dict.clone(pdf.context);
  for (const key of ['Filter', 'DecodeParms', 'Length']) dict.delete(PDFName.of(key));
  const replaced = pdf.context.flateStream(bytes);
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
    if (!(dict as PDFDict).has(PDFName.of(name))) (dict as PDFDict).set(PDFName.of(name), pdf.context.obj(entries as never));
  }
}
