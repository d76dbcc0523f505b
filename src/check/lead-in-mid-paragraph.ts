import type { Root } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { lintRule } from 'unified-lint-rule';
import { visit } from 'unist-util-visit';
import { leadInIndex } from '../markdown/remark-split-lead-ins.js';

/**
 * A bold lead-in run on after a sentence inside a paragraph, by the same test
 * the repair uses to split it off. After the repair there are none; with
 * `--no-repair` they show where a paragraph break was lost. The message is at
 * the lead-in.
 */
export const checkLeadInMidParagraph = lintRule<Root>({ origin: 'banmian:lead-in-mid-paragraph' }, (tree, file) => {
  visit(tree, 'paragraph', (paragraph) => {
    const leadIn = paragraph.children[leadInIndex(paragraph)];
    if (!leadIn) return;
    file.message(`Bold lead-in in mid-paragraph: \`${mdastToString(leadIn)}\` usually opens a paragraph`, {
      ...(leadIn.position ? { place: leadIn.position } : {}),
    });
  });
});
