import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { CJK } from '../markdown/remark-cjk-spacing.js';
import { editable, type ProseBlock, proseBlocks, report } from './prose-text.js';

/** Typed stand-ins for 破折号, with any spaces around them: `--`, or one `—`, `－` or `―`, or two `－` or `―`. */
const STAND_IN = / *(?:-{2,}|(?<!—)—(?!—)|－{1,2}|―{1,2}) */g;

/** Marks that end a clause, for telling a 连接号 chain (A—B—C) from a dash. */
const CLAUSE_BREAK = /[，。、；：！？“”‘’（）《》「」『』\s]/u;

/**
 * GB/T 15834: 破折号 is two em dashes, `——`. Between Chinese text, the stand-ins typed for it — `--`, a
 * single `—` or `－`, `――` — are changed to `——` (with the spaces around them: a dash carries its own).
 * A single `—` that joins a chain of terms with another in the same clause (`党组—专委会—临时党组织`) is the
 * 连接号 一字线 and stays; so does a dash at the start of a line, such as the deck's.
 */
export const checkDash = lintRule<Root>({ origin: 'banmian:dash' }, (tree, file) => {
  for (const block of proseBlocks(tree, file)) {
    for (const match of block.text.matchAll(STAND_IN)) {
      const from = match.index;
      const to = from + match[0].length;
      const dash = match[0].trim();
      if (!editable(block, from) || !between(block, from, to) || isLinkChain(block, from, to, dash)) continue;
      report(file, block, {
        from,
        to,
        reason: `\`${dash}\` for 破折号 between Chinese text: use \`——\``,
        replacement: '——',
      });
    }
  }
});

function between(block: ProseBlock, from: number, to: number): boolean {
  return isChinese(block.text[from - 1]) && isChinese(block.text[to]);
}

/** Chinese text or a quotation mark that may stand beside a dash (`说——“好”`). */
function isChinese(character: string | undefined): boolean {
  return character !== undefined && (CJK.test(character) || /[“”‘’]/u.test(character));
}

/** Whether a single `—` or `－` has another in the same clause, before or after it: a chain of linked terms. */
function isLinkChain(block: ProseBlock, from: number, to: number, dash: string): boolean {
  if (dash.length !== 1) return false;
  return sameClauseHas(block.text, from - 1, -1, dash) || sameClauseHas(block.text, to, 1, dash);
}

/** Whether `mark` comes up from `at` on, going by `step`, before anything that ends the clause. */
function sameClauseHas(text: string, at: number, step: -1 | 1, mark: string): boolean {
  for (let index = at; index >= 0 && index < text.length; index += step) {
    const character = text[index] ?? '';
    if (character === mark) return true;
    if (CLAUSE_BREAK.test(character)) return false;
  }
  return false;
}
