import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import type { VFile } from 'vfile';
import { isCjkSide } from '../markdown/remark-cjk-spacing.js';
import { editable, hasHan, type ProseBlock, proseBlocks, report, spacesFrom } from './prose-text.js';

const FULL_WIDTH: Record<string, string> = { ',': '，', '.': '。', ':': '：', ';': '；', '?': '？', '!': '！' };

/** A Chinese numeral and a dot opening a block (`一.总体要求`): the enumeration takes 、, not 。. */
const ENUMERATION = /^\s*[一二三四五六七八九十百]+\.$/u;

/** One of `,.:;?!` (a run of dots is an ellipsis: ellipsis.ts). */
const MARK = /\.{2,}|[,.:;?!]/g;

/**
 * GB/T 15834: a half-width `, . : ; ? !` or `( )` in Chinese text, where the full-width mark belongs —
 * `北京,上海.` → `北京，上海。`, `括号(注释)` → `括号（注释）`. A mark is in Chinese text when Chinese stands
 * before it (past quotation marks), or after it with no Latin letter before it: `Python,然后` is left alone,
 * as are Latin sentences, decimals (4.0), times and ratios (9:30), numbers (1,000), URLs, e-mail addresses
 * and code. `.` must follow Chinese and be followed by no letter or digit; after a Chinese numeral that opens
 * the line (`一.总体要求`) it is the enumeration's 、. Half-width parentheses are
 * changed in pairs, and only when there is Chinese inside them: `(English aside)` stays. A space typed after
 * the mark goes with it (`北京, 上海` → `北京，上海`): full-width marks carry their own space.
 */
export const checkHalfwidthPunctuation = lintRule<Root>({ origin: 'banmian:halfwidth-punctuation' }, (tree, file) => {
  for (const block of proseBlocks(tree, file)) {
    checkMarks(file, block);
    checkParentheses(file, block);
  }
});

function checkMarks(file: VFile, block: ProseBlock): void {
  for (const match of block.text.matchAll(MARK)) {
    const mark = match[0];
    const at = match.index;
    if (mark.length > 1 || !editable(block, at) || !inChineseText(block, mark, at)) continue;
    const spaces = spacesFrom(block, at + 1, 1);
    const enumeration = mark === '.' && at < 16 && ENUMERATION.test(block.text.slice(0, at + 1));
    const replacement = enumeration ? '、' : (FULL_WIDTH[mark] ?? mark);
    report(file, block, {
      from: at,
      to: at + 1 + spaces,
      reason: enumeration
        ? `Half-width \`.\` after a Chinese numeral that opens a line: use \`、\``
        : `Half-width \`${mark}\` in Chinese text: use \`${replacement}\``,
      replacement,
    });
  }
}

function inChineseText(block: ProseBlock, mark: string, at: number): boolean {
  const before = block.text[at - 1] ?? '';
  const after = block.text[at + 1] ?? '';
  const chineseBefore = isCjkSide(block.text, at, -1);
  const spaces = spacesFrom(block, at + 1, 1);
  const chineseAfter = isCjkSide(block.text, at + spaces, 1);
  if (mark === '.') return chineseBefore && !/[A-Za-z0-9]/.test(after);
  if (mark === ':') return chineseBefore || (chineseAfter && !/[A-Za-z0-9]/.test(before));
  return chineseBefore || (chineseAfter && !/[A-Za-z]/.test(before));
}

function checkParentheses(file: VFile, block: ProseBlock): void {
  const open: number[] = [];
  for (let at = 0; at < block.text.length; at++) {
    const mark = block.text[at];
    if ((mark !== '(' && mark !== ')') || !editable(block, at)) continue;
    if (mark === '(') {
      open.push(at);
      continue;
    }
    const opener = open.pop();
    if (opener === undefined || !hasHan(block.text.slice(opener + 1, at))) continue;
    for (const [where, full] of [
      [opener, '（'],
      [at, '）'],
    ] as const) {
      report(file, block, {
        from: where,
        to: where + 1,
        reason: `Half-width \`${block.text[where]}\` around Chinese text: use \`${full}\``,
        replacement: full,
      });
    }
  }
}
