import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';

/**
 * A hast element, optionally of one of the given tag names. (Typed by the tag
 * names so that a `false` does not rule out every other element.)
 */
export function isElement<Tag extends string>(
  node: RootContent | ElementContent | Root | undefined,
  ...tagNames: Tag[]
): node is Element & { tagName: Tag } {
  return node?.type === 'element' && (tagNames.length === 0 || (tagNames as string[]).includes(node.tagName));
}

/** Inter-block newlines that remark-rehype emits between elements. */
export function isWhitespaceText(node: RootContent | ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/** The next sibling element after `index`, skipping whitespace text; its index, or -1. */
export function nextElementIndex(children: Array<RootContent | ElementContent>, index: number): number {
  for (let i = index + 1; i < children.length; i++) {
    const child = children[i];
    if (child === undefined) break;
    if (isWhitespaceText(child)) continue;
    return child.type === 'element' ? i : -1;
  }
  return -1;
}

export function textOf(node: Element): string {
  return hastToString(node).trim();
}

export function addClass(element: Element, className: string): void {
  const current = element.properties.className;
  const list = Array.isArray(current) ? current.map(String) : [];
  if (!list.includes(className)) list.push(className);
  element.properties.className = list;
}

export function hasClass(node: RootContent | ElementContent | undefined, className: string): boolean {
  if (!isElement(node)) return false;
  const current = node.properties.className;
  return Array.isArray(current) && current.map(String).includes(className);
}

/** Whether a paragraph holds plain text only (no emphasis, links or images). */
export function isPlainText(element: Element): boolean {
  return element.children.every((child) => child.type === 'text');
}

/**
 * The image of a paragraph that holds one image and nothing else (Markdown's
 * `![](photo.jpg)` on a line of its own), or undefined.
 */
export function soleImage(node: RootContent | ElementContent | undefined): Element | undefined {
  if (!isElement(node, 'p')) return undefined;
  const content = node.children.filter((child) => !isWhitespaceText(child));
  const [only] = content;
  return content.length === 1 && isElement(only, 'img') ? only : undefined;
}
