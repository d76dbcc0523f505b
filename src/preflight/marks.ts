import { tool } from './tools.js';

/**
 * What each page draws, read from MuPDF's trace of its drawing calls
 * (`mutool draw -F trace`): every run of text with its size in points and its
 * colour, every rule (a stroked line, or a filled rectangle much longer than
 * it is thick) with its thickness.
 */
export interface Ink {
  /** C, M, Y, K in 0–1; RGB has none (it is converted by whoever prints it). */
  cmyk?: [number, number, number, number];
  rgb?: [number, number, number];
  /** A colour space read neither as CMYK nor as RGB (Lab, a spot colour, a pattern): its name, not checked. */
  unchecked?: string;
  overprint: boolean;
}

export interface TextRun extends Ink {
  page: number;
  size: number;
  text: string;
}

export interface Rule extends Ink {
  page: number;
  thickness: number;
}

export interface PageMarks {
  text: TextRun[];
  rules: Rule[];
}

export async function readMarks(file: string): Promise<PageMarks> {
  const trace = await tool('mutool', ['draw', '-q', '-F', 'trace', '-o', '-', file]);
  const marks: PageMarks = { text: [], rules: [] };
  let page = 0;
  let current: { kind: string; ink: Ink; scale: number; lineWidth: number; points: number[][] } | undefined;
  let run: TextRun | undefined;
  for (const line of trace.split('\n')) {
    const tag = /^\s*<(\/?)(\w+)/.exec(line);
    if (!tag) continue;
    const [, closing, name] = tag;
    if (name === 'page' && !closing) page++;
    else if (!closing && (name === 'fill_text' || name === 'fill_path' || name === 'stroke_path')) {
      current = {
        kind: name,
        ink: inkOf(line),
        scale: scaleOf(attribute(line, 'transform')),
        lineWidth: 0,
        points: [],
      };
      current.lineWidth = Number(attribute(line, 'linewidth') ?? 0) * current.scale;
    } else if (name === 'span' && current && !closing) {
      run = { page, size: scaleOf(attribute(line, 'trm')) * current.scale, text: '', ...current.ink };
      marks.text.push(run);
    } else if (name === 'g' && run) run.text += attribute(line, 'unicode') ?? '';
    else if ((name === 'moveto' || name === 'lineto' || name === 'curveto') && current) {
      current.points.push([Number(attribute(line, 'x')), Number(attribute(line, 'y'))]);
    } else if (closing && current && name === current.kind) {
      const rule = ruleOf(current);
      if (rule !== undefined) marks.rules.push({ page, thickness: rule, ...current.ink });
      current = undefined;
      run = undefined;
    }
  }
  return marks;
}

function attribute(line: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(line)?.[1];
}

/** The linear scale of a matrix `a b c d …`: the square root of its determinant. */
function scaleOf(matrix: string | undefined): number {
  const [a = 1, b = 0, c = 0, d = 1] = (matrix ?? '').trim().split(/\s+/).map(Number);
  return Math.sqrt(Math.abs(a * d - b * c));
}

const PROCESS_PLATES: Record<string, number> = { Cyan: 0, Magenta: 1, Yellow: 2, Black: 3 };

/**
 * The ink of a drawing call, by the trace's colorspace attribute: grey as a K tint, CMYK as it is, RGB as
 * RGB, a Separation or DeviceN of process plates as their tints; anything else (Lab, a spot colour, no
 * colour at all) as unchecked, never as a colour it is not.
 */
function inkOf(line: string): Ink {
  const space = attribute(line, 'colorspace') ?? '';
  const values = (attribute(line, 'color') ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
  const overprint = attribute(line, 'op') === '1';
  if (space === 'DeviceGray' && values.length === 1) return { cmyk: [0, 0, 0, 1 - (values[0] as number)], overprint };
  if (space === 'DeviceCMYK' && values.length === 4)
    return { cmyk: values as [number, number, number, number], overprint };
  if (space === 'DeviceRGB' && values.length === 3) return { rgb: values as [number, number, number], overprint };
  // Separation(alternate,name) and DeviceN(n,alternate,name,…): the colorants after the alternate space.
  const colorants = /^(?:Separation\([^,]*,(.*)\)|DeviceN\(\d+,[^,]*,(.*)\))$/.exec(space);
  const names = (colorants?.[1] ?? colorants?.[2])?.split(',') ?? [];
  if (names.length > 0 && names.length === values.length && names.every((name) => name in PROCESS_PLATES)) {
    const cmyk: [number, number, number, number] = [0, 0, 0, 0];
    for (const [i, name] of names.entries()) cmyk[PROCESS_PLATES[name] as number] = values[i] as number;
    return { cmyk, overprint };
  }
  return { unchecked: space || 'no colour', overprint };
}

/** A stroke's width, or a filled rectangle's thickness when it is at least four times as long: else undefined. */
function ruleOf(path: { kind: string; scale: number; lineWidth: number; points: number[][] }): number | undefined {
  if (path.kind === 'stroke_path') return path.lineWidth;
  if (path.kind !== 'fill_path' || path.points.length < 4 || path.points.length > 5) return undefined;
  const xs = path.points.map((point) => point[0] as number);
  const ys = path.points.map((point) => point[1] as number);
  const width = (Math.max(...xs) - Math.min(...xs)) * path.scale;
  const height = (Math.max(...ys) - Math.min(...ys)) * path.scale;
  const [thin, long] = width < height ? [width, height] : [height, width];
  return long >= 4 * thin && thin > 0 ? thin : undefined;
}

/** Ink with colour in it: C, M or Y, or an RGB that is not neutral (unchecked ink is not counted). */
export function isColoured(ink: Ink): boolean {
  if (ink.unchecked) return false;
  if (ink.cmyk) return ink.cmyk[0] > 0.03 || ink.cmyk[1] > 0.03 || ink.cmyk[2] > 0.03;
  const [r, g, b] = ink.rgb ?? [0, 0, 0];
  return Math.max(r, g, b) - Math.min(r, g, b) > 0.03;
}

/** Ink that prints as black: K ≥ 80 % (or an RGB as dark). */
export function isBlack(ink: Ink): boolean {
  if (ink.unchecked) return false;
  if (ink.cmyk) return ink.cmyk[3] >= 0.8 || ink.cmyk.every((value) => value >= 0.6);
  return Math.max(...(ink.rgb ?? [0, 0, 0])) <= 0.2;
}
