import type { Paragraph, Root, RootContent, Strong } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { endsFullSentence, endsSentence } from './text-predicates.js';

/** The `ruleId` of the split's messages. */
export const SPLIT_LEAD_IN = 'split-lead-in';

/**
 * None yet: the split has nothing to tune. The plugin still takes an options object, as unified plugins do,
 * so that one can be added without changing how callers `.use` it; anything else passed is a type error.
 */
export type SplitLeadInsOptions = Record<string, never>;

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
export const remarkSplitLeadIns: Plugin<[SplitLeadInsOptions?], Root> = () => {
  return (tree: Root, file: VFile) => {
    // One pass, one new list: a paragraph of thousands of lead-ins is split in time linear in its length.
    tree.children = tree.children.flatMap((node) => (node.type === 'paragraph' ? splitAtLeadIns(node, file) : [node]));
  };
};

function splitAtLeadIns(paragraph: Paragraph, file: VFile): RootContent[] {
  const cuts = leadInIndexes(paragraph);
  if (cuts.length === 0) return [paragraph];
  const parts: Paragraph[] = [];
  let from = 0;
  for (const cut of cuts) {
    const leadIn = paragraph.children[cut] as Strong;
    file.info(`Started a new paragraph at the bold lead-in \`${mdastToString(leadIn)}\``, {
      ...(leadIn.position ? { place: leadIn.position } : {}),
      ruleId: SPLIT_LEAD_IN,
      source: 'banmian',
    });
    parts.push(part(paragraph, from, cut, true));
    from = cut;
  }
  parts.push(part(paragraph, from, paragraph.children.length, false));
  return parts;
}

/** The end of the text before a child that is looked at: enough to see a sentence end and its closing marks. */
const TAIL = 64;

/**
 * The indexes of the bold lead-ins after a sentence end in the paragraph: each a bold sentence (it ends in
 * sentence-final punctuation) with text after it, following a sentence end.
 */
export function leadInIndexes(paragraph: Paragraph): number[] {
  const children = paragraph.children;
  const indexes: number[] = [];
  let tail = '';
  for (const [i, child] of children.entries()) {
    const text = mdastToString(child);
    const inside = i > 0 && i < children.length - 1;
    if (inside && child.type === 'strong' && endsSentence(text) && endsFullSentence(tail.trimEnd())) indexes.push(i);
    tail = (tail + text).slice(-TAIL);
  }
  return indexes;
}

/** The index of the first bold lead-in after a sentence end in the paragraph, or -1. */
export function leadInIndex(paragraph: Paragraph): number {
  return leadInIndexes(paragraph)[0] ?? -1;
}

/**
 * The paragraph's children from `from` to `to` as a paragraph of their own. The white space before a
 * lead-in ends the part before it, where it would not print.
 */
function part(paragraph: Paragraph, from: number, to: number, beforeLeadIn: boolean): Paragraph {
  const children = paragraph.children.slice(from, to);
  const last = children.at(-1);
  if (beforeLeadIn && last?.type === 'text' && last.value.trimEnd() !== last.value) {
    const value = last.value.trimEnd();
    if (value === '') children.pop();
    else children[children.length - 1] = { ...last, value };
  }
  const result: Paragraph = { type: 'paragraph', children };
  const start = from === 0 ? paragraph.position?.start : children[0]?.position?.start;
  const end = beforeLeadIn ? children.at(-1)?.position?.end : paragraph.position?.end;
  if (start && end) result.position = { start, end };
  return result;
}
