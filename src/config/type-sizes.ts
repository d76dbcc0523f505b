import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { TYPE_SIZE_NAMES, typeSizeLength } from '../layout/browser/type-sizes.js';
import { defaultStyles } from '../paths.js';

/**
 * The front matter's `sizes:` (`sizes: { body: 五号, title: 小二 }`): each key a `--*-size` variable of
 * the default stylesheet's :root without `--` and `-size`, each value a 号, a 级 or a CSS length. Given
 * as the CSS length each becomes (`10.5pt`), for the document's root (src/document/template.ts).
 */

let sizeKeys: readonly string[] | undefined;

/** The size variables styles/newspaper.css defines in :root, read from it once: body, headline, deck … */
export function typeSizeKeys(): readonly string[] {
  if (!sizeKeys) {
    const css = readFileSync(defaultStyles[0] as string, 'utf8');
    const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    sizeKeys = [...root.matchAll(/--([a-z][a-z0-9-]*)-size\s*:/g)].map((match) => match[1] as string);
  }
  return sizeKeys;
}

// A length with a unit CSS prints type in (or relative to its parent's: em, %).
const CSS_LENGTH = /^(?:\d+(?:\.\d+)?|\.\d+)(?:pt|px|pc|mm|cm|in|q|em|rem|%)$/i;

/** A size as written in the front matter, as a CSS length; undefined when it is none. */
export function sizeLength(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const written = value.trim();
  return typeSizeLength(written) ?? (CSS_LENGTH.test(written) ? written : undefined);
}

const sizeKey = z.string().refine((key) => typeSizeKeys().includes(key), {
  error: (issue) => `sizes: \`${String(issue.input)}\` is not a size of the page (${typeSizeKeys().join(', ')})`,
});

const sizeValue = z.unknown().transform((value, context) => {
  const length = sizeLength(value);
  if (length !== undefined) return length;
  context.addIssue({
    code: 'custom',
    message: `sizes: \`${String(value)}\` is not a type size: a 号 (${TYPE_SIZE_NAMES}), 级 (44级 or 44Q) or CSS length (10.5pt)`,
  });
  return z.NEVER;
});

export const sizesSchema = z.record(sizeKey, sizeValue, {
  // zod gives a bad key the record's message: the key's own is the one to show.
  error: (issue) =>
    issue.code === 'invalid_key'
      ? issue.issues[0]?.message
      : 'sizes must be a map of size to value, such as `body: 五号`',
});
