import type { Root } from 'hast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import { addClass, isElement, isPlainText, SENTENCE_PUNCTUATION, textOf } from './hast-utils.js';

export interface CreditsOptions {
  /** Endings of a photo or graphics credit (本报记者 某某 摄). */
  suffixes?: readonly string[];
  /** Longest credit line, in characters; longer lines are prose. */
  maxLength?: number;
}

const defaultSuffixes = ['摄', '供图', '制图', '绘'];

/** Marks short credit lines (…… 摄) as `p.credit`. */
export const rehypeCredits: Plugin<[CreditsOptions?], Root> = (options = {}) => {
  const suffixes = options.suffixes ?? defaultSuffixes;
  const maxLength = options.maxLength ?? 40;
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (!isElement(node, 'p') || !isPlainText(node)) return;
      const text = textOf(node);
      if (text.length > maxLength || SENTENCE_PUNCTUATION.test(text)) return;
      // A credit names someone before the verb: "本报记者 李威文 刘洋 摄", not a bare "摄".
      if (suffixes.some((suffix) => text.endsWith(suffix) && text.length > suffix.length + 1)) {
        addClass(node, 'credit');
      }
    });
  };
};
