import type { Element, ElementContent, Root, Text } from 'hast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

export interface ChunkLongTextOptions {
  /** Text nodes longer than this are split (characters). */
  maxLength?: number;
}

/**
 * Splits very long runs of text into adjacent spans. Paged.js lays text out
 * node by node and starts each page by setting the whole rest of the node
 * again, so a half-megabyte paragraph costs it quadratic time (and a build
 * timeout); in spans of a few thousand characters the work grows with the
 * text. The text and its line breaks do not change: the cuts fall after a
 * full stop or comma followed by a Han character or a letter, never between
 * two punctuation marks that the typesetting sets together.
 */
export const rehypeChunkLongText: Plugin<[ChunkLongTextOptions?], Root> = (options = {}) => {
  const maxLength = options.maxLength ?? 4000;
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (index === undefined || !parent || node.value.length <= maxLength) return;
      if (parent.type === 'element' && ['pre', 'code', 'script', 'style'].includes(parent.tagName)) return;
      const pieces = cut(node.value, maxLength / 2);
      if (pieces.length < 2) return;
      const spans: ElementContent[] = pieces.map(
        (value): Element => ({ type: 'element', tagName: 'span', properties: {}, children: [{ type: 'text', value }] }),
      );
      parent.children.splice(index, 1, ...spans);
      return index + spans.length;
    });
  };
};

/**
 * Cuts after `size` characters or so, after 。！？；，, before a character that is not punctuation;
 * text with no such place for twice `size` (`[[[[…`, a long URL) is cut at `2 × size`, or just after
 * it where one character (an emoji with its skin tone, a letter with its accent) ends.
 */
function cut(text: string, size: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  const boundary = /[。！？；，.!?;,]\s*(?=[\p{L}\p{N}])/gu;
  while (text.length - start > size * 2) {
    boundary.lastIndex = start + size;
    // Looked for in the next `size` characters only: each cut costs its own piece, not the rest.
    const match = boundary.exec(text.slice(0, start + size * 2 + 1));
    const end = match ? match.index + match[0].length : characterBoundary(text, start + size * 2);
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `at`, or the nearest place after it between two characters as a reader sees them (graphemes). */
function characterBoundary(text: string, at: number): number {
  // Segmented in a window around `at`: the text may be half a megabyte.
  const from = Math.max(0, at - 32);
  for (const { index } of graphemes.segment(text.slice(from, at + 64))) {
    if (from + index >= at) return from + index;
  }
  return Math.min(text.length, at + 64);
}
