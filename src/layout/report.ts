/**
 * The page's layout report as Node reads it: checked against a schema when it comes back from the page
 * (a runtime that changed shape fails here, naming the field, not later as an undefined), and its
 * warnings made messages of the same kind as `check`'s — a vfile message with a rule id, fatal false
 * for a warning, unset for information — plus the sheet and column where known. Node only: the page
 * does not load zod (its side is src/layout/browser/layout-report.ts).
 */
import { VFile } from 'vfile';
import * as z from 'zod';
import { BanmianError } from '../errors.js';
import { PRINTER_MARKS } from './browser/contract.js';
import type { PageLayoutReport } from './browser/layout-report.js';

const warningSchema = z.object({
  reason: z.string(),
  severity: z.enum(['warning', 'info']),
  ruleId: z.string(),
  sheet: z.number().optional(),
  column: z.number().optional(),
});

const geometrySchema = z.object({
  width: z.number(),
  height: z.number(),
  marginTop: z.number(),
  marginRight: z.number(),
  marginBottom: z.number(),
  marginLeft: z.number(),
  columns: z.number().int(),
  gap: z.number(),
  columnWidth: z.number(),
  columnHeight: z.number(),
  character: z.number(),
  columnCharacters: z.number().int(),
  bleed: z.number(),
  marks: z.array(z.enum(PRINTER_MARKS)),
  mediaWidth: z.number(),
  mediaHeight: z.number(),
  trimOffset: z.number(),
});

const imageSchema = z.object({
  source: z.string(),
  line: z.number().int().optional(),
  pixelWidth: z.number(),
  pixelHeight: z.number(),
  width: z.number(),
  height: z.number(),
});

const reportSchema = z.object({
  sheets: z.number().int(),
  columnPages: z.number().int(),
  floats: z.number().int(),
  passes: z.number().int(),
  balanced: z.boolean(),
  balanceSpread: z.number().optional(),
  geometry: geometrySchema,
  grid: z.object({
    pitch: z.number(),
    baseline: z.number(),
    linesPerColumn: z.number().int(),
    offGrid: z.number().int(),
  }),
  sourceCharacters: z.number().int(),
  laidOutCharacters: z.number().int(),
  textMismatch: z.string().optional(),
  warnings: z.array(warningSchema),
  images: z.array(imageSchema),
  timings: z.object({ fonts: z.number(), layout: z.number(), compose: z.number() }),
  inPlace: z.boolean(),
}) satisfies z.ZodType<PageLayoutReport>;

/** A layout message: a vfile message as `check` gives, and where on the printed pages it is (from 1). */
export type LayoutMessage = VFile['messages'][number] & { sheet?: number; column?: number };

/** The report, its warnings as the text printed for each (as before) and as messages. */
export type LayoutReport = Omit<PageLayoutReport, 'warnings'> & { warnings: string[]; messages: LayoutMessage[] };

/** The page's report did not have the shape this build's runtime gives it. */
export class LayoutReportError extends BanmianError {
  override name = 'LayoutReportError';
}

export function parseLayoutReport(value: unknown): LayoutReport {
  const parsed = reportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LayoutReportError(
      `the page's layout report is malformed: ${issue?.path.join('.') || 'report'}: ${issue?.message}`,
    );
  }
  const messages = parsed.data.warnings.map(toMessage);
  return { ...parsed.data, warnings: messages.map((message) => message.reason), messages };
}

const SOURCE = 'banmian-layout';

function toMessage(warning: z.infer<typeof warningSchema>): LayoutMessage {
  const file = new VFile();
  const message =
    warning.severity === 'info'
      ? file.info(warning.reason, { ruleId: warning.ruleId, source: SOURCE })
      : file.message(warning.reason, { ruleId: warning.ruleId, source: SOURCE });
  return Object.assign(message, { sheet: warning.sheet, column: warning.column });
}
