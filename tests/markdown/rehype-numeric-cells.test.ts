import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/markdown/processor.js';

describe('rehype-numeric-cells', () => {
  it('marks the cells that hold a number alone, and leaves columns the Markdown aligned', async () => {
    const markdown =
      '| 项目 | 数量 | 比例 | 说明 | 右 |\n| --- | --- | --- | --- | --: |\n| 苹果 | 1,234 | 12.5% | 共3个 | 7 |\n| 香蕉 | −56 | ¥300 | 2024年 | 8 |\n';
    const html = await markdownToHtml(new VFile({ path: 'fixture.md', value: markdown }));
    const numeric = [...html.matchAll(/<td class="numeric">([^<]*)<\/td>/g)].map((match) => match[1]);
    expect(numeric).toEqual(['1,234', '12.5%', '−56', '¥300']);
    expect(html).toContain('<td align="right">7</td>');
    expect(html).toContain('<td>共3个</td>');
  });
});
