import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { editable, proseBlocks, report } from './prose-text.js';

const FULL_WIDTH = /[０-９Ａ-Ｚａ-ｚ]+/gu;

/** The half-width form of a full-width letter or digit (U+FF10… → U+0030…). */
function halfWidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/gu, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0));
}

/**
 * GB/T 15835: Arabic numerals are set half-width, and so are Latin letters: `１２月` → `12月`,
 * `ＡＢＣ` → `ABC`. One finding for each run of them.
 */
export const checkFullwidthAlphanumerics = lintRule<Root>(
  { origin: 'banmian:fullwidth-alphanumerics' },
  (tree, file) => {
    for (const block of proseBlocks(tree, file)) {
      for (const match of block.text.matchAll(FULL_WIDTH)) {
        if (!editable(block, match.index)) continue;
        const replacement = halfWidth(match[0]);
        report(file, block, {
          from: match.index,
          to: match.index + match[0].length,
          reason: `Full-width \`${match[0]}\`: use \`${replacement}\``,
          replacement,
        });
      }
    }
  },
);
