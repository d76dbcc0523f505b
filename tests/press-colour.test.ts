import { decodePDFRawStream, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { separateBlack } from '../src/finish/black-ink.js';
import { operations } from '../src/finish/content-stream.js';
import { withinLimit } from '../src/finish/ink-limit.js';

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
