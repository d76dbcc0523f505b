import {
  decodePDFRawStream,
  type PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFPage,
  type PDFRawStream,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { separateBlack } from '../src/finish/black-ink.js';
import { operations } from '../src/finish/content-stream.js';
import { limitInk, withinLimit } from '../src/finish/ink-limit.js';
import { pdfx1aProblems } from '../src/finish/pdfx-conformance.js';
import { limitInkAndLabel } from '../src/finish/press-colour.js';
import { pamHeader } from '../src/preflight/separation.js';
import { PreflightError } from '../src/preflight/tools.js';

describe('the content-stream reader', () => {
  it('finds operators and leaves strings, names and arrays whole', () => {
    const ops = operations('0 0 0 rg BT /F1 12 Tf (a 1 1 1 rg \\) b) Tj [<00ff> 3 (x)] TJ ET');
    expect(ops.map((op) => op.operator)).toEqual(['rg', 'BT', 'Tf', 'Tj', 'TJ', 'ET']);
    expect(ops[3]?.operands).toEqual(['(a 1 1 1 rg \\) b)']);
  });
});

describe('black onto K', () => {
  it('sets neutral RGB as grey and overprints black paint only', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([100, 100]);
    const stream = pdf.context.stream(
      '0 0 0 rg BT (a) Tj ET 0 0 10 1 re f 1 0 0 rg 0 5 10 1 re f 0.5 0.5 0.5 rg BT (b) Tj ET',
    );
    page.node.set(PDFName.of('Contents'), pdf.context.register(stream));
    separateBlack(pdf);
    const loaded = await PDFDocument.load(await pdf.save({ useObjectStreams: false }));
    const contents = loaded.getPages()[0]?.node.lookup(PDFName.of('Contents')) as PDFRawStream;
    // Only the fill is black here: black fills overprint (op), strokes do not; red knocks out again.
    expect(Buffer.from(decodePDFRawStream(contents).decode()).toString()).toBe(
      '0 g BT /BanmianOP10 gs (a) Tj ET 0 0 10 1 re f 1 0 0 rg /BanmianOP00 gs 0 5 10 1 re f 0.5 g BT (b) Tj ET',
    );
  });
});

describe('the ink limit', () => {
  it('moves the shared grey to K, then scales C, M and Y to what is left', () => {
    const limited = withinLimit([0.72, 0.67, 0.67, 0.88], 2.4);
    expect(limited.reduce((sum, value) => sum + value, 0)).toBeCloseTo(2.4, 6);
    expect(limited[3]).toBeGreaterThan(0.88);
    expect(withinLimit([0.5, 0.4, 0.3, 0.2], 2.4)).toEqual([0.5, 0.4, 0.3, 0.2]);
    const saturated = withinLimit([1, 1, 0, 1], 2.4);
    expect(saturated[0] + saturated[1] + saturated[2] + saturated[3]).toBeCloseTo(2.4, 6);
    expect(saturated[0]).toBeCloseTo(saturated[1], 6);
  });
});

/** A page that passes every PDF/X-1a rule but the ones a test adds: boxes, intent, ID, Title, Trapped. */
async function x1aPage(content: string, resources: Record<string, unknown> = {}) {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([100, 100]);
  page.setTrimBox(0, 0, 100, 100);
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.stream(content)));
  page.node.set(PDFName.of('Resources'), pdf.context.obj(resources as never));
  pdf.setTitle('x');
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info) as PDFDict;
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of('00'), PDFHexString.of('00')]);
  const profile = pdf.context.register(pdf.context.stream('profile', { N: 4 }));
  const intent = pdf.context.obj({ Type: 'OutputIntent', S: 'GTS_PDFX', DestOutputProfile: profile });
  pdf.catalog.set(PDFName.of('OutputIntents'), pdf.context.obj([intent]));
  return pdf;
}

