import { readFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { isBlack, isColoured, type PageMarks, readMarks, type TextRun } from './marks.js';
import type { PreflightCheck } from './preflight.js';
import { measureInk, type PageInk, SEPARATION_DPI } from './separation.js';

/**
 * `--profile newsprint`: what a coldset newspaper plant checks besides the
 * rest — the ink (TAC) and black on K alone, measured on Ghostscript's CMYK
 * rendering; colour where the output intent is grey; type and rules too fine
 * for newsprint, from MuPDF's trace of the pages.
 */
export interface NewsprintOptions {
  /** The most C + M + Y + K allowed, in percent. */
  inkLimit: number;
}

const MIN_TYPE = 6;
const MIN_COLOURED_TYPE = 10;
const MIN_RULE = 0.25;

export async function newsprintChecks(file: string, options: NewsprintOptions): Promise<PreflightCheck[]> {
  const [ink, marks, intent] = await Promise.all([measureInk(file), readMarks(file), outputIntentPlates(file)]);
  return [
    totalInk(ink, options.inkLimit),
    blackText(marks),
    colourOnGrey(ink, intent),
    smallType(marks.text),
    thinRules(marks),
  ];
}

function totalInk(pages: PageInk[], limit: number): PreflightCheck {
  const worst = pages.reduce<PageInk | undefined>((a, b) => (a && a.maxTac >= b.maxTac ? a : b), undefined);
  if (!worst) return { check: 'ink (TAC)', severity: 'error', detail: 'no pages rendered' };
  const perPage = pages.map((page) => `p${page.page} ${page.maxTac} %`).join(', ');
  const where = `page ${worst.page} at ${worst.at.x} × ${worst.at.y} mm from top left (C/M/Y/K ${worst.maxTacInk.join('/')})`;
  const over = worst.maxTac > limit;
  return {
    check: 'ink (TAC)',
    severity: over ? 'error' : 'ok',
    page: worst.page,
    detail: `${over ? `over ${limit} %: ` : ''}max ${worst.maxTac} % on ${where}; ${perPage} (at ${SEPARATION_DPI} dpi)`,
  };
}

/** Black text must print on K alone (no four-colour black to misregister) and should overprint. */
function blackText(marks: PageMarks): PreflightCheck {
  const check = blackTextOnK(marks);
  const unchecked = marks.text.filter((run) => run.unchecked && run.text.trim() !== '');
  if (unchecked.length === 0) return check;
  const spaces = [...new Set(unchecked.map((run) => run.unchecked))].join(', ');
  return { ...check, detail: `${check.detail}; ${unchecked.length} runs in ${spaces} not checked` };
}

function blackTextOnK(marks: PageMarks): PreflightCheck {
  const black = marks.text.filter((run) => isBlack(run) && run.text.trim() !== '');
  if (black.length === 0) return { check: 'black text on K', severity: 'ok', detail: 'no black text' };
  const rgb = black.filter((run) => !run.cmyk);
  const rich = black.filter((run) => run.cmyk && isColoured(run));
  const knockout = black.filter((run) => run.cmyk && !isColoured(run) && !run.overprint);
  const bad = rgb[0] ?? rich[0];
  if (bad) {
    const ink = bad.cmyk ? `C/M/Y/K ${bad.cmyk.map((value) => Math.round(value * 100)).join('/')}` : 'RGB';
    return {
      check: 'black text on K',
      severity: 'error',
      page: bad.page,
      detail: `${rgb.length + rich.length} of ${black.length} black runs not on K alone (${rgb.length > 0 ? 'RGB, four-colour black once converted' : 'four-colour black'}), e.g. page ${bad.page} “${bad.text.slice(0, 12)}” in ${ink}`,
    };
  }
  return {
    check: 'black text on K',
    severity: knockout.length > 0 ? 'warning' : 'ok',
    page: knockout[0]?.page,
    detail:
      knockout.length > 0
        ? `${black.length} black runs on K alone; ${knockout.length} do not overprint, e.g. page ${knockout[0]?.page}`
        : `${black.length} black runs, all 100 % K and overprinting`,
  };
}

/** With a grey output intent every page is for a black-only press: any C, M or Y ink is an error. */
function colourOnGrey(pages: PageInk[], plates: number | undefined): PreflightCheck {
  const coloured = pages.filter((page) => page.colourPixels > 0);
  const list = (subset: PageInk[]) => subset.map((page) => page.page).join(', ');
  if (plates === 1 && coloured.length > 0) {
    return {
      check: 'colour on grey pages',
      severity: 'error',
      page: coloured[0]?.page,
      detail: `grey output intent, but C, M or Y ink on page ${list(coloured)}`,
    };
  }
  return {
    check: 'colour on grey pages',
    severity: 'ok',
    detail: [
      coloured.length > 0 ? `colour on page ${list(coloured)}` : 'no colour',
      `grey: ${list(pages.filter((page) => page.colourPixels === 0)) || 'none'}`,
    ].join('; '),
  };
}

function smallType(runs: TextRun[]): PreflightCheck {
  const visible = runs.filter((run) => run.text.trim() !== '');
  const tiny = visible.filter((run) => run.size < MIN_TYPE - 0.05);
  const colouredSmall = visible.filter(
    (run) => isColoured(run) && !isBlack(run) && run.size < MIN_COLOURED_TYPE - 0.05,
  );
  const first = tiny[0] ?? colouredSmall[0];
  const smallest = visible.reduce((min, run) => Math.min(min, run.size), Number.POSITIVE_INFINITY);
  if (!first) {
    const detail = visible.length > 0 ? `smallest ${smallest.toFixed(1)} pt` : 'no text';
    return { check: 'type size', severity: 'ok', detail };
  }
  return {
    check: 'type size',
    severity: tiny.length > 0 ? 'error' : 'warning',
    page: first.page,
    detail: `${tiny.length} runs under ${MIN_TYPE} pt, ${colouredSmall.length} coloured under ${MIN_COLOURED_TYPE} pt, e.g. page ${first.page} “${first.text.slice(0, 12)}” at ${first.size.toFixed(1)} pt`,
  };
}

function thinRules(marks: PageMarks): PreflightCheck {
  const thin = marks.rules.filter((rule) => rule.thickness < MIN_RULE - 0.005);
  const thinnest = marks.rules.reduce((min, rule) => Math.min(min, rule.thickness), Number.POSITIVE_INFINITY);
  if (thin.length === 0) {
    const detail =
      marks.rules.length > 0 ? `${marks.rules.length} rules, thinnest ${thinnest.toFixed(2)} pt` : 'no rules';
    return { check: 'rule weight', severity: 'ok', detail };
  }
  return {
    check: 'rule weight',
    severity: 'error',
    page: thin[0]?.page,
    detail: `${thin.length} rules under ${MIN_RULE} pt, e.g. page ${thin[0]?.page} at ${thin[0]?.thickness.toFixed(2)} pt`,
  };
}

/** The number of plates of the PDF/X output intent's profile (1 grey, 4 CMYK), if it has one. */
async function outputIntentPlates(file: string): Promise<number | undefined> {
  const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false, ignoreEncryption: true });
  const intents = pdf.catalog.lookup(PDFName.of('OutputIntents'));
  const intent = intents instanceof PDFArray ? intents.lookup(0) : undefined;
  const profile = intent instanceof PDFDict ? intent.lookup(PDFName.of('DestOutputProfile')) : undefined;
  const plates = profile instanceof PDFRawStream ? profile.dict.lookup(PDFName.of('N')) : undefined;
  return plates instanceof PDFNumber ? plates.asNumber() : undefined;
}
