import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFDocument, PDFHexString } from 'pdf-lib';
import { type PdfFont, pdfFonts } from './pdf-fonts.js';

/**
 * PDF bytes → final PDF: what the press and the archive read besides the
 * pages. Chromium writes the pages, a tagged structure and the outline;
 * this adds the document's metadata, the page boxes, and makes the file
 * reproducible — Chromium's only varying bytes are its dates, so with a fixed
 * date (SOURCE_DATE_EPOCH) two builds are byte for byte the same.
 */
export interface FinishOptions {
  title: string;
  author?: string | undefined;
  subject?: string | undefined;
  keywords?: readonly string[] | undefined;
  /** BCP 47, e.g. zh-CN. */
  language: string;
  /** Creation and modification date. */
  date: Date;
  /** The page boxes, in PDF points: the trimmed page, its distance from the sheet's edges, and the bleed. */
  boxes: { trim: { width: number; height: number }; trimOffset: number; bleed: number };
}

export interface FinishedPdf {
  bytes: Uint8Array;
  /** The fonts its pages use, for the build's Type 3 check (read while the PDF is open anyway). */
  fonts: PdfFont[];
}

export async function finishPdf(bytes: Uint8Array, options: FinishOptions): Promise<FinishedPdf> {
  // pdf-lib yields to the event loop every 100 objects it reads and every 50
  // it writes, a timer of at least 1 ms each: 0.4 s of waiting at 60 pages.
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  pdf.setTitle(options.title, { showInWindowTitleBar: true });
  if (options.author) pdf.setAuthor(options.author);
  if (options.subject) pdf.setSubject(options.subject);
  if (options.keywords?.length) pdf.setKeywords([...options.keywords]);
  pdf.setCreator('banmian');
  pdf.setProducer('banmian (Chromium Skia/PDF, pdf-lib)');
  pdf.setLanguage(options.language);
  pdf.setCreationDate(options.date);
  pdf.setModificationDate(options.date);

  // Chromium rounds the sheet to its own units; the trimmed page is placed
  // from the top left, where the layout placed it.
  const { trim, trimOffset: offset, bleed } = options.boxes;
  for (const page of pdf.getPages()) {
    const top = page.getHeight() - offset;
    page.setTrimBox(offset, top - trim.height, trim.width, trim.height);
    page.setBleedBox(offset - bleed, top - trim.height - bleed, trim.width + 2 * bleed, trim.height + 2 * bleed);
  }

  // A stable document ID: the same pages give the same ID.
  const id = documentId(bytes);
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  const fonts = pdfFonts(pdf);
  return { bytes: await pdf.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY }), fonts };
}

/** A hash of Chromium's PDF without the dates it writes. */
function documentId(bytes: Uint8Array): string {
  const text = Buffer.from(bytes)
    .toString('latin1')
    .replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, '');
  return createHash('sha256').update(text, 'latin1').digest('hex').slice(0, 32);
}

/**
 * The date a PDF records: SOURCE_DATE_EPOCH when set (reproducible builds),
 * else the issue date from the front matter, else now.
 */
export function documentDate(env: NodeJS.ProcessEnv, issueDate: string | undefined): Date {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  if (issueDate) return new Date(`${issueDate}T00:00:00Z`);
  return new Date();
}
