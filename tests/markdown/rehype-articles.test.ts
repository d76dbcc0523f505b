import { describe, expect, it } from 'vitest';
import { rehypeArticles } from '../../src/markdown/rehype-articles.js';
import { rehypeBylines } from '../../src/markdown/rehype-bylines.js';
import { rehypeHeadlineGroup } from '../../src/markdown/rehype-headline-group.js';
import { rehypeFixture } from '../helpers/markdown.js';

describe('rehypeArticles', () => {
  it('sections the page into introduction and one article per title', async () => {
    const markdown = [
      '# 标题',
      '导语第一段。',
      '## 第一篇',
      '### 单位甲',
      '单位甲书记 张三',
      '第一篇正文。',
      '## 第二篇',
      '第二篇正文。',
    ].join('\n\n');
    const { html } = await rehypeFixture(markdown, [rehypeHeadlineGroup, rehypeBylines, rehypeArticles]);
    expect(html).toBe(
      '<hgroup class="headline"><h1>标题</h1></hgroup>' +
        '<section class="introduction"><p>导语第一段。</p></section>' +
        '<article><header><h2>第一篇</h2><h3>单位甲</h3><p class="byline"><span class="role">单位甲书记</span> <span class="name">张三</span></p></header><p>第一篇正文。</p></article>' +
        '<article><header><h2>第二篇</h2></header><p>第二篇正文。</p></article>',
    );
  });

  it('keeps a heading that comes after body text in the article body', async () => {
    const { html } = await rehypeFixture('## 篇名\n\n正文。\n\n### 小标题\n\n更多。', [rehypeArticles]);
    expect(html).toBe('<article><header><h2>篇名</h2></header><p>正文。</p><h3>小标题</h3><p>更多。</p></article>');
  });

  it('uses the title heading from its options', async () => {
    const { html } = await rehypeFixture('### 篇名\n\n正文。', [[rehypeArticles, { titleHeading: 'h3' }]]);
    expect(html).toBe('<article><header><h3>篇名</h3></header><p>正文。</p></article>');
  });
});
