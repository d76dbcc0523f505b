import {
  ParseSpeeds,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib';

/**
 * The fonts a PDF's pages use, read from its page resources with pdf-lib: the
 * build checks its own PDF with it (no external tool), and `banmian preflight`
 * uses the same rule on any PDF (`type3Check`).
 */
export interface PdfFont {
  /** BaseFont, else the Type 3 font's /Name, else its descriptor's FontName; `unnamed` when none. */
  name: string;
  /** Type0, TrueType, Type1, Type3… */
  subtype: string;
  /** 1-based numbers of the pages that draw with it (directly, in a form or a Type 3 glyph). */
  pages: number[];
}

export function pdfFonts(pdf: PDFDocument): PdfFont[] {
  const fonts = new Map<PDFDict, PdfFont>();
  pdf.getPages().forEach((page, index) => {
    const seen = new Set<PDFDict>();
    const visit = (resources: PDFDict | undefined) => {
      if (!resources || seen.has(resources)) return;
      seen.add(resources);
      for (const font of dictValues(pdf, resources.get(PDFName.of('Font')))) {
        const entry = fonts.get(font) ?? describe(pdf, font);
        fonts.set(font, entry);
        if (!entry.pages.includes(index + 1)) entry.pages.push(index + 1);
        visit(lookupDict(pdf, font.get(PDFName.of('Resources'))));
      }
      for (const xobject of dictValues(pdf, resources.get(PDFName.of('XObject')))) {
        visit(lookupDict(pdf, xobject.get(PDFName.of('Resources'))));
      }
    };
    visit(page.node.Resources());
  });
  return [...fonts.values()];
}

/** The fonts of a PDF file's bytes. */
export async function pdfFontsOfBytes(bytes: Uint8Array): Promise<PdfFont[]> {
  const pdf = await PDFDocument.load(bytes, {
    updateMetadata: false,
    ignoreEncryption: true,
    parseSpeed: ParseSpeeds.Fastest,
  });
  return pdfFonts(pdf);
}

export function type3Fonts(fonts: readonly PdfFont[]): PdfFont[] {
  return fonts.filter((font) => font.subtype === 'Type3');
}

/**
 * The rule both the build and preflight apply: no Type 3 font (glyphs as
 * drawing procedures, which many RIPs refuse and which lose the text's
 * outlines' hinting), each named with its pages.
 */
export function type3Check(fonts: readonly PdfFont[]): { passed: boolean; detail: string } {
  const type3 = type3Fonts(fonts);
  if (type3.length === 0) return { passed: true, detail: 'no Type 3 fonts' };
  const named = type3.map((font) => `${font.name} (${pageList(font.pages)})`);
  const shown = named.length > 5 ? [...named.slice(0, 5), '…'] : named;
  return { passed: false, detail: `${type3.length} Type 3: ${shown.join(', ')}` };
}

function pageList(pages: readonly number[]): string {
  const sorted = [...pages].sort((a, b) => a - b);
  const shown = sorted.length > 6 ? `${sorted.slice(0, 6).join(', ')}…` : sorted.join(', ');
  return `${sorted.length === 1 ? 'page' : 'pages'} ${shown}`;
}

function describe(pdf: PDFDocument, font: PDFDict): PdfFont {
  const subtype = nameOf(font.get(PDFName.of('Subtype'))) ?? '?';
  const descriptor = lookupDict(pdf, font.get(PDFName.of('FontDescriptor')));
  const name =
    nameOf(font.get(PDFName.of('BaseFont'))) ??
    nameOf(font.get(PDFName.of('Name'))) ??
    nameOf(descriptor?.get(PDFName.of('FontName'))) ??
    'unnamed';
  return { name, subtype, pages: [] };
}

function nameOf(object: PDFObject | undefined): string | undefined {
  if (object instanceof PDFName) return object.decodeText();
  if (object instanceof PDFString || object instanceof PDFHexString) return object.decodeText();
  return undefined;
}

function lookupDict(pdf: PDFDocument, object: PDFObject | undefined): PDFDict | undefined {
  const value = object instanceof PDFRef ? pdf.context.lookup(object) : object;
  if (value instanceof PDFDict) return value;
  if (value instanceof PDFStream) return value.dict;
  return undefined;
}

/** The dictionaries (or streams' dictionaries) a resource subdictionary (/Font, /XObject) names. */
function dictValues(pdf: PDFDocument, object: PDFObject | undefined): PDFDict[] {
  const dict = lookupDict(pdf, object);
  if (!dict) return [];
  return dict
    .values()
    .map((value) => lookupDict(pdf, value))
    .filter((value): value is PDFDict => value !== undefined);
}
