import type { Root, Text } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { pointAt, sourceOffset } from './source-location.js';

/** Markdown marks that, left in the text, print as they are. */
const LITERAL_MARKS = /\*\*|__|#/g;

/**
 * Markdown that would print literally, found in the final mdast text: a `**`
 * or `__` that opened no bold run (or closed none), and a `#` at the start of
 * a line that did not make a heading (`#标题` needs a space). Marks escaped
 * with a backslash are meant to print and are left alone, and so is the text
 * of links (a URL may hold `__`). An error: the page would show the marks.
 */
export const checkLiteralMarkdown = lintRule<Root>({ origin: 'banmian:literal-markdown' }, (tree, file) => {
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'linkReference') return SKIP;
    if (node.type !== 'text') return;
    for (const match of node.value.matchAll(LITERAL_MARKS)) report(file, node, match.index, match[0]);
  });
});

function report(file: VFile, node: Text, index: number, mark: string): void {
  const offset = sourceOffset(file, node, index);
  if (offset === undefined) return;
  const source = String(file.value);
  if (source[offset - 1] === '\\') return;
  if (mark === '#' && !atLineStart(source, offset)) return;
  const reason =
    mark === '#'
      ? 'Literal `#` at the start of a line would print as is: a heading needs a space after its `#` marks'
      : `Literal \`${mark}\` would print as is: it opens or closes no bold text`;
  const start = pointAt(file, offset);
  const end = pointAt(file, offset + mark.length);
  file.message(reason, { ...(start && end ? { place: { start, end } } : {}) });
}

/** Whether only indentation or blockquote marks stand before `offset` on its line. */
function atLineStart(source: string, offset: number): boolean {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[\s>]*$/u.test(source.slice(lineStart, offset));
}
