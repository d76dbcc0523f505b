import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { isCjkSide } from '../markdown/remark-cjk-spacing.js';
import { editable, proseBlocks, report } from './prose-text.js';

/** Typed stand-ins for 省略号: three or more dots, full stops or middle dots, or one `…` alone. */
const STAND_IN = /\.{3,}|。{3,}|．{3,}|·{3,}|…+/g;

/**
 * GB/T 15834: 省略号 is two ellipsis characters, `……`. Typed stand-ins for it — `...`, `。。。`, `···`, or
 * one `…` alone — are changed to `……`. Dots and a single `…` are changed only beside Chinese (`等等...`);
 * in Latin text (`and so on...`) they are Latin punctuation. `…` in threes or more is left alone.
 */
export const checkEllipsis = lintRule<Root>({ origin: 'banmian:ellipsis' }, (tree, file) => {
  for (const block of proseBlocks(tree, file)) {
    for (const match of block.text.matchAll(STAND_IN)) {
      const run = match[0];
      const from = match.index;
      const to = from + run.length;
      if (run[0] === '…' && run.length !== 1) continue;
      if (!editable(block, from)) continue;
      const chinese = run[0] === '。' || isCjkSide(block.text, from, -1) || isCjkSide(block.text, to - 1, 1);
      if (!chinese) continue;
      report(file, block, { from, to, reason: `\`${run}\` for 省略号: use \`……\``, replacement: '……' });
    }
  }
});
