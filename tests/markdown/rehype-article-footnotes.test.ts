import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/markdown/processor.js';

async function html(markdown: string): Promise<string> {
  return markdownToHtml(new VFile({ path: 'fixture.md', value: markdown }));
}

describe('rehype-article-footnotes', () => {
  it('ends each article with the notes it cites, numbered as cited, without back-links or an English label', async () => {
    const out = await html(
      '# 标题\n\n导语[^a]。\n\n## 文章一\n\n正文[^1]，还有[^note]。\n\n## 文章二\n\n另一篇[^2]。\n\n[^1]: 注释一。\n[^note]: 注释二。\n[^2]: 注释三。\n[^a]: 导语注。\n',
    );
    const [introduction, first, second] = out.split(/<article>/);
    expect(introduction).toMatch(
      /导语<sup>.*<\/p><section class="footnotes"><ol><li id="user-content-fn-a" value="1"><p>导语注。<\/p><\/li><\/ol><\/section><\/section>$/,
    );
    expect(first).toContain(
      '<section class="footnotes"><ol><li id="user-content-fn-1" value="2"><p>注释一。</p></li><li id="user-content-fn-note" value="3"><p>注释二。</p></li></ol></section></article>',
    );
    expect(second).toContain(
      '<section class="footnotes"><ol><li id="user-content-fn-2" value="4"><p>注释三。</p></li></ol></section></article>',
    );
    expect(out).not.toMatch(/Footnotes|footnote-label|data-footnote-backref|↩|data-footnotes/);
  });
});
