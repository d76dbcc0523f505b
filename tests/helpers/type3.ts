/**
 * A one-page PDF whose text is set in a Type 3 font (glyphs as drawing
 * procedures, as Chromium writes CFF fonts): what preflight must refuse.
 * Written by hand, with its cross-reference table computed.
 */
export function type3Pdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type3 /Name /BoxFont /FontBBox [0 0 750 750] /FontMatrix [0.001 0 0 0.001 0 0]' +
      ' /CharProcs 5 0 R /Encoding << /Type /Encoding /Differences [65 /square] >> /FirstChar 65 /LastChar 65 /Widths [1000] >>',
    '<< /square 7 0 R >>',
  ];
  const streams = ['BT /F1 24 Tf 50 100 Td (AAA) Tj ET', '1000 0 0 0 750 750 d1 0 0 750 750 re f'];
  const bodies = [
    ...objects,
    `<< /Length ${streams[0]?.length} >>\nstream\n${streams[0]}\nendstream`,
    `<< /Length ${streams[1]?.length} >>\nstream\n${streams[1]}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
