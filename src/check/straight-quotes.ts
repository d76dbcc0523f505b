import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import type { VFile } from 'vfile';
import { isCjkSide } from '../markdown/remark-cjk-spacing.js';
import { editable, hasHan, type ProseBlock, proseBlocks, report, spacesFrom } from './prose-text.js';

const CURLY = { '"': ['“', '”'], "'": ['‘', '’'] } as const;

type Straight = keyof typeof CURLY;

/**
 * GB/T 15834: straight quotes `"…"` and `'…'` in Chinese text → “…” and ‘…’. They are paired by position
 * in their paragraph (the first opens, the second closes, and so on, across inline markup), and a pair is
 * changed when it holds Chinese or has Chinese beside it: `他说"好"` → `他说“好”` (and `说 "好" 了` →
 * `说“好”了`: spaces between the quotes and Chinese go with them), while `"OK"` between Latin words stays. A `'` between letters is an apostrophe (it's) and no quote. A quote left without a
 * partner beside Chinese is reported with no fix: which way it turns is for a person to say.
 */
export const checkStraightQuotes = lintRule<Root>({ origin: 'banmian:straight-quotes' }, (tree, file) => {
  for (const block of proseBlocks(tree, file)) {
    checkQuotes(file, block, '"');
    checkQuotes(file, block, "'");
  }
});

function checkQuotes(file: VFile, block: ProseBlock, quote: Straight): void {
  const marks = quotesIn(block, quote);
  for (let pair = 0; pair + 1 < marks.length; pair += 2) {
    const open = marks[pair] ?? 0;
    const close = marks[pair + 1] ?? 0;
    const chinese =
      hasHan(block.text.slice(open + 1, close)) || isCjkSide(block.text, open, -1) || isCjkSide(block.text, close, 1);
    if (!chinese) continue;
    const [opening, closing] = CURLY[quote];
    const before = spacesBeside(block, open, -1);
    const after = spacesBeside(block, close, 1);
    report(file, block, {
      from: open - before,
      to: open + 1,
      reason: `Straight quote \`${quote}\` in Chinese text: use \`${opening}\``,
      replacement: opening,
    });
    report(file, block, {
      from: close,
      to: close + 1 + after,
      reason: `Straight quote \`${quote}\` in Chinese text: use \`${closing}\``,
      replacement: closing,
    });
  }
  const last = marks.length % 2 === 1 ? marks.at(-1) : undefined;
  if (last !== undefined && (isCjkSide(block.text, last, -1) || isCjkSide(block.text, last, 1))) {
    report(file, block, {
      from: last,
      to: last + 1,
      reason: `Straight quote \`${quote}\` in Chinese text, with no partner: use \`${CURLY[quote].join('` or `')}\``,
    });
  }
}

/**
 * How many spaces stand between a quote and Chinese text on one side (`说 "喵" 了`): they go with the
 * straight quote, since Chinese quotation marks carry their own space.
 */
function spacesBeside(block: ProseBlock, at: number, step: -1 | 1): number {
  const count = spacesFrom(block, at + step, step);
  return count > 0 && isCjkSide(block.text, at + step * count, step) ? count : 0;
}

/** Where the block's fixable quotes of a kind are, apostrophes left out. */
function quotesIn(block: ProseBlock, quote: Straight): number[] {
  const marks: number[] = [];
  for (let at = block.text.indexOf(quote); at !== -1; at = block.text.indexOf(quote, at + 1)) {
    if (!editable(block, at)) continue;
    if (quote === "'" && /[A-Za-z0-9]/.test(block.text[at - 1] ?? '') && /[A-Za-z]/.test(block.text[at + 1] ?? ''))
      continue;
    marks.push(at);
  }
  return marks;
}
