import type { Root, RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { lintRule } from 'unified-lint-rule';
import type { VFile } from 'vfile';
import { endsMidSentence, previousBlock, textEnd } from '../markdown/remark-join-split-paragraphs.js';

/**
 * A paragraph of the page that stops in the middle of a sentence, by the same
 * test the repair uses: running text cut after a Han character or a comma, and not a
 * byline, credit, deck or other label line. After the repair, these are the
 * cuts it could not mend (the next paragraph opens with a bold lead-in, or
 * there is none); with `--no-repair`, every cut. The message is at the end of
 * the paragraph.
 */
export const checkEndsMidSentence = lintRule<Root>({ origin: 'banmian:ends-mid-sentence' }, (tree, file) => {
  checkSiblings(tree.children, file);
});

function checkSiblings(children: RootContent[], file: VFile): void {
  for (const [index, paragraph] of children.entries()) {
    if (paragraph.type !== 'paragraph' || !endsMidSentence(paragraph, previousBlock(children, index))) continue;
    file.message(
      `Paragraph ends mid-sentence: \`${textEnd(mdastToString(paragraph), 12)}\` has no sentence-final punctuation`,
      { ...(paragraph.position ? { place: paragraph.position.end } : {}) },
    );
  }
}
