import type { Text } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';

const locations = new WeakMap<VFile, ReturnType<typeof location>>();

/**
 * The offset in the source of the character at `index` in a text node's value.
 * The value is not always a slice of the source — an escape drops its
 * backslash, a repaired paragraph's text skips the blank line of the cut — but
 * none of that adds or removes punctuation, so the n-th `”` of the value is the
 * n-th `”` of the node's source. Undefined when the character is not in the
 * source as itself (a character reference such as `&ast;`).
 */
export function sourceOffset(file: VFile, node: Text, index: number): number | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const character = node.value[index];
  if (start === undefined || end === undefined || character === undefined) return undefined;
  let occurrence = 0;
  for (let i = 0; i < index; i++) if (node.value[i] === character) occurrence++;
  const source = String(file.value).slice(start, end);
  let at = source.indexOf(character);
  while (at !== -1 && occurrence-- > 0) at = source.indexOf(character, at + 1);
  return at === -1 ? undefined : start + at;
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
