import { describe, expect, it } from 'vitest';
import { rehypeArticles } from '../../src/markdown/rehype-articles.js';
import { rehypeBoxes } from '../../src/markdown/rehype-boxes.js';
import { rehypeBylines } from '../../src/markdown/rehype-bylines.js';
import { rehypeHeadlineGroup } from '../../src/markdown/rehype-headline-group.js';
import { rehypeFixture } from '../helpers/markdown.js';

/** The steps around boxes, as src/markdown/processor.ts runs them; without the newlines between blocks. */
async function boxes(markdown: string) {
  const { html, file } = await rehypeFixture(markdown, [
    rehypeHeadlineGroup,
    rehypeBoxes,
    rehypeBylines,
    rehypeArticles,
  ]);
  return { html: html.replace(/>\n</g, '><'), file };
}

const speech = (body: string) => `## 篇名\n\n### 单位\n\n市委书记 张三\n\n${body}\n`;

describe('rehypeBoxes', () => {
  it('makes a block quote a column-wide box holding its content', async () => {
    const { html, file } = await boxes(`# 标题\n\n${speech('正文。\n\n> 引文一。\n>\n> 引文二。\n\n正文续。')}`);
    expect(file.messages).toEqual([]);
    expect(html).toContain('<p>正文。</p><aside class="box"><p>引文一。</p><p>引文二。</p></aside><p>正文续。</p>');
    expect(html).not.toContain('blockquote');
  });

  it('spans a block quote whose first line is [!通栏], without printing the marker', async () => {
    const { html } = await boxes(speech('> [!通栏]\n> 引文。'));
    expect(html).toContain('<aside class="box span"><p>引文。</p></aside>');
    const alone = await boxes(speech('> [!通栏]\n>\n> 引文。'));
    expect(alone.html).toContain('<aside class="box span"><p>引文。</p></aside>');
  });

  it('boxes a 编者按 section up to the next heading of its rank, which still opens an article', async () => {
    const markdown = `# 标题\n\n## 编者按\n\n按语一。\n\n按语二。\n\n${speech('正文。')}`;
    const { html, file } = await boxes(markdown);
    expect(file.messages).toEqual([]);
    expect(html).toBe(
      '<hgroup class="headline"><h1>标题</h1></hgroup>' +
        '<section class="introduction"><aside class="box"><h2>编者按</h2><p>按语一。</p><p>按语二。</p></aside></section>' +
        '<article><header><h2>篇名</h2><h3>单位</h3><p class="byline"><span class="role">市委书记</span> <span class="name">张三</span></p></header>' +
        '<p>正文。</p></article>',
    );
  });

  it('ends a box at a thematic break, which prints nothing', async () => {
    const { html } = await boxes(`# 标题\n\n## 编者按：\n\n按语。\n\n---\n\n导语。\n\n${speech('正文。')}`);
    expect(html).toContain(
      '<section class="introduction"><aside class="box"><h2>编者按：</h2><p>按语。</p></aside><p>导语。</p></section>',
    );
    expect(html).not.toContain('<hr>');
  });

  it('spans a box whose heading ends in （通栏）, and drops the marker from the heading', async () => {
    const { html } = await boxes('# 标题\n\n## 编者按（通栏）\n\n按语。\n');
    expect(html).toContain('<aside class="box span"><h2>编者按</h2><p>按语。</p></aside>');
    const halfWidth = await boxes('# 标题\n\n## 编者按 (通栏)\n\n按语。\n');
    expect(halfWidth.html).toContain('<aside class="box span"><h2>编者按</h2>');
  });

  it('boxes a 相关链接 section inside an article, up to the next heading of its rank or higher', async () => {
    const { html } = await boxes(
      `${speech('正文。\n\n### 相关链接\n\n#### 链接一\n\n市政协网站 专栏\n\n### 小标题\n\n正文续。')}\n${speech('二。')}`,
    );
    expect(html).toContain(
      '<p>正文。</p><aside class="box"><h3>相关链接</h3><h4>链接一</h4><p>市政协网站 专栏</p></aside><h3>小标题</h3><p>正文续。</p></article>',
    );
    // Its lines are not a speaker's: the box's heading is no organisation heading.
    expect(html).not.toContain('<span class="name">专栏');
    expect(html.match(/<article>/g)).toHaveLength(2);
  });

  it('does not take a heading right after an article title for an organisation when it is a box’s', async () => {
    const { html } = await boxes('## 篇名\n\n### 编者按\n\n市委书记 张三\n\n## 下一篇\n\n正文。\n');
    expect(html).toContain(
      '<article><header><h2>篇名</h2></header><aside class="box"><h3>编者按</h3><p>市委书记 张三</p></aside></article>',
    );
  });

  it('leaves headings of other names, and quotations inside a list or a box, as they are', async () => {
    const { html } = await boxes(
      speech('### 编者按语\n\n正文。\n\n- 条目：\n\n  > 列表里的引文。\n\n> 引文。\n>\n> > 引文里的引文。'),
    );
    expect(html).toContain('<h3>编者按语</h3>');
    expect(html).toContain('<li><p>条目：</p><blockquote><p>列表里的引文。</p></blockquote></li>');
    expect(html).toContain('<aside class="box"><p>引文。</p><blockquote><p>引文里的引文。</p></blockquote></aside>');
  });

  it('warns about a box with nothing under its heading, and still boxes the heading', async () => {
    const { html, file } = await boxes('# 标题\n\n## 相关链接\n\n## 篇名\n\n正文。\n');
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['3:1 box-empty']);
    expect(html).toContain('<aside class="box"><h2>相关链接</h2></aside>');
  });

  it('takes other headings and another span word as options, and may leave block quotes alone', async () => {
    const { html } = await rehypeFixture('## 背景\n\n文字。\n\n> 引文。\n', [
      [rehypeBoxes, { headings: ['背景'], spanMarker: '全幅', blockQuotes: false }],
    ]);
    expect(html).toBe(
      '<aside class="box"><h2>背景</h2><p>文字。</p><blockquote>\n<p>引文。</p>\n</blockquote></aside>',
    );
    const marked = await rehypeFixture('## 背景（全幅）\n\n文字。\n', [
      [rehypeBoxes, { headings: ['背景'], spanMarker: '全幅' }],
    ]);
    expect(marked.html).toContain('<aside class="box span"><h2>背景</h2>');
  });
});
