import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { rehypeArticles } from '../../src/markdown/rehype-articles.js';
import { rehypeBylines } from '../../src/markdown/rehype-bylines.js';
import { rehypeCredits } from '../../src/markdown/rehype-credits.js';
import { rehypeFigures } from '../../src/markdown/rehype-figures.js';
import { rehypeHeadlineGroup } from '../../src/markdown/rehype-headline-group.js';
import { rehypeLocalImages } from '../../src/markdown/rehype-local-images.js';
import { rehypePortraits } from '../../src/markdown/rehype-portraits.js';
import { gradientPng } from '../helpers/png.js';

// page.md beside photo.png and portraits/cao.png.
const inputDir = mkdtempSync(path.join(tmpdir(), 'banmian-figures-'));
mkdirSync(path.join(inputDir, 'portraits'));
writeFileSync(path.join(inputDir, 'photo.png'), gradientPng(80, 45));
writeFileSync(path.join(inputDir, 'portraits', 'cao.png'), gradientPng(30, 40));

/** Markdown through the steps around figures, as src/markdown/processor.ts runs them; the data attributes dropped. */
async function figures(markdown: string): Promise<{ html: string; file: VFile }> {
  const file = new VFile({ path: path.join(inputDir, 'page.md'), value: markdown });
  const processor = unified()
    .use(remarkParse)
    .use(remarkRehype)
    .use(rehypeHeadlineGroup)
    .use(rehypeCredits)
    .use(rehypeLocalImages)
    .use(rehypeBylines)
    .use(rehypePortraits)
    .use(rehypeFigures)
    .use(rehypeArticles);
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  const html = unified().use(rehypeStringify).stringify(tree);
  return { html: html.replace(/ (?:data-[a-z-]+|width|height)="[^"]*"/g, ''), file };
}

const rules = (file: VFile) => file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`);

const page = (introduction: string, body = '正文。') =>
  `# 标题\n\n${introduction}\n\n## 篇名\n\n### 单位\n\n市委书记 张三\n\n${body}\n`;

describe('rehypeFigures', () => {
  it('makes a picture alone in its paragraph a figure, its alt text the caption', async () => {
    const { html, file } = await figures(page('导语。', '![会场一角](photo.png)\n\n正文。'));
    expect(file.messages).toEqual([]);
    expect(html).toContain(
      '<figure class="figure"><img src="photo.png" alt="会场一角"><figcaption><p class="caption">会场一角</p></figcaption></figure>',
    );
    expect(html).not.toContain('<p><img');
  });

  it('gives a picture without alt text no caption, and no figcaption at all without a credit', async () => {
    const { html } = await figures(page('导语。', '![](photo.png)\n\n正文。'));
    expect(html).toContain('<figure class="figure"><img src="photo.png" alt=""></figure>');
    expect(html).not.toContain('caption');
  });

  it('moves the credit line right after a picture into its figure, after the caption', async () => {
    const { html } = await figures(page('导语。', '![会场](photo.png)\n\n新华社记者 王五 摄\n\n正文。'));
    expect(html).toContain(
      '<figcaption><p class="caption">会场</p><p class="credit">新华社记者 王五 摄</p></figcaption></figure>',
    );
    expect(html.match(/新华社记者/g)).toHaveLength(1);
  });

  it('gives a credit to a picture without alt text in a figcaption of its own', async () => {
    const { html } = await figures(page('导语。', '![](photo.png)\n\n受访者供图\n\n正文。'));
    expect(html).toContain('<img src="photo.png" alt=""><figcaption><p class="credit">受访者供图</p></figcaption>');
  });

  it('spans a figure whose title is 通栏, and drops the title', async () => {
    const { html } = await figures(page('导语。', '![大会](photo.png "通栏")\n\n正文。'));
    expect(html).toContain('<figure class="figure span"><img src="photo.png" alt="大会"><figcaption>');
    expect(html).not.toContain('title=');
  });

  it('keeps another title, and a column-wide figure', async () => {
    const { html } = await figures(page('导语。', '![大会](photo.png "会场")\n\n正文。'));
    expect(html).toContain('<figure class="figure"><img src="photo.png" alt="大会" title="会场">');
  });

  it('spans the introduction’s photo, which takes the introduction’s credit line', async () => {
    const { html, file } = await figures(page('![会议现场](photo.png)\n\n导语正文。\n\n本报记者 李威文 刘洋 摄'));
    expect(file.messages).toEqual([]);
    expect(html).toContain(
      '<section class="introduction"><figure class="figure span"><img src="photo.png" alt="会议现场">' +
        '<figcaption><p class="caption">会议现场</p><p class="credit">本报记者 李威文 刘洋 摄</p></figcaption></figure>' +
        '<p>导语正文。</p></section>',
    );
  });

  it('leaves the introduction’s credit line where it is when there is no photo', async () => {
    const { html } = await figures(page('导语正文。\n\n本报记者 李威文 刘洋 摄'));
    expect(html).toContain(
      '<section class="introduction"><p>导语正文。</p><p class="credit">本报记者 李威文 刘洋 摄</p></section>',
    );
    expect(html).not.toContain('<figure');
  });

  it('does not span pictures when the page has no article titles to make an introduction', async () => {
    const { html } = await figures('# 标题\n\n![图](photo.png)\n\n正文。\n');
    expect(html).toContain('<figure class="figure"><img');
  });

  it('leaves a credit line after an article’s text alone when no picture precedes it', async () => {
    const { html } = await figures(page('导语。', '正文。\n\n新华社记者 王五 摄'));
    expect(html).toContain('<p>正文。</p><p class="credit">新华社记者 王五 摄</p></article>');
  });

  it('leaves a portrait to rehype-portraits, beside a photo of the same article', async () => {
    const markdown =
      '# 标题\n\n## 篇名\n\n### 单位\n\n![](portraits/cao.png)\n\n市委书记 曹宏峰\n\n正文。\n\n![会场](photo.png)\n';
    const { html } = await figures(markdown);
    expect(html).toContain(
      '<header><h2>篇名</h2><h3>单位</h3><figure class="portrait"><img src="portraits/cao.png" alt="曹宏峰">' +
        '<figcaption><p class="byline">',
    );
    expect(html.match(/<figure class="figure">/g)).toHaveLength(1);
    expect(html).toContain('<figure class="figure"><img src="photo.png" alt="会场">');
  });

  it('keeps a missing picture as a placeholder figure with its caption', async () => {
    const { html, file } = await figures(page('导语。', '![缺图](missing.png)\n\n正文。'));
    expect(rules(file)).toEqual(['11:1 image-missing']);
    expect(html).toMatch(/<figure class="figure"><img src="[^"]+" alt="缺图" class="image-missing"><figcaption>/);
  });

  it('warns about 通栏 on a picture inside a line of text or a quotation, and leaves it column-wide', async () => {
    const { html, file } = await figures(
      page('导语。', '文中 ![小图](photo.png "通栏") 一张。\n\n> ![引图](photo.png "通栏")'),
    );
    expect(rules(file).sort()).toEqual(['11:4 figure-span-inline', '13:3 figure-span-nested']);
    expect(html).toContain('<p>文中 <img src="photo.png" alt="小图"> 一张。</p>');
    expect(html).toContain('<blockquote>\n<figure class="figure"><img src="photo.png" alt="引图">');
    expect(html).not.toContain('figure span');
  });
});
