import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { h } from 'hastscript';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { isElement, isWhitespaceText, textOf } from './hast-utils.js';

export interface BoxesOptions {
  /** Headings whose section is a box, up to the next heading of the same or a higher rank. */
  headings?: readonly string[];
  /** The word that makes a box span every column: `## 编者按（通栏）`, or `> [!通栏]` opening a quotation. */
  spanMarker?: string;
  /** Whether block quotes become boxes too (default: true). */
  blockQuotes?: boolean;
}

interface Settings {
  headings: readonly string[];
  spanMarker: string;
  blockQuotes: boolean;
}

type Children = Array<RootContent | ElementContent>;

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/**
 * Sets boxed blocks apart as `<aside class="box">` (a ruled box in the
 * stylesheet): a block quote, its content moved into the box; and a section
 * headed 编者按 or 相关链接 — its heading and everything after it up to the
 * next heading of the same or a higher rank or a thematic break (`---`, which
 * ends the box and prints nothing). A box spans every column as `aside.box.span`
 * when marked with the figures' word: the heading `## 编者按（通栏）` (the
 * bracket is not printed), or a quotation's first line `> [!通栏]`, as GitHub
 * marks a quotation's kind. Boxes are made on the page's own level only (not
 * inside a list or another box). Runs before rehype-articles: a box's
 * heading is inside the box, so it never opens an article.
 */
export const rehypeBoxes: Plugin<[BoxesOptions?], Root> = (options = {}) => {
  const settings: Settings = {
    headings: options.headings ?? ['编者按', '相关链接'],
    spanMarker: options.spanMarker ?? '通栏',
    blockQuotes: options.blockQuotes ?? true,
  };
  return (tree: Root, file: VFile) => boxIn(tree.children, settings, file);
};

function boxIn(children: Children, settings: Settings, file: VFile): void {
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (!isElement(node)) continue;
    if (isElement(node, 'section', 'article')) {
      boxIn(node.children, settings, file);
      continue;
    }
    const heading = boxHeading(node, settings);
    if (heading) {
      const end = sectionEnd(children, i, rank(node));
      const content = children.slice(i + 1, end).filter((child) => !isWhitespaceText(child));
      if (!content.some((child) => child.type === 'element')) {
        file.message(`Box “${heading.name}” has nothing under its heading before the next heading`, {
          place: node.position,
          ruleId: 'box-empty',
          source: 'banmian',
        });
      }
      const box = makeBox([node, ...(content as ElementContent[])], heading.span);
      const last = content.at(-1) ?? node;
      if (node.position && last.position) box.position = { start: node.position.start, end: last.position.end };
      // A thematic break that ended the box goes with it.
      const through = isElement(children[end], 'hr') ? end + 1 : end;
      children.splice(i, through - i, box);
      continue;
    }
    if (settings.blockQuotes && isElement(node, 'blockquote')) {
      const span = takeQuoteMarker(node, settings.spanMarker);
      const box = makeBox(
        node.children.filter((child) => !isWhitespaceText(child)),
        span,
      );
      box.position = node.position;
      children[i] = box;
    }
  }
}

function makeBox(content: ElementContent[], span: boolean): Element {
  return h('aside', { className: span ? ['box', 'span'] : ['box'] }, content);
}

/** A heading that opens a box (编者按, 相关链接, a trailing colon allowed), its span marker removed. */
function boxHeading(node: Element, settings: Settings): { name: string; span: boolean } | undefined {
  if (!HEADINGS.includes(node.tagName)) return undefined;
  const text = textOf(node);
  const marker = new RegExp(`\\s*[（(]\\s*${escapeRegExp(settings.spanMarker)}\\s*[）)]\\s*$`, 'u');
  const span = marker.test(text);
  const name = text
    .replace(marker, '')
    .replace(/[：:]$/u, '')
    .trim();
  if (!settings.headings.includes(name)) return undefined;
  if (span) removeTrailing(node, marker);
  return { name, span };
}

function rank(heading: Element): number {
  return Number(heading.tagName.slice(1));
}

/** The index of the first sibling after `index` that ends the section: a heading of `rank` or higher, an `hr`, the headline. */
function sectionEnd(children: Children, index: number, headingRank: number): number {
  for (let i = index + 1; i < children.length; i++) {
    const node = children[i];
    if (!isElement(node)) continue;
    if (isElement(node, 'hr', 'hgroup', 'section', 'article')) return i;
    if (HEADINGS.includes(node.tagName) && rank(node) <= headingRank) return i;
  }
  return children.length;
}

/** Whether a quotation opens with `[!通栏]`; the marker is removed (and its paragraph, if that was all). */
function takeQuoteMarker(quote: Element, spanMarker: string): boolean {
  const first = quote.children.find((child) => !isWhitespaceText(child));
  if (!isElement(first, 'p')) return false;
  const text = first.children[0];
  const marker = new RegExp(`^\\s*\\[!${escapeRegExp(spanMarker)}\\][ \\t]*\\n?\\s*`, 'u');
  if (text?.type !== 'text' || !marker.test(text.value)) return false;
  text.value = text.value.replace(marker, '');
  if (text.value === '') first.children.shift();
  if (first.children.every(isWhitespaceText)) quote.children.splice(quote.children.indexOf(first), 1);
  return true;
}

/** Removes the span marker from the end of a heading's last text. */
function removeTrailing(heading: Element, marker: RegExp): void {
  const last = [...heading.children].reverse().find((child): child is Text => child.type === 'text');
  if (last) last.value = last.value.replace(marker, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
