import type { Root } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { lintRule } from 'unified-lint-rule';
import { visit } from 'unist-util-visit';
import { textStart } from '../markdown/remark-join-split-paragraphs.js';
import { closingMarkFor, isApostrophe, openingMarkFor } from './paired-marks.js';

/** Marks no sentence begins with: pauses and stops. (Closing quotes and brackets are found below.) */
const PAUSE_OR_STOP = /^[，、。；：！？…,;:!?]/u;

/**
 * A paragraph that begins in the middle of a sentence, its beginning lost:
 * `大都市”中提升政治能力…` closes a quotation it never opened. It begins with a
 * pause or stop, or the first quotation mark or bracket in it is a closing one.
 * The message is at the paragraph's start.
 */
export const checkStartsMidSentence = lintRule<Root>({ origin: 'banmian:starts-mid-sentence' }, (tree, file) => {
  visit(tree, 'paragraph', (paragraph) => {
    const text = mdastToString(paragraph).trimStart();
    const evidence = midSentenceEvidence(text);
    if (!evidence) return;
    file.message(
      `Paragraph starts mid-sentence: \`${textStart(text, 12)}\` ${evidence}; its beginning may be missing`,
      { ...(paragraph.position ? { place: paragraph.position.start } : {}) },
    );
  });
});

/** Why text reads as the rest of a sentence, or undefined when it could start one. */
export function midSentenceEvidence(text: string): string | undefined {
  const first = PAUSE_OR_STOP.exec(text)?.[0];
  if (first) return `begins with \`${first}\``;
  for (let index = 0; index < text.length; index++) {
    const mark = text[index] ?? '';
    if (closingMarkFor(mark)) return undefined;
    const opener = openingMarkFor(mark);
    if (opener && !isApostrophe(text, index)) return `closes a \`${opener}\` it never opened`;
  }
  return undefined;
}
