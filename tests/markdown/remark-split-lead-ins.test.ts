import type { Root } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { remarkJoinSplitParagraphs } from '../../src/markdown/remark-join-split-paragraphs.js';
import { remarkSplitLeadIns } from '../../src/markdown/remark-split-lead-ins.js';
import { remarkFixture } from '../helpers/markdown.js';

/** Paragraphs as text, with bold runs in **…** so the lead-ins show. */
function paragraphs(tree: Root): string[] {
  return tree.children.map((node) =>
    node.type === 'paragraph'
      ? node.children
          .map((child) => (child.type === 'strong' ? `**${mdastToString(child)}**` : mdastToString(child)))
          .join('')
      : node.type,
  );
}

describe('remarkSplitLeadIns', () => {
  it('starts a new paragraph at a bold lead-in after a sentence end', async () => {
    const { tree, file } = await remarkFixture('构建党建工作格局。**加强机关党的建设，提供坚强政治保证。**发挥作用。', [
      remarkSplitLeadIns,
    ]);
    expect(paragraphs(tree)).toEqual(['构建党建工作格局。', '**加强机关党的建设，提供坚强政治保证。**发挥作用。']);
    expect(tree.children.map((node) => [node.position?.start.column, node.position?.end.column])).toEqual([
      [1, 10],
      [10, 37],
    ]);
    expect(file.messages.map(String)).toEqual([
      'fixture.md:1:10-1:32: Started a new paragraph at the bold lead-in `加强机关党的建设，提供坚强政治保证。`',
    ]);
    expect(file.messages[0]).toMatchObject({ ruleId: 'split-lead-in', source: 'banmian', fatal: undefined });
  });

  it('splits the paragraph a join has just made, after the join', async () => {
    const { tree, file } = await remarkFixture(
      '健全制度机制，制定责任清单，构建职责明晰\n\n党建工作格局。**加强机关党的建设。**发挥作用。',
      [remarkJoinSplitParagraphs, remarkSplitLeadIns],
    );
    expect(paragraphs(tree)).toEqual([
      '健全制度机制，制定责任清单，构建职责明晰党建工作格局。',
      '**加强机关党的建设。**发挥作用。',
    ]);
    expect(file.messages.map((message) => [message.ruleId, message.line])).toEqual([
      ['join-split-paragraph', 1],
      ['split-lead-in', 3],
    ]);
  });

  it('splits every lead-in in a paragraph and drops the space before one', async () => {
    const { tree } = await remarkFixture('第一句。 **第二点。**正文二。**第三点。**正文三。', [remarkSplitLeadIns]);
    expect(paragraphs(tree)).toEqual(['第一句。', '**第二点。**正文二。', '**第三点。**正文三。']);
  });

  it('leaves a bold run at the start, in mid-sentence, a bold phrase and a bold last sentence', async () => {
    const cases = [
      '**加强学习，提高站位。**健全完善了制度。',
      '我们要**加强学习。**然后继续。',
      '一句话。**重点**在于落实。',
      '一句话。**最后一句加粗。**',
    ];
    for (const markdown of cases) {
      const { tree, file } = await remarkFixture(markdown, [remarkSplitLeadIns]);
      expect(tree.children, markdown).toHaveLength(1);
      expect(file.messages, markdown).toEqual([]);
    }
  });
});
