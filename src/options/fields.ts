import * as z from 'zod';
import { DEFAULT_INK_LIMIT } from '../finish/pdfx.js';
import { PRINTER_MARKS } from '../layout/browser/contract.js';

/**
 * Each option banmian takes, defined once: its value's schema, its default, its description (the
 * CLI's help text) and, when the CLI has it, its flag. A value may come as text (from a flag) or as
 * its own type (from the API): numbers and lists are read from text first, so both are checked by
 * the same rule and fail with the same message, `not …: <value>`.
 */

/** How the CLI spells an option: commander's flag syntax, and how it collects the value. */
export interface CliFlag {
  flag: string;
  /** The flag may be given again, each value added to a list. */
  repeatable?: true;
  /** The value of the flag given without one (`--pdfx` alone). */
  preset?: string;
}

/** The CLI flag of each field that has one. */
export const cliFlags = z.registry<CliFlag>();

function option<T extends z.ZodType>(schema: T, description: string, flag?: CliFlag | string): T {
  const described = schema.describe(description);
  if (flag) (described as z.ZodType).register(cliFlags, typeof flag === 'string' ? { flag } : flag);
  return described;
}

function numberFromText(value: unknown): unknown {
  if (typeof value !== 'string' || value.trim() === '') return value;
  const number = Number(value);
  return Number.isNaN(number) ? value : number;
}

/** A number from text or given as one, that passes `test`; otherwise `not <expected>: <value>`. */
function numberWhere(test: (value: number) => boolean, expected: string) {
  const error = (issue: { input?: unknown }) => `not ${expected}: ${String(issue.input)}`;
  return z.preprocess(numberFromText, z.number({ error }).refine(test, { error }));
}

/** One of `choices`; otherwise `not <a>, <b>: <value>`. */
function oneOf<const T extends readonly [string, ...string[]]>(choices: T) {
  return z.enum(choices, { error: (issue) => `not ${choices.join(' or ')}: ${String(issue.input)}` });
}

const positiveNumber = numberWhere((value) => value > 0 && Number.isFinite(value), 'a positive number');
const wholeNumber = numberWhere((value) => Number.isInteger(value) && value >= 1, 'a whole number of 1 or more');

/** A CSS length the page can measure: 0, or a number with an absolute unit. */
const CSS_LENGTH = /^(?:0|(?:\d+(?:\.\d*)?|\.\d+)(?:mm|cm|in|pt|pc|px|q))$/i;

const cssLength = z
  .string()
  .trim()
  .regex(CSS_LENGTH, { error: (issue) => `not a length such as 3mm (mm, cm, in, pt, pc, px or Q): ${issue.input}` });

/** Marks as a list, or as text: `crop,cross`. */
const markList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((mark) => mark.trim()) : value),
  z.array(
    z.enum(PRINTER_MARKS, {
      error: (issue) => `unknown mark: ${String(issue.input)} (${PRINTER_MARKS.join(', ')})`,
    }),
  ),
);

export interface Shard {
  index: number;
  count: number;
}

/** The i-th of n slices, as `i/n` or `{ index, count }`. */
const shard = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const match = /^(\d+)\/(\d+)$/.exec(value);
    return match ? { index: Number(match[1]), count: Number(match[2]) } : value;
  },
  z
    .object({ index: z.int(), count: z.int() }, { error: (issue) => `not a shard such as 1/2: ${String(issue.input)}` })
    .refine((value) => value.count >= 1 && value.index >= 1 && value.index <= value.count, {
      error: (issue) => `not a shard such as 1/2: ${(issue.input as Shard).index}/${(issue.input as Shard).count}`,
    }),
);

const text = z.string().min(1);
const noRepairHelp = 'leave paragraphs cut mid-sentence and run-on bold lead-ins as written';

