import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/markdown/processor.js';
import { rehypeHeadlineGroup } from '../../src/markdown/rehype-headline-group.js';
import { rehypeFixture } from '../helpers/markdown.js';

describe('rehypeHeadlineGroup', () => {
  it('groups the headline with a dash subtitle as its deck', async () => {
    const { html } = await rehypeFixture('# 主标题\n\n## ——副题文字\n\n正文。', [rehypeHeadlineGroup]);
    expect(html).toBe('<hgroup class="headline"><h1>主标题</h1><p class="deck">——副题文字</p></hgroup>\n<p>正文。</p>');
  });

  it('leaves a following heading without a dash as a heading', async () => {
    const { html } = await rehypeFixture('# 主标题\n\n## 第一篇', [rehypeHeadlineGroup]);
    expect(html).toBe('<hgroup class="headline"><h1>主标题</h1></hgroup>\n<h2>第一篇</h2>');
  });

  it('takes the deck markers from its options', async () => {
    const { html } = await rehypeFixture('# 标题\n\n~ 副题', [[rehypeHeadlineGroup, { deckMarkers: ['~'] }]]);
    expect(html).toContain('<p class="deck">~ 副题</p>');
  });

  it('warns at 1:1 when there is no headline', async () => {
    const { html, file } = await rehypeFixture('## 只有二级标题', [rehypeHeadlineGroup]);
    expect(html).toBe('<h2>只有二级标题</h2>');
    expect(file.messages.map(String)).toEqual([
      'fixture.md:1:1: No headline: the page needs a level-1 heading (`# …`)',
    ]);
  });

  it('takes the front matter’s title as the headline when there is no h1', async () => {
    const file = new VFile({
      path: 'fixture.md',
      value: '---\ntitle: 当 Ant Design 遇上 CSS 变量\n---\n\n## 痛点\n\n正文。\n',
    });
    const html = await markdownToHtml(file);
    expect(html.startsWith('<hgroup class="headline"><h1>当 Ant Design 遇上 CSS 变量</h1></hgroup>')).toBe(true);
    expect(file.messages.filter((message) => message.ruleId === 'headline-group')).toEqual([]);
  });
});
