/**
 * Markdown as text copied off a PDF arrives: each paragraph broken into lines of `width` characters
 * (mid-word, mid-sentence), and never inside a `**` run, which would be no longer markup.
 * Headings, list items, quotes and other lines that are not plain paragraph text stay as they are.
 */
export function hardWrap(markdown: string, width: number): string {
  return markdown
    .split('\n')
    .map((line) => (isParagraphText(line) ? wrapLine(line, width) : line))
    .join('\n');
}

function isParagraphText(line: string): boolean {
  return line.length > 0 && !/^(?:\s|#|>|[-*+] |\d+[.)] |!\[|\||---|```)/.test(line);
}

function wrapLine(line: string, width: number): string {
  const characters = [...line];
  const lines: string[] = [];
  let current = '';
  for (const [index, character] of characters.entries()) {
    current += character;
    const next = characters[index + 1];
    if ([...current].length >= width && next !== undefined && character !== '*' && next !== '*') {
      lines.push(current);
      current = '';
    }
  }
  if (current) lines.push(current);
  return lines.join('\n');
}
