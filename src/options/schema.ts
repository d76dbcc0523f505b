import * as z from 'zod';
import { BanmianError } from '../errors.js';
import { fields } from './fields.js';

/**
 * The options of each entry point, made of the fields in fields.ts. The API parses what it is given
 * through these (`build()`, `buildMany()`, `proof()`); the CLI parses its flags through the command
 * schemas below, which add the flags only the CLI has, so a bad value is refused in Node, before any
 * browser starts, with the same message either way.
 */

/** What a document is made with: shared by build, proof and preview. */
export const documentSettings = z.object({
  template: fields.template,
  styles: fields.styles,
  repair: fields.repair,
});

export const buildSettings = documentSettings.extend({
  output: fields.output,
  html: fields.html,
  timeout: fields.timeout,
  browserPath: fields.browserPath,
  browserWSEndpoint: fields.browserWSEndpoint,
  trusted: fields.trusted,
  bleed: fields.bleed,
  marks: fields.marks,
  pdfx: fields.pdfx,
  inkLimit: fields.inkLimit,
});

export const batchSettings = buildSettings.omit({ output: true, html: true }).extend({ jobs: fields.jobs });

export const proofSettings = buildSettings.omit({ output: true, html: true }).extend({
  outDir: fields.proofDir,
  baseline: fields.baseline,
  acceptText: fields.acceptText,
  threshold: fields.threshold,
  resolution: fields.resolution,
});

export const previewSettings = documentSettings.extend({ port: fields.port, host: fields.host });

export const checkSettings = z.object({ repair: fields.repair });

/** The options as a caller gives them: every one may be left out (then it takes its default). */
export type Settings<S extends z.ZodType> = Partial<z.output<S>>;

// — the commands: the flags of each, in the order of its help, by the name of the option they set —

export const buildCommandOptions = z.object({
  output: fields.output,
  outDir: fields.outDir,
  jobs: fields.jobs,
  shard: fields.shard,
  browserWSEndpoint: fields.browserWSEndpoint,
  watch: fields.watch,
  html: fields.html,
  styles: fields.styles,
  template: fields.template,
  /** In seconds; parsed into the build's ms. */
  timeout: fields.timeoutSeconds,
  quiet: fields.quiet,
  debug: fields.debug,
  repair: fields.repair,
  trusted: fields.trusted,
  bleed: fields.bleed,
  marks: fields.marks,
  pdfx: fields.pdfx,
  inkLimit: fields.inkLimit,
});

export const checkCommandOptions = z.object({
  format: fields.checkFormat,
  fix: fields.fix,
  dryRun: fields.dryRun,
  repair: fields.repair,
  debug: fields.debug,
});

export const previewCommandOptions = z.object({
  port: fields.port,
  host: fields.host,
  open: fields.open,
  styles: fields.styles,
  template: fields.template,
  repair: fields.repair,
  debug: fields.debug,
});

export const proofCommandOptions = z.object({
  outDir: fields.proofDir,
  baseline: fields.baseline,
  acceptText: fields.acceptText,
  threshold: fields.threshold,
  styles: fields.styles,
  template: fields.template,
  repair: fields.repair,
  shard: fields.shard,
  debug: fields.debug,
});

export const preflightCommandOptions = z.object({
  profile: fields.preflightProfile,
  inkLimit: fields.inkLimit,
  format: fields.format,
  debug: fields.debug,
});

export type BuildCommandOptions = z.output<typeof buildCommandOptions>;
export type ProofCommandOptions = z.output<typeof proofCommandOptions>;
export type PreviewCommandOptions = z.output<typeof previewCommandOptions>;
export type CheckCommandOptions = z.output<typeof checkCommandOptions>;
export type PreflightCommandOptions = z.output<typeof preflightCommandOptions>;

/** An option with a value it cannot take: the message names the option (or its flag) and the value. */
export class OptionError extends BanmianError {
  override name = 'OptionError';
}

/**
 * `value` parsed by `schema`: defaults filled in, text read as numbers and lists. A bad value is an
 * OptionError of one line, `<name>: not …: <value>`, the name given by `nameOf` (the CLI's flag).
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  value: unknown,
  nameOf: (key: string) => string = (key) => key,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) {
    refuseAlone(schema, result.data, nameOf);
    return result.data;
  }
  const issue = result.error.issues[0];
  const key = issue?.path[0];
  const message = issue?.message ?? result.error.message;
  throw new OptionError(key === undefined ? message : `${nameOf(String(key))}: ${message}`);
}

/** Options that mean something only with another: given without it, they are refused like a bad value. */
const NEEDS: ReadonlyArray<{ key: string; needs: string; holds: (options: Record<string, unknown>) => boolean }> = [
  { key: 'inkLimit', needs: 'pdfx', holds: (options) => options.pdfx === 'cmyk' },
  { key: 'dryRun', needs: 'fix', holds: (options) => options.fix === true },
];

/** What each option of `NEEDS` needs, as the error says it. */
const NEEDED = { pdfx: '--pdfx cmyk', fix: '--fix' } as const;

/** Refuses an option of `NEEDS` given alone, where `schema` has the option it needs (preflight has no --pdfx). */
function refuseAlone(schema: z.ZodType, options: unknown, nameOf: (key: string) => string): void {
  if (!(schema instanceof z.ZodObject) || typeof options !== 'object' || options === null) return;
  const given = options as Record<string, unknown>;
  for (const { key, needs, holds } of NEEDS) {
    if (given[key] === undefined || given[key] === false || !(needs in schema.shape) || holds(given)) continue;
    throw new OptionError(`${nameOf(key)}: only with ${NEEDED[needs as keyof typeof NEEDED]}`);
  }
}
