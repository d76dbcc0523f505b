import {
  decodePDFRawStream,
  ParseSpeeds,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { separateBlack as separateBlackOn } from './black-ink.js';
import { limitInk } from './ink-limit.js';
import { replaceStream } from './pdf-streams.js';
import type { PdfxResult } from './pdfx.js';
import { pdfx1aProblems } from './pdfx-conformance.js';

/** The pdf-lib passes around Ghostscript's conversion (pdfx.ts), on bytes. */

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/**
 * The PDF saved without object streams and with the version it was read with:
 * pdf-lib always writes `%PDF-1.7`, and Ghostscript's PDF/X is PDF 1.3, which
 * X-1a:2001 asks for (the header is as long either way, so no offset moves).
 */
async function save(pdf: PDFDocument): Promise<Uint8Array> {
  const bytes = await pdf.save({
    useObjectStreams: false,
    objectsPerTick: Number.POSITIVE_INFINITY,
    updateFieldAppearances: false,
  });
  const version = /^%PDF-(\d\.\d)/.exec(pdf.context.header.toString())?.[1];
  if (version && Buffer.from(bytes.subarray(0, 8)).toString('latin1') === '%PDF-1.7') {
    bytes.set(Buffer.from(`%PDF-${version}`, 'latin1'), 0);
  }
  return bytes;
}

/** Black onto K, overprinting (black-ink.ts): before Ghostscript. */
export async function separateBlack(bytes: Uint8Array): Promise<Uint8Array> {
  const pdf = await load(bytes);
  separateBlackOn(pdf);
  return save(pdf);
}

/**
 * After Ghostscript: the ink held to `inkLimit` (CMYK), then the file's PDF/X
 * version set to what it passes — X-1a where every X-1a rule holds, else the
 * X-3 Ghostscript wrote — in the Info dictionary and the XMP metadata alike
 * (an XMP packet that cannot be read keeps the file X-3, so the two agree).
 */
export async function limitInkAndLabel(bytes: Uint8Array, inkLimit: number | undefined): Promise<PdfxResult> {
  const pdf = await load(bytes);
  if (inkLimit !== undefined) limitInk(pdf, inkLimit);
  const problems = pdfx1aProblems(pdf);
  if (problems.length === 0 && !relabelXmp(pdf)) problems.push('the XMP metadata could not be read to relabel it');
  if (problems.length > 0) return { pdf: await save(pdf), version: 'PDF/X-3:2002', problems };
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info);
  if (info instanceof PDFDict) {
    info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of('PDF/X-1:2001'));
    info.set(PDFName.of('GTS_PDFXConformance'), PDFString.of('PDF/X-1a:2001'));
  }
  return { pdf: await save(pdf), version: 'PDF/X-1a:2001', problems };
}

/** Ghostscript's XMP packet names X-3 too: the same version there. False: the packet could not be decoded. */
function relabelXmp(pdf: PDFDocument): boolean {
  const ref = pdf.catalog.get(PDFName.of('Metadata'));
  if (!(ref instanceof PDFRef)) return true;
  const stream = pdf.context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) return true;
  let xmp: string;
  try {
    xmp = Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
  } catch {
    return false;
  }
  const relabelled = xmp
    .replace(/PDF\/X-3:2002/g, 'PDF/X-1:2001')
    .replace(
      /(<pdfxid:GTS_PDFXVersion>[^<]*<\/pdfxid:GTS_PDFXVersion>)/,
      '$1<pdfx:GTS_PDFXConformance>PDF/X-1a:2001</pdfx:GTS_PDFXConformance>',
    );
  if (relabelled !== xmp) replaceStream(pdf, ref, stream, Buffer.from(relabelled, 'utf8'), false);
  return true;
}
