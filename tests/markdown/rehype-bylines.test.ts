import { describe, expect, it } from 'vitest';
import { rehypeBylines } from '../../src/markdown/rehype-bylines.js';
import { rehypeFixture } from '../helpers/markdown.js';

describe('rehypeBylines', () => {
  it('marks the title-and-name line under an organisation heading', async () => {
    const { html } = await rehypeFixture('### 某某区政协党组\n\n区政协党组书记 王小明\n\n正文第一段。', [
      rehypeBylines,
    ]);
    expect(html).toContain(
      '<p class="byline"><span class="role">区政协党组书记</span> <span class="name">王小明</span></p>',
    );
    expect(html).toContain('<p>正文第一段。</p>');
  });

  it('accepts a long title with an enumeration comma', async () => {
    const { html } = await rehypeFixture('### 机关\n\n机关党组成员、机关党委专职副书记 高某', [rehypeBylines]);
    expect(html).toContain('class="byline"');
  });

  it('does not mark prose, or a line not right after the heading', async () => {
    const prose = await rehypeFixture('### 机关\n\n我们认为，这项工作 很好。', [rehypeBylines]);
    expect(prose.html).not.toContain('byline');
    const later = await rehypeFixture('### 机关\n\n正文。\n\n区政协党组书记 王小明', [rehypeBylines]);
    expect(later.html).not.toContain('byline');
    const noName = await rehypeFixture('### 机关\n\n区政协党组书记', [rehypeBylines]);
    expect(noName.html).not.toContain('byline');
  });

  it('follows the headings named in its options', async () => {
    const { html } = await rehypeFixture('## 标题\n\n市长 李四', [[rehypeBylines, { after: ['h2'] }]]);
    expect(html).toContain('class="byline"');
  });
});
