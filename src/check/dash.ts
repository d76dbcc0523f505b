import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { CJK } from '../markdown/remark-cjk-spacing.js';
import { editable, type ProseBlock, proseBlocks, report } from './prose-text.js';

/** Typed stand-ins for 破折号, with any spaces around them: `--`, or one `—`, `－` or `―`, or two `－` or `―`. */
const STAND_IN = / *(?:-{2,}|(?<!—)—(?!—)|－{1,2}|―{1,2}) */g;

/** Marks that end a clause, for telling a 连接号 chain (A—B—C) from a dash. */
const CLAUSE_BREAK = /[，。、；：！？“”‘’（）《》「」『』\s]/u;

/**
 * Characters a place name or a date hardly holds and a clause around a dash mostly does (`那是—单个的`):
 * particles, 是 and the commonest adverbs.
 */
const FUNCTION_WORDS = /[的地得了着过是在把被就都也还又说吗呢吧啊]/u;

/**
 * GB/T 15834: 破折号 is two em dashes, `——`. Between Chinese text, the stand-ins typed for it — `--`, a
 * single `—` or `－`, `――` — are changed to `——` (with the spaces around them: a dash carries its own).
 * A single `—` can also be the 连接号 一字线, which GB/T 15834-2011 §4.13 uses for a range or a link of
 * times, places and numbers (`1949—2009`, `北京—上海`), and it stays where it reads as one:
 * - in a chain of terms with another in the same clause (`党组—专委会—临时党组织`);
 * - between numbers: digits on both sides (`1949—2009`, never Chinese text on both sides anyway) or a digit
 *   in the clause's text on each side, six characters at most (`第3版—第5版`, `1949年—2009年`);
 * - between two place names as a clause of their own: 2–4 Han on each side, between marks that end a clause
 *   and without a particle or 是 (`北京—上海。`, but not `那是—单个的`). A link inside a longer phrase
 *   (`北京—上海特别旅客快车`) cannot be told from a dash and is still taken for one;
 * and so does a dash at the start of a line, such as the deck's.
 */
export const checkDash = lintRule<Root>({ origin: 'banmian:dash' }, (tree, file) => {
  for (const block of proseBlocks(tree, file)) {
    for (const match of block.text.matchAll(STAND_IN)) {
      const from = match.index;
      const to = from + match[0].length;
      const dash = match[0].trim();
      if (!editable(block, from) || !between(block, from, to) || isConnector(block, from, to, dash)) continue;
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

/** Whether a single `—` or `－` is the 连接号: it links a chain of terms, two numbers or two place names. */
function isConnector(block: ProseBlock, from: number, to: number, dash: string): boolean {
  if (dash.length !== 1) return false;
  const { text } = block;
  if (sameClauseHas(text, from - 1, -1, dash) || sameClauseHas(text, to, 1, dash)) return true;
  const before = clauseRun(text, from - 1, -1);
  const after = clauseRun(text, to, 1);
  const numbers = /\d/u.test(before) && /\d/u.test(after) && before.length <= 6 && after.length <= 6;
  return numbers || (isPlaceName(before) && isPlaceName(after));
}

/** The text from `at` on, going by `step`, up to what ends the clause (in reading order). */
function clauseRun(text: string, at: number, step: -1 | 1): string {
  let index = at;
  while (index >= 0 && index < text.length && !CLAUSE_BREAK.test(text[index] ?? '')) index += step;
  return step === 1 ? text.slice(at, index) : text.slice(index + 1, at + 1);
}

function isPlaceName(run: string): boolean {
  return /^\p{Script=Han}{2,4}$/u.test(run) && !FUNCTION_WORDS.test(run);
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
