import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_INK_LIMIT } from '../finish/pdfx.js';
import { PreflightError, tool } from './tools.js';

export { PreflightError } from './tools.js';

/**
 * `banmian preflight <file.pdf>`: the checks a press's prepress department
 * runs on a PDF, read with poppler-utils (pdfinfo, pdffonts, pdfimages) and
 * MuPDF (mutool) rather than with banmian's own code, so a PDF from anywhere
 * can be checked. Any error fails the preflight. `profile: 'newsprint'` adds
 * the ink, black, type and rule checks of a newspaper plant (newsprint.ts).
 */
export type Severity = 'ok' | 'warning' | 'error';

export interface PreflightCheck {
  check: string;
  severity: Severity;
  detail: string;
  /** The page the finding is on (the worst, or the first), where it is on one. */
  page?: number | undefined;
}

export interface PreflightReport {
  file: string;
  profile: 'default' | 'newsprint';
  checks: PreflightCheck[];
  passed: boolean;
}

export interface PreflightOptions {
  profile?: 'default' | 'newsprint';
  /** For newsprint: the most C + M + Y + K, in percent (default DEFAULT_INK_LIMIT). */
  inkLimit?: number | undefined;
}

const MIN_PPI = 200;
const MM = 25.4 / 72;

export async function preflight(file: string, options: PreflightOptions = {}): Promise<PreflightReport> {
  const profile = options.profile ?? 'default';
  const info = await tool('pdfinfo', ['-box', '-f', '1', '-l', '9999', file]);
  const subtype = /PDF subtype:\s+(.+)/.exec(info)?.[1]?.trim();
  const isPdfx = /PDF\/X/.test(subtype ?? '') || /GTS_PDFX/.test(info);
  const checks = [
    pageBoxes(info),
    ...fonts(await tool('pdffonts', [file]), await type3InFile(file)),
    textLayer(await tool('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', file])),
    ...images(await tool('pdfimages', ['-list', file]), isPdfx),
    await colourSpaces(file, isPdfx, subtype),
  ];
  if (profile === 'newsprint') {
    const { newsprintChecks } = await import('./newsprint.js');
    checks.push(...(await newsprintChecks(file, { inkLimit: options.inkLimit ?? DEFAULT_INK_LIMIT })));
  }
  return { file, profile, checks, passed: checks.every((check) => check.severity !== 'error') };
}

/** Every page has a trim box inside its bleed box inside its media box. */
function pageBoxes(info: string): PreflightCheck {
  const pages = new Map<number, Record<string, number[]>>();
  for (const match of info.matchAll(/Page\s+(\d+)\s+(MediaBox|CropBox|BleedBox|TrimBox|ArtBox):\s+([\d.\s-]+)/g)) {
    const boxes = pages.get(Number(match[1])) ?? {};
    boxes[match[2] as string] = (match[3] as string).trim().split(/\s+/).map(Number);
    pages.set(Number(match[1]), boxes);
  }
  if (pages.size === 0) return { check: 'page boxes', severity: 'error', detail: 'no pages found' };
  const problems: string[] = [];
  const sizes = new Set<string>();
  for (const [page, boxes] of pages) {
    const { MediaBox: media, TrimBox: trim, BleedBox: bleed } = boxes;
    if (!media || !trim) {
      problems.push(`page ${page} has no TrimBox`);
      continue;
    }
    const inside = (inner: number[], outer: number[]) =>
      (inner[0] ?? 0) >= (outer[0] ?? 0) - 0.5 &&
      (inner[1] ?? 0) >= (outer[1] ?? 0) - 0.5 &&
      (inner[2] ?? 0) <= (outer[2] ?? 0) + 0.5 &&
      (inner[3] ?? 0) <= (outer[3] ?? 0) + 0.5;
    if (bleed && !(inside(trim, bleed) && inside(bleed, media))) problems.push(`page ${page}: boxes do not nest`);
    if (!inside(trim, media)) problems.push(`page ${page}: TrimBox outside the MediaBox`);
    const width = ((trim[2] ?? 0) - (trim[0] ?? 0)) * MM;
    const height = ((trim[3] ?? 0) - (trim[1] ?? 0)) * MM;
    sizes.add(`${Math.round(width)} × ${Math.round(height)} mm`);
  }
  if (problems.length > 0) return { check: 'page boxes', severity: 'error', detail: problems.slice(0, 3).join('; ') };
  const bleedNote = [...pages.values()].some(
    (boxes) => boxes.BleedBox && boxes.TrimBox && boxes.BleedBox[0] !== boxes.TrimBox[0],
  )
    ? ', with bleed'
    : ', no bleed';
  return {
    check: 'page boxes',
    severity: sizes.size === 1 ? 'ok' : 'warning',
    detail: `${pages.size} pages, trimmed ${[...sizes].join(', ')}${bleedNote}`,
  };
}

