import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { isLabelLine, previousBlock } from '../markdown/remark-join-split-paragraphs.js';
import { editable, type ProseBlock, proseBlocks, report } from './prose-text.js';

const SPACE_BETWEEN_HAN = /(?<=\p{Script=Han})[ \u3000]+(?=\p{Script=Han})/gu;

/**
 * A space between two Han characters in a body paragraph (`加强 党的建设`): Chinese sets no spaces between
 * words, so it is usually left over from copying. A warning with no fix: the space may part two names or
 * terms on purpose. Headings and table cells are not read, and neither are the lines that use spaces by
 * design — a byline under its organisation heading, a credit, the deck, a numbered subheading — found by the
 * build's own tests for them (isLabelLine).
 */
export const checkSpaceBetweenHan = lintRule<Root>({ origin: 'banmian:space-between-han' }, (tree, file) => {
  for (const block of proseBlocks(tree, file)) {
    if (!isBodyParagraph(block)) continue;
    for (const match of block.text.matchAll(SPACE_BETWEEN_HAN)) {
      if (!editable(block, match.index)) continue;
      const before = block.text[match.index - 1] ?? '';
      const after = block.text[match.index + match[0].length] ?? '';
      report(file, block, {
        from: match.index,
        to: match.index + match[0].length,
        reason: `Space between Han characters \`${before} ${after}\` in a body paragraph`,
      });
    }
  }
});

function isBodyParagraph(block: ProseBlock): boolean {
  if (block.node.type !== 'paragraph') return false;
  const siblings = block.parent?.children ?? [];
  return !isLabelLine(block.node, block.index === undefined ? undefined : previousBlock(siblings, block.index));
}