export const fields = {
  output: option(
    text.optional(),
    'the PDF to write, for one input (default: output/<name>.pdf)',
    '-o, --output <file.pdf>',
  ),
  html: option(text.optional(), 'also write the HTML document that is laid out, for one input', '--html <file.html>'),
  template: option(text.optional(), 'the page template (default: templates/newspaper.html)', '--template <file.html>'),
  styles: option(z.array(text).readonly().default([]), 'a stylesheet added after the default ones (repeatable)', {
    flag: '--style <file.css>',
    repeatable: true,
  }),
  repair: option(z.boolean().default(true), noRepairHelp, '--no-repair'),
  trusted: option(z.boolean().optional(), 'keep raw HTML in the Markdown as it is (default: sanitised)', '--trusted'),
  timeout: option(positiveNumber.optional(), 'longest wait for the layout, in ms (default: 60000)'),
  browserPath: option(text.optional(), 'the browser to print with (default: the one found)'),
  browserWSEndpoint: option(
    text.optional(),
    'print in a running Chrome (ws://…) instead of launching one',
    '--browser-ws-endpoint <url>',
  ),
  bleed: option(cssLength.optional(), 'bleed around the trimmed page, e.g. 3mm', '--bleed <length>'),
  marks: option(
    markList.optional(),
    `printer’s marks outside the bleed: ${PRINTER_MARKS.join(', ')}`,
    '--marks <list>',
  ),
  pdfx: option(oneOf(['gray', 'cmyk']).optional(), 'write PDF/X through Ghostscript, in gray or cmyk', {
    flag: '--pdfx [colour]',
    preset: 'gray',
  }),
  inkLimit: option(
    numberWhere((value) => value >= 100 && value <= 400, 'a percentage from 100 to 400').optional(),
    `most C+M+Y+K anywhere, in percent, for --pdfx cmyk and preflight --profile newsprint (default: ${DEFAULT_INK_LIMIT})`,
    '--ink-limit <percent>',
  ),
  jobs: option(
    wholeNumber.optional(),
    'documents laid out at once in the one browser (default: the cores)',
    '-j, --jobs <n>',
  ),
  shard: option(shard.optional(), 'only the i-th of n slices of the files (for a CI matrix)', '--shard <i/n>'),
  outDir: option(
    text.optional(),
    'where the PDFs go, a folder’s files at their path inside it (default: output)',
    '--out-dir <dir>',
  ),
  watch: option(
    z.boolean().optional(),
    'build again each time a Markdown file, the template or a stylesheet is saved',
    '-w, --watch',
  ),
  quiet: option(z.boolean().optional(), 'print errors only', '-q, --quiet'),
  debug: option(z.boolean().optional(), 'print stack traces of failures', '--debug'),
  proofDir: option(text, 'where the PDF, the page images, report.json and summary.md go', '--out-dir <dir>'),
  baseline: option(
    text.optional(),
    'an earlier proof to compare the pages with; exit 1 if they changed',
    '--baseline <dir>',
  ),
  acceptText: option(
    z.boolean().optional(),
    'a change of the text against --baseline is intended: it does not fail the proof',
    '--accept-text',
  ),
  threshold: option(
    numberWhere((value) => value >= 0 && value <= 1, 'a ratio from 0 to 1').default(0.001),
    'share of a page’s pixels that may change',
    '--threshold <ratio>',
  ),
  resolution: option(wholeNumber.default(60), 'resolution of the page images, in dpi'),
  port: option(
    numberWhere((value) => Number.isInteger(value) && value >= 0 && value <= 65535, 'a port number').default(4173),
    'the port to listen on (0: any free port)',
    '--port <n>',
  ),
  host: option(text.default('localhost'), 'the interface to listen on', '--host <host>'),
  open: option(z.boolean().optional(), 'open the page in the system browser', '--open'),
  preflightProfile: option(
    oneOf(['default', 'newsprint']).default('default'),
    'the checks to run: default, or newsprint (adds ink, black on K, type and rule sizes)',
    '--profile <name>',
  ),
  format: option(oneOf(['text', 'json']).default('text'), 'the report format', '--format <format>'),
  checkFormat: option(
    oneOf(['text', 'json', 'github', 'rdjson']).default('text'),
    'the report format: text, json, github (workflow annotations) or rdjson (reviewdog)',
    '--format <format>',
  ),
  fix: option(z.boolean().optional(), 'make the fixes the punctuation rules carry, in the Markdown file', '--fix'),
  dryRun: option(z.boolean().optional(), 'with --fix: print the changes as a unified diff, write nothing', '--dry-run'),
  /** `--timeout` is in seconds, as people type it; the API's `timeout` in ms. */
  timeoutSeconds: option(
    positiveNumber.default(60).transform((seconds) => seconds * 1000),
    'longest wait for the layout',
    '--timeout <seconds>',
  ),
};
