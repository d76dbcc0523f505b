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
