import { readFile } from 'node:fs/promises';
import { VFile } from 'vfile';
import { readInput, writeAtomically } from '../files.js';
import { type CheckOptions, checkFile } from './check.js';

type Message = VFile['messages'][number];

/** A fix as an edit of the source: `actual` from `start` up to `end` becomes `replacement`. */
export interface TextEdit {
  start: number;
  end: number;
  actual: string;
  replacement: string;
  /** The finding it fixes. */
  message: Message;
}

/**
 * The fixes the messages on a checked file carry (`actual` at `place`, one `expected`), as edits of its
 * source in order. An edit whose text is no longer at its place, or that overlaps one before it, is left
 * out; so is anything a message does not carry — the repair of a paragraph cut in two, which the build
 * makes on the tree, is never written back.
 */
function fixesOf(file: VFile): TextEdit[] {
  const source = String(file.value);
  const edits: TextEdit[] = [];
  for (const message of file.messages) {
    const start = message.place && 'start' in message.place ? message.place.start.offset : undefined;
    const end = message.place && 'end' in message.place ? message.place.end.offset : undefined;
    const replacement = message.expected?.length === 1 ? message.expected[0] : undefined;
    if (start === undefined || end === undefined || replacement === undefined || message.actual === undefined) continue;
    if (source.slice(start, end) !== message.actual) continue;
    edits.push({ start, end, actual: message.actual, replacement, message });
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  return edits.filter((edit, index) => index === 0 || edit.start >= (edits[index - 1]?.end ?? 0));
}

/** `text` with the edits (in order, not overlapping) made. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = '';
  let at = 0;
  for (const edit of edits) {
    result += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return result + text.slice(at);
}

export interface FixResult {
  /** The file as checked before the fixes. */
  file: VFile;
  edits: TextEdit[];
  before: string;
  after: string;
  /** Why the file was left as it was although it has fixes (it is not valid UTF-8), if it was. */
  refused?: string;
  /** The file as it reads after the fixes, checked again: what is left for a person. */
  remaining: VFile;
}

export interface FixOptions extends CheckOptions {
  /** Work out the fixes without writing the file. */
  dryRun?: boolean;
}

/** Why a file is not fixed: it is not plain UTF-8, and where (its input-encoding message, in one line). */
function refusal(file: VFile): string | undefined {
  const encoding = file.messages.find((message) => message.ruleId === 'input-encoding');
  if (!encoding) return undefined;
  const at = encoding.line === undefined ? '' : ` at ${encoding.line}:${encoding.column}`;
  return `not fixed: the file is not plain UTF-8${at} (${encoding.reason})`;
}

/**
 * `banmian check --fix`: checks a Markdown file, makes the fixes its findings carry in the source (never in
 * code, URLs or front matter: the rules make none there) and writes the file atomically, unless `dryRun`.
 * A file with bytes that are not UTF-8 is left alone: writing it back would change them.
 */
export async function fix(input: string, options: FixOptions = {}): Promise<FixResult> {
  const file = await checkFile(await readInput(input), options);
  const before = String(file.value);
  const edits = fixesOf(file);
  const refused = refusal(file);
  const after = refused ? before : applyEdits(before, edits);
  if (after !== before && !options.dryRun) {
    // readInput drops a byte-order mark; the file keeps it.
    const bom = (await readFile(input, 'utf8')).startsWith('\ufeff') ? '\ufeff' : '';
    await writeAtomically(input, bom + after);
  }
  const remaining = after === before ? file : await checkFile(new VFile({ path: input, value: after }), options);
  return { file, edits: refused ? [] : edits, before, after, ...(refused ? { refused } : {}), remaining };
}
