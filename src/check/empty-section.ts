import type { Heading, Root, RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { lintRule } from 'unified-lint-rule';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { textStart } from '../markdown/remark-join-split-paragraphs.js';
import { isDeckLine } from '../markdown/text-predicates.js';

/** Nodes that print nothing, so they do not fill a section. */
const UNPRINTED = new Set<RootContent['type']>(['html', 'yaml', 'definition']);

/**
 * A section with nothing in it: a heading followed directly by a heading of
 * the same or a higher rank (`## 篇名` then `## 下一篇`), or by the end of the
 * document. A heading followed by a lower one is not empty — the article
 * title `##` over its organisation `###` is how a digest is built — and the
 * deck under the headline is part of the headline, not a section.
 */
export const checkEmptySection = lintRule<Root>({ origin: 'banmian:empty-section' }, (tree, file) => {
  visit(tree, (node) => {
    if (node.type === 'root' || node.type === 'blockquote') checkSiblings(node.children, file);
  });
});

function checkSiblings(children: RootContent[], file: VFile): void {
  const printed = children.filter((child) => !UNPRINTED.has(child.type));
  for (const [index, heading] of printed.entries()) {
    if (heading.type !== 'heading' || isDeck(heading, printed[index - 1])) continue;
    const next = printed[index + 1];
    if (next && (next.type !== 'heading' || next.depth > heading.depth)) continue;
    const title = `${'#'.repeat(heading.depth)} ${textStart(mdastToString(heading), 12)}`.trim();
    file.message(
      next
        ? `Empty section: nothing under \`${title}\` before the next heading`
        : `Empty section: nothing under \`${title}\` at the end of the document`,
      { ...(heading.position ? { place: heading.position } : {}) },
    );
  }
}

function isDeck(heading: Heading, previous: RootContent | undefined): boolean {
  return previous?.type === 'heading' && previous.depth === 1 && isDeckLine(mdastToString(heading));
}
