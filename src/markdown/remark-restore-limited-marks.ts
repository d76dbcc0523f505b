import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { hasLimitedMarks, restoreLimitedMarks } from './limit-source-nesting.js';

/** The fields of an mdast node that carry source text. */
const TEXT_FIELDS = ['value', 'url', 'title', 'alt', 'label', 'identifier'] as const;

/**
 * Puts back the marks that `limitSourceDelimiters` had parsed as stand-ins, in the tree and in the
 * file's text, so that every later plugin and rule sees the text as written. Runs right after parsing.
 */
export const remarkRestoreLimitedMarks: Plugin<[], Root> = () => (tree: Root, file: VFile) => {
  if (!hasLimitedMarks(String(file.value))) return;
  file.value = restoreLimitedMarks(String(file.value));
  visit(tree, (node) => {
    const fields = node as unknown as Record<string, unknown>;
    for (const field of TEXT_FIELDS) {
      const text = fields[field];
      if (typeof text === 'string' && hasLimitedMarks(text)) fields[field] = restoreLimitedMarks(text);
    }
  });
};