describe('the PDF/X-1a check', () => {
  it('passes CMYK and grey content, and never reads a font file as content', async () => {
    const pdf = await x1aPage('0 0 0 1 k 0 0 10 10 re f 0.5 g');
    // A stream no page draws, with bytes that read as an RGB operator (as a font's may).
    pdf.context.register(pdf.context.stream('1 0 0 rg'));
    expect(pdfx1aProblems(pdf)).toEqual([]);
  });

  it('follows a resource’s reference to an ICC-based colour space set by cs', async () => {
    const pdf = await x1aPage('/CS0 cs 1 0 0 sc 0 0 10 10 re f');
    const icc = pdf.context.register(pdf.context.stream('icc', { N: 3 }));
    const space = pdf.context.register(pdf.context.obj([PDFName.of('ICCBased'), icc]));
    const page = pdf.getPages()[0] as PDFPage;
    (page.node.lookup(PDFName.of('Resources')) as PDFDict).set(
      PDFName.of('ColorSpace'),
      pdf.context.obj({ CS0: space }),
    );
    expect(pdfx1aProblems(pdf)).toContain('colour space ICCBased');
  });

  it('finds DeviceRGB set by cs and an inline image in RGB', async () => {
    expect(pdfx1aProblems(await x1aPage('/DeviceRGB cs 1 0 0 sc'))).toContain('colour space DeviceRGB');
    const inline = await x1aPage('q BI /W 1 /H 1 /CS /RGB /BPC 8 ID \xff\0\0 EI Q');
    expect(pdfx1aProblems(inline)).toContain('colour space DeviceRGB');
    expect(pdfx1aProblems(await x1aPage('q BI /W 1 /H 1 /CS /CMYK /BPC 8 ID \0\0\0\xff EI Q'))).toEqual([]);
  });

  it('relabels a compressed XMP packet as X-1a, as the Info dictionary is', async () => {
    const pdf = await x1aPage('0 0 0 1 k');
    const xmp = '<x:xmpmeta><pdfxid:GTS_PDFXVersion>PDF/X-3:2002</pdfxid:GTS_PDFXVersion></x:xmpmeta>';
    const metadata = pdf.context.flateStream(xmp, { Type: 'Metadata', Subtype: 'XML' });
    pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(metadata));
    const result = await limitInkAndLabel(await pdf.save({ useObjectStreams: false }), 240);
    expect(result.problems).toEqual([]);
    expect(result.version).toBe('PDF/X-1a:2001');
    const labelled = await PDFDocument.load(result.pdf);
    const stream = labelled.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
    const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
    expect(text).toContain('PDF/X-1:2001');
    expect(text).not.toContain('PDF/X-3');
  });
});

describe('the ink limit on an indexed image', () => {
  it('holds a CMYK palette’s colours to the limit', async () => {
    const pdf = await x1aPage('q 10 0 0 10 0 0 cm /Im0 Do Q');
    const palette = PDFHexString.of('00000000ffffffff');
    const space = pdf.context.obj([PDFName.of('Indexed'), PDFName.of('DeviceCMYK'), 1, palette]);
    const image = pdf.context.stream(new Uint8Array([0, 1]), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: 2,
      Height: 1,
      BitsPerComponent: 8,
      ColorSpace: space,
    });
    const page = pdf.getPages()[0] as PDFPage;
    (page.node.lookup(PDFName.of('Resources')) as PDFDict).set(
      PDFName.of('XObject'),
      pdf.context.obj({ Im0: pdf.context.register(image) }),
    );
    limitInk(pdf, 240);
    const bytes = (space.lookup(3) as PDFHexString).asBytes();
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    const total = bytes.subarray(4).reduce((sum, value) => sum + value, 0);
    expect(total).toBeLessThanOrEqual(Math.floor(2.4 * 255));
    expect(total).toBeGreaterThan(2.3 * 255);
  });
});

describe('the CMYK rendering preflight measures', () => {
  it('reads a PAM header, and refuses one without ENDHDR rather than measuring nothing', () => {
    const header = 'P7\nWIDTH 2\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE CMYK\n';
    const pixels = Buffer.alloc(8, 255);
    expect(pamHeader(Buffer.concat([Buffer.from(`${header}ENDHDR\n`), pixels]), 1)).toEqual({
      width: 2,
      height: 1,
      headerEnd: header.length + 7,
    });
    expect(() => pamHeader(Buffer.concat([Buffer.from(header), pixels]), 3)).toThrow(PreflightError);
    expect(() => pamHeader(Buffer.from(`${header}ENDHDR\n`), 3)).toThrow(/page 3 is not a whole 8-bit CMYK PAM/);
  });
});
