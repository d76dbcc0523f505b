import type { Heading, Link, Paragraph, Parent, PhrasingContent, Root, TableCell, Text } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { pointAt, textOffsets } from './source-location.js';

export type ProseNode = Paragraph | Heading | TableCell;

/**
 * A block of running text the proofreading rules read: a paragraph (in a list item, a block quote or a
 * footnote too), a heading or a table cell. `text` is its text as it reads — text nodes, inline code and
 * autolinks in order, anything else (an image, raw HTML) as one object character — so a rule sees the
 * characters on both sides of inline markup (`**注**:`). Only characters of text nodes, found in the source
 * as themselves, can be fixed: `offsets` holds their source offsets, and nothing for inline code, URLs,
 * e-mail addresses or a character the source spells otherwise (`&amp;`).
 */
export interface ProseBlock {
  node: ProseNode;
  parent: Parent | undefined;
  index: number | undefined;
  text: string;
  offsets: Array<number | undefined>;
}

/** What stands for content that is not text. */
const OBJECT = '\ufffc';

/** URLs and e-mail addresses in plain text (GFM links most of them; these are the rest): never fixed. */
const URL_OR_EMAIL =
  /(?:[a-z][a-z\d+.-]*:\/\/|www\.)[^\s\p{Script=Han}，。！？；：（）“”‘’《》]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;

const blocks = new WeakMap<Root, ProseBlock[]>();

/** The prose blocks of a tree, in source order (read once for all the rules that run on it). */
export function proseBlocks(tree: Root, file: VFile): ProseBlock[] {
  let found = blocks.get(tree);
  if (found) return found;
  found = [];
  const list = found;
  visit(tree, (node, index, parent) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return undefined;
    const block: ProseBlock = { node, parent, index, text: '', offsets: [] };
    flatten(node.children, block, file, true);
    list.push(block);
    return SKIP;
  });
  blocks.set(tree, found);
  return found;
}

function flatten(children: PhrasingContent[], block: ProseBlock, file: VFile, editable: boolean): void {
  for (const child of children) {
    if (child.type === 'text') append(block, child.value, editable ? editableOffsets(file, child) : []);
    else if (child.type === 'inlineCode') append(block, child.value, []);
    else if (child.type === 'break') append(block, '\n', []);
    else if (child.type === 'link') flatten(child.children, block, file, editable && !isAutolink(child));
    else if ('children' in child) flatten(child.children as PhrasingContent[], block, file, editable);
    else append(block, OBJECT, []);
  }
}

function append(block: ProseBlock, value: string, offsets: Array<number | undefined>): void {
  for (const match of value.matchAll(URL_OR_EMAIL)) offsets.fill(undefined, match.index, match.index + match[0].length);
  for (let index = 0; index < value.length; index++) block.offsets.push(offsets[index]);
  block.text += value;
}

/** A link that prints its own URL (`<https://…>`, a bare `www.…` or e-mail address): its text is the URL. */
function isAutolink(link: Link): boolean {
  const text = mdastToString(link);
  return text !== '' && link.url.endsWith(text);
}

/**
 * The source offsets a fix may use in a text node: those of its characters up to the first one the source
 * does not spell as itself. Past a character reference the walk takes a named reference for one character
 * without decoding it — good enough to point at a line, not to edit the source by.
 */
function editableOffsets(file: VFile, node: Text): Array<number | undefined> {
  const offsets = textOffsets(file, node);
  const hole = offsets.indexOf(undefined);
  return hole === -1 ? offsets : offsets.slice(0, hole);
}

/** Whether the character at `index` of the block's text can be fixed. */
export function editable(block: ProseBlock, index: number): boolean {
  return block.offsets[index] !== undefined;
}

/** How many spaces stand in a row in the block's text from `at` on, going by `step`. */
export function spacesFrom(block: ProseBlock, at: number, step: -1 | 1): number {
  let count = 0;
  while (block.text[at + step * count] === ' ') count++;
  return count;
}

/** Whether `text` holds a Han character. */
export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

export interface Finding {
  /** Where in the block's text the finding is, from `from` up to `to`. */
  from: number;
  to: number;
  reason: string;
  /** The text that replaces it, for `banmian check --fix`; none when a person must decide. */
  replacement?: string;
}

/**
 * Reports a finding at its place in the source. With a replacement, the message carries the fix as
 * remark-lint's do: `actual` (the source text it replaces, at `place`) and `expected` — when every character
 * of it is in the source, in one piece; otherwise the finding is reported without a fix.
 */
export function report(file: VFile, block: ProseBlock, finding: Finding): void {
  const start = block.offsets[finding.from];
  const last = block.offsets[finding.to - 1];
  if (start === undefined || last === undefined) return;
  const startPoint = pointAt(file, start);
  const endPoint = pointAt(file, last + 1);
  const message = file.message(
    finding.reason,
    startPoint && endPoint ? { place: { start: startPoint, end: endPoint } } : {},
  );
  if (finding.replacement === undefined || !inOnePiece(block, finding.from, finding.to)) return;
  message.actual = String(file.value).slice(start, last + 1);
  message.expected = [finding.replacement];
}

function inOnePiece(block: ProseBlock, from: number, to: number): boolean {
  const start = block.offsets[from] ?? Number.NaN;
  for (let index = from; index < to; index++) if (block.offsets[index] !== start + index - from) return false;
  return true;
}
