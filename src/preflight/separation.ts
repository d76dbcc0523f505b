import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PreflightError, tool } from './tools.js';

/**
 * Ghostscript's CMYK rendering of a PDF (the pamcmyk32 device: what its
 * separations would print, 8 bits a plate), measured page by page: the ink
 * a press would lay down, not what the PDF's operators say.
 */
export interface PageInk {
  page: number;
  /** The most C + M + Y + K of any pixel, in percent, and where: mm from the page's top left. */
  maxTac: number;
  at: { x: number; y: number };
  /** That pixel's C, M, Y and K in percent. */
  maxTacInk: [number, number, number, number];
  /** Pixels with K ≥ 80 %, and those of them with more than 3 % of C, M or Y. */
  darkPixels: number;
  richBlackPixels: number;
  /** Pixels with any C, M or Y. */
  colourPixels: number;
  pixels: number;
}

export const SEPARATION_DPI = 100;

/** Each page's ink at `dpi` (100 by default: 0.25 mm a pixel). */
export async function measureInk(file: string, dpi = SEPARATION_DPI): Promise<PageInk[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'banmian-separation-'));
  try {
    await tool('gs', [
      '-q',
      '-dBATCH',
      '-dNOPAUSE',
      '-dSAFER',
      '-sDEVICE=pamcmyk32',
      `-r${dpi}`,
      `-sOutputFile=${path.join(dir, 'page-%d.pam')}`,
      file,
    ]);
    const pages = (await readdir(dir))
      .map((name) => Number(/^page-(\d+)\.pam$/.exec(name)?.[1]))
      .filter((page) => page > 0)
      .sort((a, b) => a - b);
    const result: PageInk[] = [];
    for (const page of pages) {
      result.push(measurePage(page, await readFile(path.join(dir, `page-${page}.pam`)), dpi));
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const DARK = Math.ceil(0.8 * 255);
const TRACE = 0.03 * 255;

/** The size of a CMYK PAM (8 bits, 4 samples a pixel) and where its pixels start; a PreflightError if it is not one. */
export function pamHeader(pam: Buffer, page: number): { width: number; height: number; headerEnd: number } {
  const end = pam.indexOf('ENDHDR\n');
  const header = pam.subarray(0, Math.max(0, end)).toString('latin1');
  const field = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(header)?.[1]);
  const [width, height, depth, maxval] = ['WIDTH', 'HEIGHT', 'DEPTH', 'MAXVAL'].map(field) as number[];
  const headerEnd = end + 'ENDHDR\n'.length;
  if (end < 0 || !(width && height) || depth !== 4 || maxval !== 255 || pam.length < headerEnd + width * height * 4) {
    throw new PreflightError(`Ghostscript's CMYK rendering of page ${page} is not a whole 8-bit CMYK PAM image`);
  }
  return { width, height, headerEnd };
}

function measurePage(page: number, pam: Buffer, dpi: number): PageInk {
  const { width, height, headerEnd } = pamHeader(pam, page);
  let max = -1;
  let maxAt = 0;
  let darkPixels = 0;
  let richBlackPixels = 0;
  let colourPixels = 0;
  for (let pixel = 0, at = headerEnd; pixel < width * height; pixel++, at += 4) {
    const c = pam[at] as number;
    const m = pam[at + 1] as number;
    const y = pam[at + 2] as number;
    const k = pam[at + 3] as number;
    const total = c + m + y + k;
    if (total > max) {
      max = total;
      maxAt = pixel;
    }
    if (c > 0 || m > 0 || y > 0) colourPixels++;
    if (k >= DARK) {
      darkPixels++;
      if (c > TRACE || m > TRACE || y > TRACE) richBlackPixels++;
    }
  }
  const percent = (value: number) => Math.round((value / 255) * 1000) / 10;
  const mm = (pixels: number) => Math.round(((pixels + 0.5) / dpi) * 25.4);
  const offset = headerEnd + maxAt * 4;
  return {
    page,
    maxTac: percent(Math.max(0, max)),
    at: { x: mm(maxAt % width), y: mm(Math.floor(maxAt / width)) },
    maxTacInk: [0, 1, 2, 3].map((plate) => percent(pam[offset + plate] as number)) as PageInk['maxTacInk'],
    darkPixels,
    richBlackPixels,
    colourPixels,
    pixels: width * height,
  };
}
