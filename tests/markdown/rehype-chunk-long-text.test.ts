import type { Element, Root } from 'hast';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { rehypeChunkLongText } from '../../src/markdown/rehype-chunk-long-text.js';

/** The text pieces a paragraph holding `text` is cut into. */
function pieces(text: string, maxLength = 100): string[] {
  const tree: Root = {
    type: 'root',
    children: [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: text }] }],
  };
  unified().use(rehypeChunkLongText, { maxLength }).runSync(tree);
  const paragraph = tree.children[0] as Element;
  return paragraph.children.map((child) =>
    child.type === 'text' ? child.value : ((child as Element).children[0] as { value: string }).value,
  );
}

describe('rehype-chunk-long-text', () => {
  it('cuts long text after a full stop or comma before a letter, and keeps it whole', () => {
    const text = '政协党的建设工作会议召开，总结交流经验。'.repeat(30);
    const cut = pieces(text);
    expect(cut.length).toBeGreaterThan(2);
    expect(cut.join('')).toBe(text);
    for (const piece of cut.slice(0, -1)) expect(piece).toMatch(/[。，]$/);
  });

  it('cuts text with no such place every twice the half length, never inside a character', () => {
    const brackets = '['.repeat(1000);
    const cut = pieces(brackets);
    expect(cut.join('')).toBe(brackets);
    expect(Math.max(...cut.map((piece) => piece.length))).toBeLessThanOrEqual(100);
    const emoji = '👍🏽e\u0301'.repeat(300);
    const emojiCut = pieces(emoji);
    expect(emojiCut.join('')).toBe(emoji);
    for (const piece of emojiCut.slice(1)) expect(piece).toMatch(/^(?:👍|e)/u);
  });
});
