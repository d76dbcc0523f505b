import type { VFile } from 'vfile';

/**
 * Markdown nested thousands of levels deep (quotation marks `>>>>…`, list markers `- - - …` on one
 * line, or list items indented ever further) makes the Markdown parser itself slow to a halt or run
 * out of stack before any plugin could flatten it. So, before parsing, a line keeps at most
 * `maxQuotes` quotation and list marks and `maxIndent` columns of indentation (outside fenced code);
 * the text is untouched. A warning says where.
 */
export function limitSourceNesting(file: VFile, maxQuotes = 32, maxIndent = 64): void {
  // A quotation mark, or a list marker opening an item on the same line (`- - - a`).
  const marker = String.raw`(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])[ \t]+)`;
  const quotes = new RegExp(String.raw`^(\s{0,3}${marker}{${maxQuotes}})${marker}+`);
  rewriteOutsideFences(
    file,
    (line) => {
      const limited = line.replace(quotes, '$1');
      const indent = /^[ \t]*/.exec(limited)?.[0] ?? '';
      const columns = [...indent].reduce((sum, c) => sum + (c === '\t' ? 4 : 1), 0);
      return columns > maxIndent ? ' '.repeat(maxIndent) + limited.slice(indent.length) : limited;
    },
    'Quotations or lists nested deeper than a page can show are set less deep from here',
  );
}

/** Emphasis, strikethrough, link, code and HTML marks: what the parser pairs up in a paragraph. */
const MARKS = '*_~[]`<';
const DEFINITION = /^\s{0,3}\[[^\]]*\]:/;
/**
 * A mark past the budget is parsed as a Unicode noncharacter (U+FDD0…, never text to print) of the same
 * length, put back by `restoreLimitedMarks`: a backslash escape costs micromark a dozen events, and
 * half a million of them took 4 s; a stand-in is plain text, and keeps every position as it was.
 */
const STAND_IN = 0xfdd0;
/** U+FDD0 up to one per mark. */
const ANY_STAND_IN = /[\uFDD0-\uFDD6]/;
const STAND_INS = new RegExp(ANY_STAND_IN, 'g');

/**
 * A paragraph holding thousands of emphasis or link marks (`*a **a …`, `[ a_ …`) makes the parser slow
 * down by the square of their number and nest its tree deeper than the tools after it can walk. So, before
 * parsing, the marks of a paragraph past the first `maxMarks` stand in for themselves and print as
 * written; code fences and link definitions are left alone. A warning says where. Real text comes nowhere
 * near: the seed's longest paragraph holds four.
 */
export function limitSourceDelimiters(file: VFile, maxMarks = 400): void {
  const source = String(file.value);
  // A stand-in already in the text would turn into a mark: it becomes U+FFFD, which prints as what it is.
  if (ANY_STAND_IN.test(source)) file.value = source.replace(STAND_INS, '\ufffd');
  let marks = 0;
  rewriteOutsideFences(
    file,
    (line) => {
      if (line.trim() === '') marks = 0;
      if (DEFINITION.test(line)) return line;
      let limited = '';
      for (let at = 0; at < line.length; at++) {
        const character = line[at] as string;
        if (character === '\\') {
          limited += line.slice(at, at + 2);
          at++;
          continue;
        }
        const mark = MARKS.indexOf(character);
        limited += mark >= 0 && ++marks > maxMarks ? String.fromCharCode(STAND_IN + mark) : character;
      }
      return limited;
    },
    `A paragraph with more than ${maxMarks} emphasis or link marks: the rest print as written`,
  );
}

/** `text` with the marks `limitSourceDelimiters` stood in for put back. */
export function restoreLimitedMarks(text: string): string {
  return text.replace(STAND_INS, (standIn) => MARKS[standIn.charCodeAt(0) - STAND_IN] as string);
}

/** Whether `text` holds a mark that `limitSourceDelimiters` stood in for. */
export function hasLimitedMarks(text: string): boolean {
  return ANY_STAND_IN.test(text);
}

/**
 * Rewrites each line of the Markdown outside fenced code with `rewrite`; if any changed, the file gets the
 * new text and `warning` at the first line changed.
 */
function rewriteOutsideFences(file: VFile, rewrite: (line: string) => string, warning: string): void {
  const lines = String(file.value).split('\n');
  let fence: string | undefined;
  let first: number | undefined;
  for (const [i, line] of lines.entries()) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) {
      fence = fence ? undefined : marker;
      continue;
    }
    if (fence) continue;
    const rewritten = rewrite(line);
    if (rewritten === line) continue;
    lines[i] = rewritten;
    first ??= i;
  }
  if (first === undefined) return;
  file.value = lines.join('\n');
  file.message(warning, { place: { line: first + 1, column: 1 }, ruleId: 'limit-nesting', source: 'banmian' });
}
