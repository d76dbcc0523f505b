import type { Root, RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { remarkJoinSplitParagraphs } from '../../src/markdown/remark-join-split-paragraphs.js';
import { remarkFixture } from '../helpers/markdown.js';

/** The blocks of a tree as short strings: a paragraph's text, `h2 标题`, or the node type. */
function blocks(tree: Root | { children: RootContent[] }): string[] {
  return tree.children.map((node) => {
    if (node.type === 'paragraph') return mdastToString(node);
    if (node.type === 'heading') return `h${node.depth} ${mdastToString(node)}`;
    return node.type;
  });
}

async function join(markdown: string, options = {}) {
  return remarkFixture(markdown, [[remarkJoinSplitParagraphs, options]]);
}

describe('remarkJoinSplitParagraphs', () => {
  it('joins a paragraph cut mid-sentence with the one that goes on, merging the text nodes', async () => {
    const { tree } = await join('认真落实中办、省办关于全面加强新\n\n时代人民政协党的建设两个文件精神。');
    expect(blocks(tree)).toEqual(['认真落实中办、省办关于全面加强新时代人民政协党的建设两个文件精神。']);
    const paragraph = tree.children[0];
    expect(paragraph?.type === 'paragraph' && paragraph.children).toEqual([
      {
        type: 'text',
        value: '认真落实中办、省办关于全面加强新时代人民政协党的建设两个文件精神。',
        position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 3, column: 18, offset: 35 } },
      },
    ]);
    expect(paragraph?.position?.start.line).toBe(1);
    expect(paragraph?.position?.end.line).toBe(3);
  });

  it('reports each join as an info message placed from the cut to the next paragraph', async () => {
    const { file } = await join('关于全面加强新\n\n时代人民政协。');
    expect(file.messages).toHaveLength(1);
    const [message] = file.messages;
    expect(message?.ruleId).toBe('join-split-paragraph');
    expect(message?.source).toBe('banmian');
    expect(message?.fatal).toBeUndefined();
    expect(message?.place).toEqual({
      start: { line: 1, column: 8, offset: 7 },
      end: { line: 3, column: 1, offset: 9 },
    });
    expect(String(message)).toBe(
      'fixture.md:1:8-3:1: Joined a paragraph cut mid-sentence: `关于全面加强新` + `时代人民政协。`',
    );
  });

  it('joins after a comma, across a quotation mark and through several cuts', async () => {
    expect(blocks((await join('党建工作联系点，\n\n推动政企对接。')).tree)).toEqual(['党建工作联系点，推动政企对接。']);
    expect(blocks((await join('组织开展“银企\n\n对接、金融助力”活动。')).tree)).toEqual([
      '组织开展“银企对接、金融助力”活动。',
    ]);
    const { tree, file } = await join('第一\n\n第二\n\n第三。\n\n另一段。');
    expect(blocks(tree)).toEqual(['第一第二第三。', '另一段。']);
    expect(file.messages.map((message) => message.line)).toEqual([1, 3]);
  });

  it('keeps bold and links on either side of the cut', async () => {
    const { tree } = await join('**引题。**正文说到\n\n[链接](https://example.org)之后继续。');
    expect(blocks(tree)).toEqual(['引题。正文说到链接之后继续。']);
    const paragraph = tree.children[0];
    expect(paragraph?.type === 'paragraph' && paragraph.children.map((child) => child.type)).toEqual([
      'strong',
      'text',
      'link',
      'text',
    ]);
  });

  it('puts back the space between two Latin words, and only there', async () => {
    expect(blocks((await join('The editors checked the\n\nproof.')).tree)).toEqual(['The editors checked the proof.']);
    expect(blocks((await join('版本 4.0\n\n培训。')).tree)).toEqual(['版本 4.0培训。']);
  });

  it('joins inside a blockquote', async () => {
    const { tree } = await join('> 引文被切\n>\n> 断了。');
    const quote = tree.children[0];
    expect(quote?.type === 'blockquote' && blocks(quote)).toEqual(['引文被切断了。']);
  });

  it('leaves paragraphs that end a sentence', async () => {
    for (const markdown of [
      '第一段。\n\n第二段。',
      '他说：“好。”\n\n第二段。',
      '如下：\n\n第二段。',
      'It ends.\n\nNext.',
    ]) {
      const { tree, file } = await join(markdown);
      expect(blocks(tree), markdown).toHaveLength(2);
      expect(file.messages).toEqual([]);
    }
  });

  it('never joins headings, lists, breaks, images or a bold lead-in', async () => {
    const cases = [
      '没有句号的段落\n\n## 标题',
      '## 标题没有句号\n\n正文。',
      '没有句号的段落\n\n- 列表项',
      '没有句号的段落\n\n---\n\n正文。',
      '没有句号的段落\n\n![图](photo.png)',
      '![图](photo.png)\n\n正文。',
      '组织党员领导干部建立\n\n**推进“党建+经济服务”。**大力宣传。',
      '**一、总体要求**\n\n正文。',
    ];
    for (const markdown of cases) {
      const { file } = await join(markdown);
      expect(file.messages, markdown).toEqual([]);
    }
  });

  it('never joins a byline (also under a portrait), a credit, the deck or a label line', async () => {
    const cases = [
      '### 中共哈尔滨市工商联党组\n\n市工商联党组书记 曹宏峰\n\n正文第一段。',
      '### 中共哈尔滨市工商联党组\n\n![](portraits/cao.jpg)\n\n市工商联党组书记 曹宏峰\n\n正文第一段。',
      '本报记者 李威文 刘洋 摄\n\n正文。',
      '正文没有结尾\n\n本报记者 李威文 刘洋 摄',
      '# 标题\n\n——加强新时代工作会议发言摘编\n\n正文。',
      '一、总体要求\n\n为深入贯彻落实会议精神。',
      '正文。\n\n（完）\n\n下一篇。',
    ];
    for (const markdown of cases) {
      const { file } = await join(markdown);
      expect(file.messages, markdown).toEqual([]);
    }
  });

  it('takes the byline headings and credit endings from its options', async () => {
    const byline = await join('## 单位\n\n区长 李四\n\n正文。', { bylineAfter: ['h2'] });
    expect(byline.file.messages).toEqual([]);
    const credit = await join('新华社发 张三 图\n\n正文。', { creditSuffixes: ['图'] });
    expect(credit.file.messages).toEqual([]);
    expect((await join('新华社发 张三 图\n\n正文。')).file.messages).toHaveLength(1);
  });
});
