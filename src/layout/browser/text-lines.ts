import { OPENING_MARKS } from './contract.js';

/**
 * Reading the lines the browser set, character by character. Layout rules
 * (keep a heading with its text, no lone character on a line) are about lines,
 * and the DOM has no line objects: a character's line is the top of its box.
 */

/** A position in the text: a character of a text node. */
export interface TextPosition {
  node: Text;
  offset: number;
}

/** Han characters, letters and digits: what a reader counts as characters on a line. */
const LETTER = /[\p{L}\p{N}]/u;
/** Opening marks: they belong with the character after them. */
const OPENING = new Set(OPENING_MARKS);

export function isLetter(char: string): boolean {
  return LETTER.test(char);
}

/** Whether `text` holds a Han character. */
export function isHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

export function isOpeningMark(char: string): boolean {
  return OPENING.has(char);
}

/**
 * One range for every measurement. The browser updates each live Range on
 * every change to the document until the Range is garbage-collected, so a
 * new one per character or node measured would slow every later step of the layout.
 */
const range = document.createRange();

/** The box of one character, or undefined when it has none (collapsed white space). */
export function characterBox(position: TextPosition): DOMRect | undefined {
  range.setStart(position.node, position.offset);
  range.setEnd(position.node, position.offset + 1);
  for (const rect of range.getClientRects()) if (rect.width > 0 || rect.height > 0) return rect;
  return undefined;
}

/** Two boxes are on one line when their vertical centres are within half a line of each other. */
function sameLine(a: DOMRect, b: DOMRect): boolean {
  return Math.abs(a.top + a.height / 2 - (b.top + b.height / 2)) < Math.min(a.height, b.height) / 2;
}

/** The text nodes under `root`, in document order. */
export function textNodes(root: Node): Text[] {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** Characters of `root` from its end backwards. */
function* charactersBackwards(root: Node): Generator<TextPosition> {
  const nodes = textNodes(root);
  for (let n = nodes.length - 1; n >= 0; n--) {
    const node = nodes[n] as Text;
    for (let offset = node.data.length - 1; offset >= 0; offset--) yield { node, offset };
  }
}

function charAt(position: TextPosition): string {
  return position.node.data.charAt(position.offset);
}

export interface LastLine {
  /** Letters (Han characters, letters, digits) on the last line. */
  letters: number;
  /** The first character of the last line. */
  start: TextPosition;
  /** Whether a line of `root` comes before the last one. */
  hasPreviousLine: boolean;
  /** The last line's text. */
  text: string;
}

/**
 * The last line of a block: how many characters it holds and where it starts.
 * With `countUpTo`, reading stops at the letter after that many: `letters` is
 * then `countUpTo + 1` and the rest describes only what was read. Each
 * character read is a box asked of the browser, and most questions are only
 * whether a line holds one letter or more.
 */
export function lastLine(root: Element, countUpTo = Number.POSITIVE_INFINITY): LastLine | undefined {
  let lineBox: DOMRect | undefined;
  let start: TextPosition | undefined;
  let letters = 0;
  let text = '';
  for (const position of charactersBackwards(root)) {
    const box = characterBox(position);
    if (!box) continue;
    lineBox ??= box;
    if (!sameLine(box, lineBox)) return start && { letters, start, hasPreviousLine: true, text };
    const char = charAt(position);
    if (isLetter(char)) letters++;
    text = char + text;
    start = position;
    if (letters > countUpTo) return { letters, start, hasPreviousLine: false, text };
  }
  return start && { letters, start, hasPreviousLine: false, text };
}

/** How many lines hold the characters inside `range`, counting no further than `wanted`. */
export function linesIn(range: Range, wanted: number): number {
  const lines: DOMRect[] = [];
  const root = range.commonAncestorContainer;
  const nodes = root.nodeType === Node.TEXT_NODE ? [root as Text] : textNodes(root);
  for (const node of nodes) {
    if (!range.intersectsNode(node)) continue;
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.data.length;
    for (let offset = from; offset < to; offset++) {
      if (node.data.charAt(offset).trim() === '') continue;
      const box = characterBox({ node, offset });
      if (!box || lines.some((line) => sameLine(line, box))) continue;
      lines.push(box);
      if (lines.length >= wanted) return lines.length;
    }
  }
  return lines.length;
}

/** Letters of `block` from `start` to its end. */
export function lettersAfter(block: Element, start: { container: Node; offset: number }, limit: number): number {
  const boundary = document.createRange();
  boundary.setStart(start.container, start.offset);
  let count = 0;
  for (const node of textNodes(block)) {
    for (let offset = 0; offset < node.data.length; offset++) {
      if (boundary.comparePoint(node, offset) < 0) continue;
      if (isLetter(node.data.charAt(offset)) && ++count > limit) return count;
    }
  }
  return count;
}

/**
 * The last letter of `block` before `limit`, stepping back over opening marks
 * that go with it. Only a Han character is a place to break between letters:
 * splitting a Latin word would need a hyphen.
 */
export function letterBefore(block: Element, limit: { container: Node; offset: number }): TextPosition | undefined {
  const boundary = document.createRange();
  boundary.setStart(limit.container, limit.offset);
  let found: TextPosition | undefined;
  for (const position of charactersBackwards(block)) {
    if (boundary.comparePoint(position.node, position.offset) >= 0) continue;
    const char = charAt(position);
    if (found) {
      if (isOpeningMark(char)) found = position;
      else break;
    } else if (isLetter(char)) {
      if (!isHan(char)) return undefined;
      found = position;
    }
  }
  return found;
}