/** Every font embedded; none a Type 3 font (glyph procedures many RIPs refuse), by the build's own rule. */
function fonts(listing: string, type3: { passed: boolean; detail: string }): PreflightCheck[] {
  const rows = listing
    .split('\n')
    .slice(2)
    .filter((line) => line.trim());
  const parsed = rows.map((line) => {
    const match =
      /^(.+?)\s+(Type 3|Type 1C?|CID Type 0C?|CID TrueType|TrueType|Type 0C?|CID Type 0|OpenType)\b.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(
        line,
      );
    return { name: match?.[1]?.trim() ?? line.trim(), type: match?.[2] ?? '?', embedded: match?.[3] === 'yes' };
  });
  const missing = parsed.filter((font) => !font.embedded);
  // pdffonts counts a Type 3 font that pdf-lib could not place on a page (an unused resource) too.
  const type3Listed = parsed.filter((font) => font.type === 'Type 3').length;
  const passed = type3.passed && type3Listed === 0;
  return [
    {
      check: 'fonts embedded',
      severity: missing.length > 0 ? 'error' : 'ok',
      detail:
        missing.length > 0
          ? `not embedded: ${missing.map((font) => font.name).join(', ')}`
          : `${parsed.length} fonts, all embedded`,
    },
    {
      check: 'no Type 3 fonts',
      severity: passed ? 'ok' : 'error',
      detail: passed
        ? [...new Set(parsed.map((font) => font.type))].join(', ') || 'no fonts'
        : type3.passed
          ? `${type3Listed} Type 3 (not on any page)`
          : type3.detail,
    },
  ];
}

/** The Type 3 fonts of the file by name and page, with the rule the build checks its PDFs with. */
async function type3InFile(file: string): Promise<{ passed: boolean; detail: string }> {
  const { pdfFontsOfBytes, type3Check } = await import('../finish/pdf-fonts.js');
  try {
    return type3Check(await pdfFontsOfBytes(await readFile(file)));
  } catch (error) {
    throw new PreflightError(`cannot read the fonts of ${file}: ${(error as Error).message}`);
  }
}

/** The text layer holds the ideographs, not Kangxi radicals or compatibility ideographs (人, not ⼈). */
function textLayer(text: string): PreflightCheck {
  const wrong = [...text].filter((c) => /[\u2e80-\u2fdf\uf900-\ufaff]/u.test(c));
  const han = [...text].filter((c) => /\p{Script=Han}/u.test(c)).length;
  return {
    check: 'text layer',
    severity: wrong.length > 0 ? 'error' : 'ok',
    detail:
      wrong.length > 0
        ? `${wrong.length} radical or compatibility code points, e.g. ${[...new Set(wrong)].slice(0, 5).join(' ')}`
        : `${han} Han characters, no radicals`,
  };
}

/** Images at their placed size: at least 200 ppi; no RGB in a PDF/X. */
function images(listing: string, isPdfx: boolean): PreflightCheck[] {
  const rows = listing
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells.length >= 14 && cells[2] === 'image');
  if (rows.length === 0) return [{ check: 'image resolution', severity: 'ok', detail: 'no images' }];
  const low = rows.filter((cells) => Math.min(Number(cells[12]), Number(cells[13])) < MIN_PPI);
  const checks: PreflightCheck[] = [
    {
      check: 'image resolution',
      severity: low.length > 0 ? 'error' : 'ok',
      detail:
        low.length > 0
          ? `${low.length} of ${rows.length} images under ${MIN_PPI} ppi, e.g. page ${low[0]?.[0]} at ${low[0]?.[12]} ppi`
          : `${rows.length} images, all at least ${MIN_PPI} ppi`,
    },
  ];
  const rgb = rows.filter((cells) => cells[5] === 'rgb' || (cells[5] === 'icc' && cells[6] === '3'));
  if (isPdfx && rgb.length > 0) {
    checks.push({ check: 'image colour', severity: 'error', detail: `${rgb.length} RGB images in a PDF/X` });
  }
  return checks;
}

/**
 * The colour spaces the pages draw in, read from the decompressed content
 * streams (mutool clean -d): RGB is an error in a PDF/X.
 */
async function colourSpaces(file: string, isPdfx: boolean, subtype: string | undefined): Promise<PreflightCheck> {
  const dir = await mkdtemp(path.join(tmpdir(), 'banmian-preflight-'));
  let pdf: string;
  try {
    const clean = path.join(dir, 'clean.pdf');
    await tool('mutool', ['clean', '-d', file, clean]);
    pdf = (await readFile(clean)).toString('latin1');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const number = '-?(?:\\d*\\.)?\\d+';
  const uses = {
    RGB:
      new RegExp(`(?:${number}\\s+){3}(?:rg|RG)\\b`).test(pdf) ||
      /\/DeviceRGB\b/.test(pdf) ||
      /\/N\s+3\b[^>]*\/Alternate\s*\/DeviceRGB/.test(pdf),
    CMYK: new RegExp(`(?:${number}\\s+){4}(?:k|K)\\b`).test(pdf) || /\/DeviceCMYK\b/.test(pdf),
    Grey: new RegExp(`${number}\\s+(?:g|G)\\b`).test(pdf) || /\/DeviceGray\b/.test(pdf),
  };
  const list = Object.entries(uses)
    .filter(([, used]) => used)
    .map(([name]) => name);
  if (isPdfx && uses.RGB) {
    return { check: 'colour spaces', severity: 'error', detail: `RGB in a PDF/X (${subtype})` };
  }
  return {
    check: 'colour spaces',
    severity: 'ok',
    detail: `${list.join(', ') || 'none found'}${isPdfx ? ` (${subtype})` : ''}`,
  };
}
