import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, PDFRawStream, PDFRef } from 'pdf-lib';
import { operations } from './content-stream.js';
import { visitContentStreams } from './pdf-streams.js';

/**
 * What PDF/X-1a (ISO 15930-1/-4) asks of a file that can be read from its
 * objects, checked on every object of the file rather than trusted from the
 * tool that wrote it: colour only DeviceCMYK, DeviceGray, Separation or
 * DeviceN (no RGB, ICC-based, Lab or Cal colour), no transparency (soft masks,
 * alpha below 1, blend modes, transparency groups), every font embedded, a
 * TrimBox on every page, an output intent with its profile, a trailer ID, the
 * Info entries Title and Trapped, no encryption. The version keys are what the
 * file is labelled with, so they are not part of the test. An empty list:
 * the file conforms.
 */
export function pdfx1aProblems(pdf: PDFDocument): string[] {
  const problems = new Set<string>();
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (dict) objectProblems(pdf, dict, problems);
  }
  for (const [index, page] of pdf.getPages().entries()) {
    if (!page.node.get(PDFName.of('TrimBox')) && !page.node.get(PDFName.of('ArtBox'))) {
      problems.add(`page ${index + 1} has no TrimBox`);
    }
  }
  contentProblems(pdf, problems);
  documentProblems(pdf, problems);
  return [...problems];
}

/** The colour space families X-1a has no place for: RGB, and every ICC-based or CIE-based space. */
const NOT_IN_X1A = new Set(['DeviceRGB', 'ICCBased', 'Lab', 'CalRGB', 'CalGray', 'DefaultRGB']);

function objectProblems(pdf: PDFDocument, dict: PDFDict, problems: Set<string>): void {
  const type = dict.get(PDFName.of('Type'));
  const subtype = dict.get(PDFName.of('Subtype'));
  for (const [key, value] of dict.entries()) {
    const name = key.decodeText();
    if (name === 'SMask' && value !== PDFName.of('None')) problems.add('transparency: a soft mask');
    if ((name === 'CA' || name === 'ca') && value instanceof PDFNumber && value.asNumber() < 1) {
      problems.add('transparency: alpha below 1');
    }
    if (name === 'BM' && value !== PDFName.of('Normal') && value !== PDFName.of('Compatible')) {
      problems.add(`transparency: blend mode ${String(value)}`);
    }
    if (name === 'S' && value === PDFName.of('Transparency')) problems.add('transparency: a transparency group');
    if (name === 'ColorSpace' || name === 'CS') colourSpaceProblems(pdf, value, problems);
  }
  // A resource dictionary's /ColorSpace: each named colour space, by value or by reference.
  const spaces = dict.lookup(PDFName.of('ColorSpace'));
  if (spaces instanceof PDFDict) for (const value of spaces.values()) colourSpaceProblems(pdf, value, problems);
  if (type === PDFName.of('FontDescriptor')) {
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => dict.has(PDFName.of(key)));
    if (!embedded) problems.add(`font not embedded: ${String(dict.get(PDFName.of('FontName')))}`);
  }
  if (type === PDFName.of('Annot') && subtype !== PDFName.of('PrinterMark') && subtype !== PDFName.of('TrapNet')) {
    problems.add(`an annotation (${String(subtype)})`);
  }
}

/**
 * A colour space by name or as an array ([/ICCBased …], [/Indexed /DeviceRGB …], [/Separation …]), each
 * part followed through its references.
 */
function colourSpaceProblems(pdf: PDFDocument, given: PDFObject | undefined, problems: Set<string>, depth = 0): void {
  const value = given instanceof PDFRef ? pdf.context.lookup(given) : given;
  if (depth > 8) return;
  const first = value instanceof PDFArray ? value.lookup(0) : value;
  const name = first instanceof PDFName ? first.decodeText() : undefined;
  if (name && NOT_IN_X1A.has(name)) problems.add(`colour space ${name}`);
  if (value instanceof PDFArray && (name === 'Indexed' || name === 'I' || name === 'Pattern')) {
    colourSpaceProblems(pdf, value.get(1), problems, depth + 1);
  }
  if (value instanceof PDFArray && (name === 'Separation' || name === 'DeviceN')) {
    colourSpaceProblems(pdf, value.get(2), problems, depth + 1);
  }
}

/** Inline images name their colour space in short (/RGB, /G, /CMYK, /I): the long names. */
const INLINE_COLOUR_SPACE: Record<string, string> = {
  RGB: 'DeviceRGB',
  G: 'DeviceGray',
  CMYK: 'DeviceCMYK',
  I: 'Indexed',
};

/**
 * What the pages' content streams set (pdf-streams.ts walks them: page contents and Form XObjects only):
 * RGB by operator (`rg`, `RG`), a colour space by name (`cs`, `CS`) and an inline image's /CS, each name
 * being a device colour space or one of the stream's resources.
 */
function contentProblems(pdf: PDFDocument, problems: Set<string>): void {
  visitContentStreams(pdf, ({ text, resources }) => {
    const spaces = resources.lookup(PDFName.of('ColorSpace'));
    const named = (operand: string | undefined) => {
      if (!operand?.startsWith('/')) return;
      const name = operand.slice(1);
      const resource = spaces instanceof PDFDict ? spaces.get(PDFName.of(name)) : undefined;
      colourSpaceProblems(pdf, resource ?? PDFName.of(INLINE_COLOUR_SPACE[name] ?? name), problems);
    };
    for (const { operator, operands } of operations(text)) {
      if (operator === 'rg' || operator === 'RG') problems.add('DeviceRGB colour set in a content stream');
      else if (operator === 'cs' || operator === 'CS') named(operands[0]);
      else if (operator === 'ID') {
        const at = operands.findIndex((operand) => operand === '/CS' || operand === '/ColorSpace');
        const space = at >= 0 ? operands[at + 1] : undefined;
        if (space?.startsWith('[')) {
          for (const match of space.matchAll(/\/([A-Za-z]+)/g)) named(`/${match[1]}`);
        } else named(space);
      }
    }
    return undefined;
  });
}

function documentProblems(pdf: PDFDocument, problems: Set<string>): void {
  const { trailerInfo } = pdf.context;
  if (!trailerInfo.ID) problems.add('no trailer ID');
  if (trailerInfo.Encrypt) problems.add('encrypted');
  const info = trailerInfo.Info instanceof PDFRef ? pdf.context.lookup(trailerInfo.Info) : trailerInfo.Info;
  if (!(info instanceof PDFDict) || !info.has(PDFName.of('Title'))) problems.add('no Title in the Info dictionary');
  const trapped = info instanceof PDFDict ? info.get(PDFName.of('Trapped')) : undefined;
  if (trapped !== PDFName.of('True') && trapped !== PDFName.of('False')) problems.add('Trapped is not True or False');
  const intents = pdf.catalog.lookup(PDFName.of('OutputIntents'));
  const intent = intents instanceof PDFArray ? intents.lookup(0) : undefined;
  if (!(intent instanceof PDFDict) || intent.get(PDFName.of('S')) !== PDFName.of('GTS_PDFX')) {
    problems.add('no PDF/X output intent');
  } else if (!intent.has(PDFName.of('DestOutputProfile'))) {
    problems.add('the output intent has no profile');
  }
}
