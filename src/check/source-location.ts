import type { Text } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';

const locations = new WeakMap<VFile, ReturnType<typeof location>>();
const walked = new WeakMap<Text, { value: string; offsets: Array<number | undefined> }>();

/** A character reference (`&amp;`, `&#35;`, `&#x4E00;`): one character of the value, several of the source. */
const CHARACTER_REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|[A-Za-z][A-Za-z\d]{0,31});/y;

/**
 * The source offset of each character of a text node's value, worked out once per node (the build changes a
 * value in place, so a changed value is walked again). The value is the source less what Markdown spends on
 * it — an escape's backslash, a block quote's `>`, line breaks and indentation the build took out
 * (remark-cjk-spacing), the blank line of a repaired cut — so each character is found by walking the source
 * past those. A character reference stands for a character the source spells otherwise: that character has
 * no offset, and the walk goes on after it. Where the source holds anything else, the walk stops: the rest of
 * the node has no offsets.
 */
export function textOffsets(file: VFile, node: Text): Array<number | undefined> {
  const known = walked.get(node);
  if (known?.value === node.value) return known.offsets;
  const offsets = walk(String(file.value), node);
  walked.set(node, { value: node.value, offsets });
  return offsets;
}

function walk(source: string, node: Text): Array<number | undefined> {
  const offsets: Array<number | undefined> = [];
  const { value } = node;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset ?? start;
  if (start === undefined || end === undefined) return offsets;
  let at = start;
  let index = 0;
  while (index < value.length && at < end) {
    const reference = referenceAt(source, at, value, index);
    if (reference) {
      at += reference.length;
      for (const stop = index + reference.characters; index < stop; ) offsets[index++] = undefined;
    } else if (source[at] === value[index]) offsets[index++] = at++;
    else {
      const skipped = markupLength(source, at);
      if (skipped === 0) break;
      at += skipped;
    }
  }
  return offsets;
}

/**
 * The character reference at `at` in the source, when it spells the value's character at `index`: how long
 * it is, and how many UTF-16 units of the value it stands for. A named one is taken as one (they are not
 * decoded): the walk checks the characters after it as usual and stops where they do not match. Text that
 * reads like a reference in the value too (`\&amp;`) is no reference.
 */
function referenceAt(source: string, at: number, value: string, index: number) {
  CHARACTER_REFERENCE.lastIndex = at;
  const match = CHARACTER_REFERENCE.exec(source);
  if (!match || value.startsWith(match[0], index)) return undefined;
  const decimal = match[1];
  const hex = match[2];
  const codePoint = decimal ? Number(decimal) : hex ? Number.parseInt(hex, 16) : undefined;
  const characters = codePoint === undefined ? 1 : codePoint > 0xffff && codePoint <= 0x10ffff ? 2 : 1;
  if (codePoint !== undefined && codePoint <= 0x10ffff && value.codePointAt(index) !== codePoint) return undefined;
  return { length: match[0].length, characters };
}

/** How many characters of Markdown syntax stand at `at` in the source (0: none, it is text). */
function markupLength(source: string, at: number): number {
  const character = source[at] ?? '';
  if (/[ \t\r\n>]/.test(character)) return 1;
  if (character === '\\' && /[!-/:-@[-`{-~]/.test(source[at + 1] ?? '')) return 1;
  return 0;
}

/** The source offset of the character at `index` in a text node's value, when the source spells it as itself. */
export function sourceOffset(file: VFile, node: Text, index: number): number | undefined {
  return textOffsets(file, node)[index];
}

/** Line and column of a source offset. */
export function pointAt(file: VFile, offset: number): Point | undefined {
  let place = locations.get(file);
  if (!place) {
    place = location(file);
    locations.set(file, place);
  }
  return place.toPoint(offset);
}

/** Where the character at `index` of a text node's value is, falling back to the node's start. */
export function characterPoint(file: VFile, node: Text, index: number): Point | undefined {
  const offset = sourceOffset(file, node, index);
  return (offset === undefined ? undefined : pointAt(file, offset)) ?? node.position?.start;
}
