import { describe, expect, it } from 'vitest';
import { rehypeCredits } from '../../src/markdown/rehype-credits.js';
import { rehypeFixture } from '../helpers/markdown.js';

describe('rehypeCredits', () => {
  it('marks a short line ending in 摄 as a credit', async () => {
    const { html } = await rehypeFixture('新华社记者 张三 摄', [rehypeCredits]);
    expect(html).toBe('<p class="credit">新华社记者 张三 摄</p>');
  });

  it('marks other credit endings', async () => {
    const { html } = await rehypeFixture('受访者供图', [rehypeCredits]);
    expect(html).toBe('<p class="credit">受访者供图</p>');
  });

  it('leaves prose that happens to end in 摄 alone', async () => {
    const sentence = '他说：这张照片是在会场拍摄';
    expect((await rehypeFixture(sentence, [rehypeCredits])).html).toBe(`<p>${sentence}</p>`);
    const long = `${'很长的一段文字'.repeat(8)}摄`;
    expect((await rehypeFixture(long, [rehypeCredits])).html).toBe(`<p>${long}</p>`);
    expect((await rehypeFixture('摄', [rehypeCredits])).html).toBe('<p>摄</p>');
  });

  it('leaves a paragraph with emphasis alone', async () => {
    expect((await rehypeFixture('**记者** 张三 摄', [rehypeCredits])).html).not.toContain('credit');
  });
});
