import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Plugin } from 'unified';
import { addClass, hasClass, isElement, isPlainText, nextElementIndex, soleImage, textOf } from './hast-utils.js';
import { DEFAULT_BYLINE_AFTER, DEFAULT_LABEL_MAX_LENGTH, parseSpeakerLine } from './text-predicates.js';

export interface BylinesOptions {
  /** Headings a speaker line follows: in a digest, the organisation heading. */
  after?: readonly string[];
  /** Longest speaker line, in characters. */
  maxLength?: number;
}

/**
 * Marks the speaker line under an organisation heading as `p.byline`, with the
 * title and the name in spans so a stylesheet can set them apart. A paragraph
 * holding only an image (the speaker's portrait) may come between the two.
 */
export const rehypeBylines: Plugin<[BylinesOptions?], Root> = (options = {}) => {
  const after = options.after ?? DEFAULT_BYLINE_AFTER;
  const maxLength = options.maxLength ?? DEFAULT_LABEL_MAX_LENGTH;
  return (tree: Root) => {
    markIn(tree.children);
    function markIn(children: Array<Root['children'][number] | ElementContent>): void {
      for (let i = 0; i < children.length; i++) {
        const node = children[i];
        if (!isElement(node)) continue;
        if (after.includes(node.tagName)) {
          let next = nextElementIndex(children, i);
          // The speaker's portrait may stand between the heading and the speaker line.
          if (soleImage(children[next])) next = nextElementIndex(children, next);
          const candidate = children[next];
          if (isElement(candidate, 'p')) markByline(candidate);
        } else if (!hasClass(node, 'box')) {
          // A box (rehype-boxes: 编者按, 相关链接) holds no speech: its heading is no organisation's.
          markIn(node.children);
        }
      }
    }
  };

  function markByline(paragraph: Element): void {
    if (!isPlainText(paragraph)) return;
    const speaker = parseSpeakerLine(textOf(paragraph), maxLength);
    if (!speaker) return;
    addClass(paragraph, 'byline');
    paragraph.children = [
      h('span', { className: ['role'] }, speaker.role),
      { type: 'text', value: ' ' },
      h('span', { className: ['name'] }, speaker.name),
    ];
  }
};
