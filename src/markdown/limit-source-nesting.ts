import type { VFile } from 'vfile';

/**
 * Markdown nested thousands of levels deep (quotation marks `>>>>…` or list
 * items indented ever further) makes the Markdown parser itself slow to a
 * halt or run out of stack before any plugin could flatten it. So, before
 * parsing, a line keeps at most `maxQuotes` quotation marks and `maxIndent`
 * columns of indentation (outside fenced code); the text is untouched. A
 * warning says where.
 */
export function limitSourceNesting(file: VFile, maxQuotes = 32, maxIndent = 64): void {
  const lines = String(file.value).split('\n');
  const quotes = new RegExp(`^(\\s{0,3}(?:>\\s?){${maxQuotes}})(?:>\\s?)+`);
  let fence: string | undefined;
  let first: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) {
      fence = fence ? undefined : marker;
      continue;
    }
    if (fence) continue;
    let limited = line.replace(quotes, '$1');
    const indent = /^[ \t]*/.exec(limited)?.[0] ?? '';
    const columns = [...indent].reduce((sum, c) => sum + (c === '\t' ? 4 : 1), 0);
    if (columns > maxIndent) limited = ' '.repeat(maxIndent) + limited.slice(indent.length);
    if (limited !== line) {
      lines[i] = limited;
      first ??= i;
    }
  }
  if (first === undefined) return;
  file.value = lines.join('\n');
  file.message(`Quotations or lists nested deeper than a page can show are set less deep from here`, {
    place: { line: first + 1, column: 1 },
    ruleId: 'limit-nesting',
    source: 'banmian',
  });
}

/** Emphasis, strikethrough and link-text marks: what the parser pairs up in a paragraph. */
const DELIMITER = /[*_~[]/;
const DEFINITION = /^\s{0,3}\[[^\]]*\]:/;

/**
 * A paragraph holding thousands of emphasis or link marks (`*a **a …`, `[ a_ …`) makes the parser slow
 * down by the square of their number and nest its tree deeper than the tools after it can walk. So, before
 * parsing, the marks of a paragraph past the first `maxMarks` are escaped and print as written; code
 * fences and link definitions are left alone. A warning says where. Real text comes nowhere near: the
 * seed's longest paragraph holds four.
 */
export function limitSourceDelimiters(file: VFile, maxMarks = 400): void {
  const lines = String(file.value).split('\n');
  let fence: string | undefined;
  let marks = 0;
  let first: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) {
      fence = fence ? undefined : marker;
      continue;
    }
    if (line.trim() === '') marks = 0;
    if (fence || line.trim() === '' || DEFINITION.test(line)) continue;
    let escaped = '';
    for (let at = 0; at < line.length; at++) {
      const character = line[at] as string;
      if (character === '\\') {
        escaped += line.slice(at, at + 2);
        at++;
        continue;
      }
      if (DELIMITER.test(character) && ++marks > maxMarks) {
        escaped += `\\${character}`;
        first ??= i;
      } else escaped += character;
    }
    lines[i] = escaped;
  }
  if (first === undefined) return;
  file.value = lines.join('\n');
  file.message(`A paragraph with more than ${maxMarks} emphasis or link marks: the rest print as written`, {
    place: { line: first + 1, column: 1 },
    ruleId: 'limit-nesting',
    source: 'banmian',
  });
}
