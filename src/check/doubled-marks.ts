import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { editable, proseBlocks, report } from './prose-text.js';

/** A mark typed twice or more; three or more 。 are an ellipsis (ellipsis.ts). */
const DOUBLED = /([，、；：！？])\1+|(?<!。)。。(?!。)/gu;

/**
 * GB/T 15834: a pause or stop typed twice — `，，` `。。` `、、` `；；` `！！` `？？` — is usually a slip. A
 * warning with no fix: 叠用 of `！` (and `？`) is sometimes meant, for strong feeling.
 */
export const checkDoubledMarks = lintRule<Root>({ origin: 'banmian:doubled-marks' }, (tree, file) => {
  for (const block of proseBlocks(tree, file)) {
    for (const match of block.text.matchAll(DOUBLED)) {
      if (!editable(block, match.index)) continue;
      report(file, block, {
        from: match.index,
        to: match.index + match[0].length,
        reason: `Doubled \`${match[0]}\`: keep one, unless the repetition is meant`,
      });
    }
  }
});
