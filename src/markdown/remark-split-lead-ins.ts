import type { Paragraph, Root, RootContent, Strong } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { endsFullSentence, endsSentence } from './text-predicates.js';

/** The `ruleId` of the split's messages. */
export const SPLIT_LEAD_IN = 'split-lead-in';

/**
 * Starts a new paragraph at a bold lead-in inside a paragraph:
 * `…党建工作格局。**加强机关党的建设，提供坚强政治保证。**发挥机关…`. In a
 * digest every lead-in opens its own paragraph; one in the middle comes from a
 * lost paragraph break, often one that remark-join-split-paragraphs has just
 * closed up, so this runs after it. A lead-in is a bold sentence (it ends in
 * sentence-final punctuation) with text after it, following a sentence end; a
 * bold run in mid-sentence and a bold run that opens the paragraph stay where
 * they are. Each split is an info message at the lead-in.
 */
export const remarkSplitLeadIns: Plugin<[], Root> = () => {
  return (tree: Root, file: VFile) => {
    splitIn(tree.children, file);
  };
};

function splitIn(children: RootContent[], file: VFile): void {
  for (let i = 0; i < children.length; i++) {
    const paragraph = children[i];
    if (paragraph?.type !== 'paragraph') continue;
    const at = leadInIndex(paragraph);
    const leadIn = paragraph.children[at];
    if (leadIn?.type !== 'strong') continue;
    file.info(`Started a new paragraph at the bold lead-in \`${mdastToString(leadIn)}\``, {
      ...(leadIn.position ? { place: leadIn.position } : {}),
      ruleId: SPLIT_LEAD_IN,
      source: 'banmian',
    });
    // The second part is looked at next, for a further lead-in.
    children.splice(i, 1, ...splitAt(paragraph, at));
  }
}

/** The index of the first bold lead-in after a sentence end in the paragraph, or -1. */
export function leadInIndex(paragraph: Paragraph): number {
  const children = paragraph.children;
  for (let i = 1; i < children.length - 1; i++) {
    const child = children[i];
    const before = mdastToString({ type: 'paragraph', children: children.slice(0, i) }).trimEnd();
    if (child?.type === 'strong' && isLeadIn(child) && endsFullSentence(before)) {
      return i;
    }
  }
  return -1;
}

function isLeadIn(strong: Strong): boolean {
  return endsSentence(mdastToString(strong));
}

/** The paragraph's children before `index` and from `index` on, as two paragraphs. */
function splitAt(paragraph: Paragraph, index: number): [Paragraph, Paragraph] {
  const before = paragraph.children.slice(0, index);
  const after = paragraph.children.slice(index);
  // The white space before the lead-in ends the first paragraph, where it would not print.
  const last = before.at(-1);
  if (last?.type === 'text' && last.value.trimEnd() !== last.value) {
    const value = last.value.trimEnd();
    if (value === '') before.pop();
    else before[before.length - 1] = { ...last, value };
  }
  const first: Paragraph = { type: 'paragraph', children: before };
  const second: Paragraph = { type: 'paragraph', children: after };
  const start = paragraph.position?.start;
  const end = paragraph.position?.end;
  const cut = after[0]?.position?.start;
  const firstEnd = before.at(-1)?.position?.end;
  if (start && firstEnd) first.position = { start, end: firstEnd };
  if (cut && end) second.position = { start: cut, end };
  return [first, second];
}
