import { parse, TomlError } from 'smol-toml';
import type { Point, Position } from 'unist';
import { type FrontMatterResult, type LocateKey, validateFrontMatter } from './front-matter.js';

/**
 * Parses TOML front matter (`+++`, as Hugo and Zola write it) and validates
 * it as YAML's is. `origin` is where the TOML text starts in the Markdown
 * file (the line after the opening `+++`): a syntax error is placed at its
 * line and column there, a bad value or an unknown key on its key's line.
 */
export function readTomlFrontMatter(toml: string, origin: Point): FrontMatterResult {
  let value: unknown;
  try {
    value = parse(toml);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    return {
      data: undefined,
      problems: [{ reason: syntaxReason(error), place: syntaxPlace(toml, error, origin), fatal: true }],
    };
  }
  return validateFrontMatter(value, locateTomlKeys(toml, origin), origin);
}

/** smol-toml says `Invalid TOML document: …` and adds a code excerpt; the vfile message gives the place instead. */
function syntaxReason(error: TomlError): string {
  const [first = ''] = error.message.split('\n');
  return `front matter is not valid TOML: ${first.replace(/^Invalid TOML document:\s*/, '')}`;
}

/** The error's place in the Markdown file; one found at the end of the text goes on its last line, not on `+++`. */
function syntaxPlace(toml: string, error: TomlError, origin: Point): Point {
  const lines = toml.trimEnd().split(/\r?\n/);
  const line = Math.max(1, Math.min(error.line, lines.length));
  const column = line < error.line ? (lines[line - 1]?.length ?? 0) + 1 : error.column;
  return { line: origin.line + line - 1, column: (line === 1 ? origin.column : 1) + column - 1 };
}

/** A key as TOML writes it: bare (lenient: any letters, as TOML 1.1 allows), "basic" or 'literal'. */
const KEY = String.raw`(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s=.\[\]"'#]+)`;
const KEY_PATH = String.raw`${KEY}(?:\s*\.\s*${KEY})*`;
const KEY_LINE = new RegExp(String.raw`^(\s*)(${KEY_PATH})\s*=\s*`);
const TABLE_HEADER = new RegExp(String.raw`^(\s*)\[{1,2}\s*(${KEY_PATH})\s*\]{1,2}`);

/** A key written in the TOML text: its full path (table and dotted parts), where the key and its value are. */
interface WrittenKey {
  path: string[];
  key: Position;
  value: Position;
}

/**
 * Places keys by scanning the TOML text for `key =` and `[table]` lines (the
 * parser gives values, not places). A path not written as such — an array's
 * item, a key of an inline table — goes to the deepest key written above it.
 */
export function locateTomlKeys(toml: string, origin: Point): LocateKey {
  const written = scanTomlKeys(toml, origin);
  return (path, at) => {
    const wanted = path.map(String);
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((part, i) => part === b[i]);
    const exact = written.find((entry) => same(entry.path, wanted));
    if (exact) return exact[at];
    // The deepest key that holds the path (`keywords = [...]` for keywords[1])…
    const holders = written.filter((entry) => same(entry.path, wanted.slice(0, entry.path.length)));
    const holder = holders.sort((a, b) => b.path.length - a.path.length)[0];
    if (holder && holder.path.length > 0) return holder.value;
    // …or the first key under it (`portraits.曹宏峰 = …` for portraits).
    const under = written.find((entry) => same(entry.path.slice(0, wanted.length), wanted));
    return wanted.length > 0 ? under?.key : undefined;
  };
}

function scanTomlKeys(toml: string, origin: Point): WrittenKey[] {
  const written: WrittenKey[] = [];
  let table: string[] = [];
  let openString: string | undefined;
  for (const [index, line] of toml.split(/\r?\n/).entries()) {
    // Lines inside a multi-line string are text, not keys.
    if (openString) {
      if (line.includes(openString)) openString = undefined;
      continue;
    }
    const header = TABLE_HEADER.exec(line);
    const assignment = header ? undefined : KEY_LINE.exec(line);
    const match = header ?? assignment;
    if (!match) continue;
    const [whole, indent = '', keyText = ''] = match;
    const keyStart = whole.indexOf(keyText, indent.length);
    const path = splitKey(keyText);
    if (header) table = path;
    const place = (from: number, to: number): Position => ({
      start: { line: origin.line + index, column: (index === 0 ? origin.column : 1) + from },
      end: { line: origin.line + index, column: (index === 0 ? origin.column : 1) + to },
    });
    const valueEnd = line.trimEnd().length;
    written.push({
      path: header ? path : [...table, ...path],
      key: place(keyStart, keyStart + keyText.length),
      value: header ? place(indent.length, valueEnd) : place(whole.length, Math.max(whole.length, valueEnd)),
    });
    if (assignment) openString = unclosedMultilineString(line.slice(whole.length));
  }
  return written;
}

/** The dotted parts of a key, unquoted. */
function splitKey(keyText: string): string[] {
  const parts = keyText.match(new RegExp(KEY, 'g')) ?? [];
  return parts.map((part) => {
    if (part.startsWith("'")) return part.slice(1, -1);
    if (!part.startsWith('"')) return part;
    try {
      return JSON.parse(part) as string;
    } catch {
      return part.slice(1, -1);
    }
  });
}

/** The delimiter of a multi-line string that a value opens and does not close on its line. */
function unclosedMultilineString(value: string): string | undefined {
  for (const delimiter of ['"""', "'''"]) {
    if (value.startsWith(delimiter) && value.split(delimiter).length % 2 === 0) return delimiter;
  }
  return undefined;
}
