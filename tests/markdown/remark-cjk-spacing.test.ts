import { readFileSync } from 'node:fs';
import rehypeStringify from 'rehype-stringify';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/markdown/processor.js';
import { breakJoinsCjk, remarkCjkSpacing } from '../../src/markdown/remark-cjk-spacing.js';
import { hardWrap } from '../helpers/hard-wrap.js';

/** The plugin alone, between the parser (as the build sets it up) and HTML. */
async function html(markdown: string): Promise<string> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkCjkFriendly)
    .use(remarkCjkSpacing)
    .use(remarkRehype)
    .use(rehypeStringify);
  return String(await processor.process(markdown));
}

/** The whole Markdown stage of a build. */
async function built(markdown: string): Promise<string> {
  return markdownToHtml(new VFile({ path: 'fixture.md', value: markdown }));
}

describe('remark-cjk-spacing', () => {
  it('removes a soft break between Chinese characters and beside Chinese punctuation', async () => {
    expect(await html('党的二十届三中全会胜利召\n开，对进一步全面深化改革\n。')).toBe(
      '<p>党的二十届三中全会胜利召开，对进一步全面深化改革。</p>',
    );
    expect(await html('他说：“\n你好”\n“再见”')).toBe('<p>他说：“你好”“再见”</p>');
  });

  it('leaves no typed space between Han and Latin letters or digits, and keeps one between Latin words', async () => {
    expect(await html('使用 React\n框架的第\n18 版')).toBe('<p>使用 React框架的第18 版</p>');
    expect(await html('a line of English\nwrapped “here”\nand there')).toBe(
      '<p>a line of English\nwrapped “here”\nand there</p>',
    );
  });

  it('judges a break across inline markup, and leaves hard breaks and Korean alone', async () => {
    expect(await html('**强化党建的政治\n引领作用。**把切实\n*加强*\n`代码`\n正文')).toBe(
      '<p><strong>强化党建的政治引领作用。</strong>把切实<em>加强</em><code>代码</code>正文</p>',
    );
    expect(await html('第一行\\\n第二行')).toBe('<p>第一行<br>\n第二行</p>');
    expect(await html('한국어 문장\n다음 줄')).toBe('<p>한국어 문장\n다음 줄</p>');
  });

  it('joins the lines of headings and of text in lists, quotes and links', async () => {
    expect(await html('标题第一\n行\n===')).toBe('<h1>标题第一行</h1>');
    expect(await html('- 列表项\n  续行\n\n> 引文\n> 续行\n\n[链接\n文字](https://example.com)')).toBe(
      '<ul>\n<li>列表项续行</li>\n</ul>\n<blockquote>\n<p>引文续行</p>\n</blockquote>\n<p><a href="https://example.com">链接文字</a></p>',
    );
  });

  it('takes out spaces typed between Chinese text and inline markup, and keeps those inside text or beside Latin', async () => {
    expect(
      await html('发布周期的 **最后**（进行时）在 [介绍渠道](https://example.com) 时，每个 *稳定的* React 发布'),
    ).toBe(
      '<p>发布周期的<strong>最后</strong>（进行时）在<a href="https://example.com">介绍渠道</a>时，每个<em>稳定的</em> React 发布</p>',
    );
    expect(await html('党建引领强履职 凝心聚力促发展，使用 `npm` 安装，针对 **最新的** stable')).toBe(
      '<p>党建引领强履职 凝心聚力促发展，使用 <code>npm</code> 安装，针对<strong>最新的</strong> stable</p>',
    );
    expect(await html('a **bold** word')).toBe('<p>a <strong>bold</strong> word</p>');
  });

  it('looks past the supplementary planes and shared marks by whole characters', () => {
    expect(breakJoinsCjk('𠀀\nx', 2)).toBe(true);
    expect(breakJoinsCjk('x……\nx', 3)).toBe(false);
    expect(breakJoinsCjk('中……\nx', 3)).toBe(true);
  });

  it('joins a number or Latin word cut at a line end inside Chinese text, not one standing between spaces', async () => {
    expect(await html('指导2\n1家商会，使用Java\nScript开发')).toBe('<p>指导21家商会，使用JavaScript开发</p>');
    expect(await html('共 2\n1 家，in 2024\n15 people')).toBe('<p>共 2\n1 家，in 2024\n15 people</p>');
  });

  it('gives a hard-wrapped copy of the seed the text of the seed', async () => {
    const seed = readFileSync(new URL('../../input/digest.md', import.meta.url), 'utf8');
    const wrapped = hardWrap(seed, 23);
    expect(wrapped.split('\n').length).toBeGreaterThan(seed.split('\n').length + 150);
    expect(await built(wrapped)).toBe(await built(seed));
  });
});
