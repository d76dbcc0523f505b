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
    const { file } = await join('认真落实中办、省办关于全面加强新\n\n时代人民政协。');
    expect(file.messages).toHaveLength(1);
    const [message] = file.messages;
    expect(message?.ruleId).toBe('join-split-paragraph');
    expect(message?.source).toBe('banmian');
    expect(message?.fatal).toBeUndefined();
    expect(message?.place).toEqual({
      start: { line: 1, column: 17, offset: 16 },
      end: { line: 3, column: 1, offset: 18 },
    });
    expect(String(message)).toBe(
      'fixture.md:1:17-3:1: Joined a paragraph cut mid-sentence: `…办关于全面加强新` + `时代人民政协。`',
    );
  });

  it('joins after a comma, across a quotation mark and through several cuts', async () => {
    expect(blocks((await join('组织党员领导干部建立党建工作联系点，\n\n推动政企对接。')).tree)).toEqual([
      '组织党员领导干部建立党建工作联系点，推动政企对接。',
    ]);
    expect(blocks((await join('积极推进党建+凝聚共识活动，组织开展“银企\n\n对接、金融助力”活动。')).tree)).toEqual([
      '积极推进党建+凝聚共识活动，组织开展“银企对接、金融助力”活动。',
    ]);
    const { tree, file } = await join('政协系统党的建设工作会议召开第一\n\n第二\n\n第三。\n\n另一段。');
    expect(blocks(tree)).toEqual(['政协系统党的建设工作会议召开第一第二第三。', '另一段。']);
    expect(file.messages.map((message) => message.line)).toEqual([1, 3]);
  });

  it('keeps bold and links on either side of the cut', async () => {
    const { tree } = await join('**引题。**正文在这一段的末尾说到了本期的\n\n[链接](https://example.org)之后继续。');
    expect(blocks(tree)).toEqual(['引题。正文在这一段的末尾说到了本期的链接之后继续。']);
    const paragraph = tree.children[0];
    expect(paragraph?.type === 'paragraph' && paragraph.children.map((child) => child.type)).toEqual([
      'strong',
      'text',
      'link',
      'text',
    ]);
  });

  it('takes a line ending in Latin text, a digit or a link, or a short line, as the writer’s own', async () => {
    for (const markdown of [
      'The editors checked each proof against the\n\nwire copy.',
      '举办“德国工业4.0培训”等活动的版本是 4.0\n\n培训。',
      '这一段在本期的最后引用了 [antd](https://example.org)\n\n在这篇 RFC 中。',
      '使用 GitHub 登录\n\n我们的客户有 GitHub。',
    ]) {
      const { tree, file } = await join(markdown);
      expect(blocks(tree), markdown).toHaveLength(2);
      expect(file.messages).toEqual([]);
    }
  });

  it('leaves block quotes and lists alone: their lines are set apart on purpose', async () => {
    const { tree, file } = await join('> 引文在这里被一个栏的末尾切\n>\n> 断了。');
    const quote = tree.children[0];
    expect(quote?.type === 'blockquote' && blocks(quote)).toEqual(['引文在这里被一个栏的末尾切', '断了。']);
    expect(file.messages).toEqual([]);
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
      '这是一个很长、写到末尾也没有句号的段落\n\n## 标题',
      '## 标题没有句号\n\n正文。',
      '这是一个很长、写到末尾也没有句号的段落\n\n- 列表项',
      '这是一个很长、写到末尾也没有句号的段落\n\n---\n\n正文。',
      '这是一个很长、写到末尾也没有句号的段落\n\n![图](photo.png)',
      '![图](photo.png)\n\n正文。',
      '组织党员领导干部建立党建工作联系点并且\n\n**推进“党建+经济服务”。**大力宣传。',
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
      '正文写到这里还没有结尾的一个长段落\n\n本报记者 李威文 刘洋 摄',
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
    const speaker = '## 单位\n\n市政协机关党组成员、机关党委专职副书记 高巍\n\n正文。';
    expect((await join(speaker, { bylineAfter: ['h2'] })).file.messages).toEqual([]);
    expect((await join(speaker)).file.messages).toHaveLength(1);
    const credit = '新华社发 本报记者张三 实习生李四 图\n\n正文。';
    expect((await join(credit, { creditSuffixes: ['图'] })).file.messages).toEqual([]);
    expect((await join(credit)).file.messages).toHaveLength(1);
  });
});
