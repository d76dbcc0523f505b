import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Plugin } from 'unified';
import { addClass, isElement, isPlainText, nextElementIndex, SENTENCE_PUNCTUATION, textOf } from './hast-utils.js';

export interface BylinesOptions {
  /** Headings a speaker line follows: in a digest, the organisation heading. */
  after?: readonly string[];
  /** Longest speaker line, in characters. */
  maxLength?: number;
}

// "市工商联党组书记 曹宏峰": a title, white space, then a personal name of 2–5 Han characters
// (or a transliterated name with a middle dot).
const SPEAKER_LINE = /^(\S(?:.*\S)?)[\s\u3000]+([\p{Script=Han}·]{2,8})$/u;

/**
 * Marks the speaker line under an organisation heading as `p.byline`, with the
 * title and the name in spans so a stylesheet can set them apart.
 */
export const rehypeBylines: Plugin<[BylinesOptions?], Root> = (options = {}) => {
  const after = options.after ?? ['h3'];
  const maxLength = options.maxLength ?? 40;
  return (tree: Root) => {
    markIn(tree.children);
    function markIn(children: Array<Root['children'][number] | ElementContent>): void {
      for (let i = 0; i < children.length; i++) {
        const node = children[i];
        if (!isElement(node)) continue;
        if (after.includes(node.tagName)) {
          const candidate = children[nextElementIndex(children, i)];
          if (isElement(candidate, 'p')) markByline(candidate);
        } else {
          markIn(node.children);
        }
      }
    }
  };

  function markByline(paragraph: Element): void {
    if (!isPlainText(paragraph)) return;
    const text = textOf(paragraph);
    if (text.length > maxLength || SENTENCE_PUNCTUATION.test(text)) return;
    const match = SPEAKER_LINE.exec(text);
    if (!match?.[1] || !match[2]) return;
    addClass(paragraph, 'byline');
    paragraph.children = [
      h('span', { className: ['role'] }, match[1]),
      { type: 'text', value: ' ' },
      h('span', { className: ['name'] }, match[2]),
    ];
  }
};
