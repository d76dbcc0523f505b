import type { Heading, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * Characters that are set without spaces between words: Han, kana, bopomofo, and the full-width CJK
 * punctuation and forms. Hangul is not among them: Korean puts spaces between its words.
 */
export const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\u31c0-\u31ef\u3200-\u33ff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Marks Chinese and Latin text share (“”‘’—…·): a break next to one is judged by the letter beyond it. */
const SHARED_MARKS = /[“”‘’—–…·]/u;

/** How far past shared marks to look for a letter: a long run of them is no word either way. */
const MARKS_LOOKED_PAST = 8;

/** A character standing for what is not text (an image, raw HTML): neither CJK nor a Latin letter. */
const OBJECT = '\ufffc';

/**
 * White space that Markdown needs and Chinese type does not, taken out of paragraphs and headings:
 * - A soft line break is white space to CommonMark, so a paragraph hard-wrapped mid-sentence (text copied
 *   off a PDF: `胜利召⏎开`) prints a space between two Chinese characters. Each soft break next to a CJK
 *   character or mark goes, as the CSS Text segment-break rules say (Firefox applies them, Chromium does
 *   not). Between Han and a Latin letter or digit no space is typed either: the stylesheet's
 *   `text-autospace` makes that gap. Between two Latin words the break stays a space.
 * - Spaces typed between Chinese text and inline markup so that the markup would parse (`周期的 **最后**（`,
 *   `在 [介绍](…) 时`) go when there is CJK text on both sides. Spaces inside a run of text stay: there
 *   they are the writer's (`党建引领强履职 凝心聚力促发展`).
 * Runs in the Markdown stage, so `--html`, the preview and `banmian check` see the same text; both are
 * judged across inline markup (`**强调**⏎正文`).
 */
export const remarkCjkSpacing: Plugin<[], Root> = () => (tree: Root) => {
  visit(tree, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading') removeCjkWhiteSpace(node);
  });
};

/** A text node's place in its block's flattened text. */
interface Leaf {
  node: Text;
  start: number;
}

function removeCjkWhiteSpace(block: Paragraph | Heading): void {
  const { flat, leaves } = flatten(block.children);
  for (const { node, start } of leaves) {
    const end = start + node.value.length;
    node.value = node.value
      .replace(/\n/g, (newline, offset: number) => (breakJoinsCjk(flat, start + offset) ? '' : newline))
      .replace(/^ +/, (spaces) => (start > 0 && spacesBetweenCjk(flat, start, start + spaces.length) ? '' : spaces))
      .replace(/ +$/, (spaces) =>
        end < flat.length && spacesBetweenCjk(flat, end - spaces.length, end) ? '' : spaces,
      );
  }
}

/** The block's text as one string (code as its text, a hard break as a newline, anything else as an object), and where each text node stands in it. */
function flatten(children: PhrasingContent[], into = { flat: '', leaves: [] as Leaf[] }) {
  for (const child of children) {
    if (child.type === 'text') {
      into.leaves.push({ node: child, start: into.flat.length });
      into.flat += child.value;
    } else if (child.type === 'inlineCode') into.flat += child.value;
    else if (child.type === 'break') into.flat += '\n';
    else if ('children' in child) flatten(child.children as PhrasingContent[], into);
    else into.flat += OBJECT;
  }
  return into;
}

/** Whether the spaces from `from` to `to` of `text` have CJK text on both sides. */
function spacesBetweenCjk(text: string, from: number, to: number): boolean {
  return isCjkSide(text, from, -1) && isCjkSide(text, to - 1, 1);
}

/**
 * Whether the soft break at `index` of `text` stands next to CJK text, looking past shared marks, or cuts a
 * number or Latin word that is set solid in CJK text on both sides (`指导2⏎1家`, `使用Java⏎Script开发`).
 */
export function breakJoinsCjk(text: string, index: number): boolean {
  return (
    isCjkSide(text, index, -1) ||
    isCjkSide(text, index, 1) ||
    (wordReachesCjk(text, index, -1) && wordReachesCjk(text, index, 1))
  );
}

/** How far into the word on either side of a break to look for CJK text. */
const WORD_LOOKED_INTO = 32;

/** Whether the characters from the break up to the next white space include a CJK one. */
function wordReachesCjk(text: string, index: number, step: -1 | 1): boolean {
  let at = index + step;
  for (let passed = 0; passed < WORD_LOOKED_INTO; passed++) {
    const character = characterAt(text, at, step);
    if (character === undefined || /\s/u.test(character)) return false;
    if (CJK.test(character)) return true;
    at += step * character.length;
  }
  return false;
}

/** Whether the text before (`step` −1) or after (1) `index` is CJK, looking past shared marks (“”‘’—…·). */
export function isCjkSide(text: string, index: number, step: -1 | 1): boolean {
  let at = index + step;
  for (let passed = 0; passed <= MARKS_LOOKED_PAST; passed++) {
    const character = characterAt(text, at, step);
    if (character === undefined) return false;
    if (CJK.test(character)) return true;
    if (!SHARED_MARKS.test(character)) return false;
    at += step * character.length;
  }
  return false;
}

/** The code point whose first (step 1) or last (step −1) UTF-16 unit is at `at`. */
function characterAt(text: string, at: number, step: -1 | 1): string | undefined {
  if (at < 0 || at >= text.length) return undefined;
  const unit = text.charCodeAt(at);
  if (step === -1 && unit >= 0xdc00 && unit <= 0xdfff && at > 0) return text.slice(at - 1, at + 1);
  const point = text.codePointAt(at) ?? unit;
  return String.fromCodePoint(point);
}
