import type { PDFDocument } from 'pdf-lib';
import { type Operation, operations, rewrite } from './content-stream.js';
import { addExtGStates, type ContentVisitor, visitContentStreams } from './pdf-streams.js';

/**
 * Before Ghostscript converts a PDF to CMYK: every neutral RGB colour of text
 * and rules (Chromium writes black as `0 0 0 rg`) is set as the grey it is
 * (`0 g`), which Ghostscript puts on the K plate alone (its DeviceGrayToK), so
 * black is 100 % K and a grey a K tint, instead of the four-colour black
 * sRGB → CMYK gives (about 72/67/67/88). Black also overprints: each painting
 * operation in pure black gets an ExtGState with overprint on (OPM 1), any
 * other paint one with it off, so a black line printed over a tint or a photo
 * never leaves a white gap where the plates misregister. Images and shadings
 * are painted with overprint off; colours stay RGB for Ghostscript's profile.
 */
export function separateBlack(pdf: PDFDocument): void {
  visitContentStreams(pdf, blackRewriter(pdf));
}

/** The graphics states named `BanmianOP<fill><stroke>`, 1 where that overprints. */
const overprintState = (fill: boolean, stroke: boolean) => `BanmianOP${Number(fill)}${Number(stroke)}`;

function blackRewriter(pdf: PDFDocument): ContentVisitor {
  return ({ text, resources }) => {
    const states: Record<string, Record<string, unknown>> = {};
    for (const fill of [false, true]) {
      for (const stroke of [false, true]) {
        states[overprintState(fill, stroke)] = { Type: 'ExtGState', op: fill, OP: stroke, OPM: 1 };
      }
    }
    addExtGStates(pdf, resources, states);
    return rewrite(text, blackOperations(text, operations(text)));
  };
}

interface PaintState {
  fillBlack: boolean;
  strokeBlack: boolean;
  /** The overprint in force, as [fill, stroke] (off where the stream begins). */
  overprint: [boolean, boolean];
}

const PATH_CONSTRUCTION = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PATH_PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);
const OTHER_PAINTING = new Set(['Do', 'sh', 'ID']);

/** The replacements: neutral colours as grey, and the overprint state before each painting operation. */
function blackOperations(text: string, list: readonly Operation[]): Map<Operation, string> {
  const replacements = new Map<Operation, string>();
  const stack: PaintState[] = [];
  let state: PaintState = { fillBlack: false, strokeBlack: false, overprint: [false, false] };
  let pathStart: Operation | undefined;
  const ensure = (before: Operation, fill: boolean, stroke: boolean) => {
    if (state.overprint[0] === fill && state.overprint[1] === stroke) return;
    const original = replacements.get(before) ?? text.slice(before.start, before.end);
    replacements.set(before, `/${overprintState(fill, stroke)} gs ${original}`);
    state.overprint = [fill, stroke];
  };
  for (const operation of list) {
    const { operator } = operation;
    if (operator === 'q') stack.push({ ...state, overprint: [...state.overprint] });
    else if (operator === 'Q') state = stack.pop() ?? state;
    else if (isColourOperator(operator)) {
      const grey = neutralGrey(operation);
      if (grey !== undefined && (operator === 'rg' || operator === 'RG')) {
        replacements.set(operation, `${grey} ${operator === 'rg' ? 'g' : 'G'}`);
      }
      const black = grey === 0 || isPureK(operation);
      if (/^[a-z]/.test(operator)) state.fillBlack = black;
      else state.strokeBlack = black;
    } else if (PATH_CONSTRUCTION.has(operator)) pathStart ??= operation;
    else if (PATH_PAINTING.has(operator) || operator === 'n') {
      if (operator !== 'n' && pathStart) ensure(pathStart, state.fillBlack, state.strokeBlack);
      pathStart = undefined;
    } else if (TEXT_SHOWING.has(operator)) ensure(operation, state.fillBlack, state.strokeBlack);
    else if (OTHER_PAINTING.has(operator)) ensure(operation, false, false);
  }
  return replacements;
}

function isColourOperator(operator: string): boolean {
  return /^(?:rg|RG|g|G|k|K|cs|CS|sc|SC|scn|SCN)$/.test(operator);
}

/** The grey of `r g b rg` with r = g = b, or of `v g`; else undefined. */
function neutralGrey({ operator, operands }: Operation): number | undefined {
  const values = operands.map(Number);
  if ((operator === 'g' || operator === 'G') && values.length === 1) return values[0];
  if ((operator === 'rg' || operator === 'RG') && values.length === 3 && values.every((v) => v === values[0])) {
    return values[0];
  }
  return undefined;
}

function isPureK({ operator, operands }: Operation): boolean {
  const values = operands.map(Number);
  return (operator === 'k' || operator === 'K') && values.join(' ') === '0 0 0 1';
}
