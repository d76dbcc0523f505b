import type { Point, Position } from 'unist';
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import * as z from 'zod';
import { sizesSchema } from './type-sizes.js';

/**
 * The front matter banmian reads, defined once: the schema gives the types,
 * the validation and the error messages. zod was chosen over a JSON Schema
 * validator because the schema *is* the TypeScript type (no second
 * declaration to keep in step), its issues carry the path of the offending
 * key (which is how an error finds its YAML node and so its line), it has no
 * dependencies, and it is maintained and runs on Node 20.
 */
const text = (key: string) =>
  z
    .string({ error: `${key} must be text` })
    .trim()
    .min(1, { error: `${key} must not be empty` });

export const frontMatterSchema = z
  .object({
    /** 报名: the paper's name, e.g. 哈尔滨日报. */
    paper: text('paper'),
    /**
     * The issue date (printed 2026年11月28日 星期六): ISO 2026-11-28, or as
     * articles from elsewhere write it — 2026/11/28, 2026.11.28,
     * 2026年11月28日, with or without a time after it.
     */
    date: z.preprocess(
      normalizeDate,
      z.iso.date({ error: 'date must be a date such as 2026-11-28 (or 2026/11/28, 2026年11月28日)' }),
    ),
    /** 版名: the page's section, e.g. 要闻 or 政协. */
    edition: text('edition'),
    /** 版次: the number of the first sheet; the following sheets count on from it. */
    page: z
      .number({ error: 'page must be a whole number such as 3' })
      .int({ error: 'page must be a whole number such as 3' })
      .min(1, { error: 'page must be 1 or more' }),
    /** The running title; the headline by default. */
    title: text('title'),
    /**
     * The text's language as a BCP 47 tag: zh-Hans (简体, the default) or zh-Hant, zh-TW, zh-HK (繁體, whose
     * 「」 quotes `banmian check` then leaves alone).
     */
    lang: text('lang'),
    /** The PDF's metadata: author (by default the paper), subject (by default the deck) and keywords. */
    author: text('author'),
    subject: text('subject'),
    keywords: z.union([text('keywords'), z.array(text('a keyword'))], {
      error: 'keywords must be text or a list of words',
    }),
    /** Speaker name → portrait image, a path relative to the Markdown file. */
    portraits: z.record(text('a portrait’s speaker name'), text('a portrait’s image path'), {
      error: 'portraits must be a map of speaker name to image file',
    }),
    /** Type sizes by the stylesheet's `--*-size` variable (`body`, `title` …): 五号, 44级 or 10.5pt. */
    sizes: sizesSchema,
  })
  .partial();

// Year, month and day with any of the usual separators, then anything (a time, a zone).
const LOOSE_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT].*)?$/u;

/**
 * A date as written (or a parsed date) as ISO 2026-11-28; anything else is
 * left for the schema to refuse. A TOML date (smol-toml's TomlDate) gives its
 * ISO form as written, so `2026-11-28T01:00:00+08:00` is the 28th, not the
 * 27th in UTC; a TOML time of day is no date.
 */
