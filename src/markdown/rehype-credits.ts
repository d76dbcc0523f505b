import type { Root } from 'hast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import { addClass, isElement, isPlainText, textOf } from './hast-utils.js';
import { DEFAULT_CREDIT_SUFFIXES, DEFAULT_LABEL_MAX_LENGTH, isCreditLine } from './text-predicates.js';

export interface CreditsOptions {
  /** Endings of a photo or graphics credit (本报记者 某某 摄). */
  suffixes?: readonly string[];
  /** Longest credit line, in characters; longer lines are prose. */
  maxLength?: number;
}

/** Marks short credit lines (…… 摄) as `p.credit`. */
export const rehypeCredits: Plugin<[CreditsOptions?], Root> = (options = {}) => {
  const credit = {
    suffixes: options.suffixes ?? DEFAULT_CREDIT_SUFFIXES,
    maxLength: options.maxLength ?? DEFAULT_LABEL_MAX_LENGTH,
  };
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (isElement(node, 'p') && isPlainText(node) && isCreditLine(textOf(node), credit)) addClass(node, 'credit');
    });
  };
};