function normalizeDate(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : normalizeDate(value.toISOString());
  if (typeof value !== 'string') return value;
  const match = LOOSE_DATE.exec(value.trim());
  if (!match) return value;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export type FrontMatterInput = z.infer<typeof frontMatterSchema>;

/** A portrait named in the front matter, with where it was named (for messages). */
export interface PortraitEntry {
  name: string;
  src: string;
  place: Position | undefined;
}

/** Validated front matter, as it travels in `file.data.frontMatter`. */
export interface FrontMatter extends Omit<FrontMatterInput, 'portraits'> {
  portraits: PortraitEntry[];
}

/** The keys the schema knows, for the unknown-key warning. */
export const frontMatterKeys: readonly string[] = Object.keys(frontMatterSchema.shape);

declare module 'vfile' {
  interface DataMap {
    /** Set by remark-read-front-matter when the file's front matter is valid (or absent: then empty). */
    frontMatter: FrontMatter;
  }
}

/** A problem found in the front matter, placed in the Markdown file. */
export interface FrontMatterProblem {
  reason: string;
  place: Position | Point | undefined;
  /** Errors fail the build; warnings are reported. */
  fatal: boolean;
}

export interface FrontMatterResult {
  /** Undefined when there were errors. */
  data: FrontMatter | undefined;
  problems: FrontMatterProblem[];
}

/**
 * Parses and validates YAML front matter (TOML's is read by
 * toml-front-matter.ts). `origin` is where the YAML text starts in the
 * Markdown file (the line after the opening `---`), so every problem — a YAML
 * syntax error or a schema violation — is placed on its line and column in
 * the file, not in the YAML block.
 */
export function readFrontMatter(yaml: string, origin: Point): FrontMatterResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false });
  const placeOf = (offset: number): Point => {
    // An error found at the end of the text (an unclosed quote) is placed on its last line, not on the closing `---`.
    const { line, col } = lineCounter.linePos(Math.min(offset, yaml.trimEnd().length));
    return { line: origin.line + line - 1, column: (line === 1 ? origin.column : 1) + col - 1 };
  };
  const positionOf = (node: YamlNode | null | undefined): Position | undefined =>
    node?.range ? { start: placeOf(node.range[0]), end: placeOf(node.range[1]) } : undefined;

  const problems: FrontMatterProblem[] = [
    ...doc.errors.map((error) => ({
      reason: `front matter is not valid YAML: ${error.message}`,
      place: placeOf(error.pos[0]),
      fatal: true,
    })),
    ...doc.warnings.map((warning) => ({
      reason: `front matter: ${warning.message}`,
      place: placeOf(warning.pos[0]),
      fatal: false,
    })),
  ];
  if (problems.some((problem) => problem.fatal)) return { data: undefined, problems };

  const locate: LocateKey = (path, at) => positionOf(nodeAt(doc, path, at));
  const validated = validateFrontMatter(doc.toJS() ?? {}, locate, origin);
  return { data: validated.data, problems: [...problems, ...validated.problems] };
}

/** Where a key (or its value) at a path of keys and indexes is written in the Markdown file, as the parser knows. */
export type LocateKey = (path: ReadonlyArray<string | number>, at: 'key' | 'value') => Position | undefined;

/**
 * Validates parsed front matter, YAML's or TOML's: the one place where the
 * schema is applied, unknown keys are warned about and portraits are listed.
 * `locate` places each problem on its key or value in the Markdown file;
 * `origin` (the first line of the front matter) is where a problem goes that
 * has no place of its own.
 */
export function validateFrontMatter(value: unknown, locate: LocateKey, origin: Point): FrontMatterResult {
  const problems: FrontMatterProblem[] = [];
  if (!isPlainObject(value)) {
    problems.push({
      reason: 'front matter: expected keys and values, such as `paper: 哈尔滨日报`',
      place: locate([], 'value') ?? origin,
      fatal: true,
    });
    return { data: undefined, problems };
  }

  for (const key of Object.keys(value)) {
    if (frontMatterKeys.includes(key)) continue;
    problems.push({
      reason: `front matter: unknown key \`${key}\` (ignored; banmian reads ${frontMatterKeys.join(', ')})`,
      place: locate([key], 'key') ?? origin,
      fatal: false,
    });
  }

  const known = Object.fromEntries(Object.entries(value).filter(([key]) => frontMatterKeys.includes(key)));
  const parsed = frontMatterSchema.safeParse(known);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // A bad map key (a portrait's name) is reported at the key, anything else at its value.
      const at = issue.code === 'invalid_key' ? 'key' : 'value';
      const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
      problems.push({ reason: `front matter: ${issue.message}`, place: locate(path, at) ?? origin, fatal: true });
    }
    return { data: undefined, problems };
  }

  const { portraits = {}, ...fields } = parsed.data;
  const data: FrontMatter = {
    ...fields,
    portraits: Object.entries(portraits).map(([name, src]) => ({
      name,
      src,
      place: locate(['portraits', name], 'value'),
    })),
  };
  return { data, problems };
}

/**
 * The YAML node at a path of keys and indexes: the key's node or its value's.
 * Stops at the deepest node found, so a problem deep in a wrong structure is
 * still placed near it.
 */
function nodeAt(doc: Document, path: ReadonlyArray<string | number>, at: 'key' | 'value'): YamlNode | undefined {
  let node = (doc.contents ?? undefined) as YamlNode | undefined;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return node;
      const next = (last && at === 'key' ? pair.key : (pair.value ?? pair.key)) as YamlNode | undefined;
      if (!next) return node;
      node = next;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}

export { formatIssueDate } from './issue-date.js';
