import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { rehypeArticles } from '../../src/markdown/rehype-articles.js';
import { rehypeBylines } from '../../src/markdown/rehype-bylines.js';
import { rehypeLocalImages } from '../../src/markdown/rehype-local-images.js';
import { rehypePortraits } from '../../src/markdown/rehype-portraits.js';
import { remarkReadFrontMatter } from '../../src/markdown/remark-read-front-matter.js';
import { gradientPng } from '../helpers/png.js';

// input/page.md beside input/portraits/*.png; outside.png one folder up.
const root = mkdtempSync(path.join(tmpdir(), 'banmian-portraits-'));
const inputDir = path.join(root, 'input');
mkdirSync(path.join(inputDir, 'portraits'), { recursive: true });
writeFileSync(path.join(inputDir, 'portraits', 'cao.png'), gradientPng(30, 40));
writeFileSync(path.join(inputDir, 'portraits', 'zhang.png'), gradientPng(60, 80));
writeFileSync(path.join(inputDir, 'portraits', 'notes.png'), 'not a picture');
writeFileSync(path.join(root, 'outside.png'), gradientPng(10, 10));
symlinkSync(path.join(root, 'outside.png'), path.join(inputDir, 'portraits', 'link.png'));

/** Markdown through the steps around portraits, as src/markdown/processor.ts runs them. */
async function portraits(markdown: string): Promise<{ html: string; file: VFile }> {
  const file = new VFile({ path: path.join(inputDir, 'page.md'), value: markdown });
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkReadFrontMatter)
    .use(remarkRehype)
    .use(rehypeLocalImages)
    .use(rehypeBylines)
    .use(rehypePortraits)
    .use(rehypeArticles);
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  return { html: unified().use(rehypeStringify).stringify(tree), file };
}

const messages = (file: VFile) => file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`);

const speech = (image: string) =>
  `## 推进“党建+”\n\n### 中共哈尔滨市工商联党组\n\n${image}\n\n市工商联党组书记 曹宏峰\n\n正文。\n`;

describe('rehypePortraits', () => {
  it('sets an image between the organisation heading and the speaker line as a figure, captioned by the byline', async () => {
    const { html, file } = await portraits(speech('![](portraits/cao.png)'));
    expect(file.messages).toEqual([]);
    const src = path.join(inputDir, 'portraits', 'cao.png');
    expect(html).toContain(
      '<header><h2>推进“党建+”</h2><h3>中共哈尔滨市工商联党组</h3>' +
        `<figure class="portrait"><img src="portraits/cao.png" alt="曹宏峰" data-file="${src}" width="30" height="40" data-source="portraits/cao.png" data-source-line="5">` +
        '<figcaption><p class="byline"><span class="role">市工商联党组书记</span> <span class="name">曹宏峰</span></p></figcaption>' +
        '</figure></header>',
    );
    expect(html).toContain('<p>正文。</p>');
  });

  it('takes the portrait from the front matter’s map of speaker to image', async () => {
    const { html, file } = await portraits(`---\nportraits:\n  曹宏峰: portraits/zhang.png\n---\n\n${speech('')}`);
    expect(file.messages).toEqual([]);
    expect(html).toMatch(
      /<header>.*<figure class="portrait"><img src="portraits\/zhang.png" alt="曹宏峰" data-file="[^"]+zhang\.png" width="60" height="80"><figcaption><p class="byline">/s,
    );
  });

  it('prefers the Markdown image, and warns about a front-matter speaker nobody is', async () => {
    const { html, file } = await portraits(
      `---\nportraits:\n  曹宏峰: portraits/zhang.png\n  王五: portraits/zhang.png\n---\n\n${speech('![](portraits/cao.png)')}`,
    );
    expect(html).toContain('cao.png');
    expect(html).not.toContain('zhang.png');
    expect(messages(file)).toEqual(['4:7 front matter: portraits: no speaker line names 王五']);
  });

  it('leaves the header as it was without an image', async () => {
    const { html, file } = await portraits(speech(''));
    expect(file.messages).toEqual([]);
    expect(html).not.toContain('figure');
    expect(html).toContain('<h3>中共哈尔滨市工商联党组</h3><p class="byline">');
  });

  it('refuses an image outside the Markdown file’s folder, with its line, and shows none', async () => {
    for (const src of ['../outside.png', path.join(root, 'outside.png'), 'portraits/link.png']) {
      const { html, file } = await portraits(speech(`![](${src})`));
      expect(messages(file)).toEqual([
        expect.stringMatching(/^5:1 Image .* outside the folder of the Markdown file.*refused/),
      ]);
      expect(file.messages[0]?.ruleId).toBe('image-outside');
      expect(html).not.toMatch(/figure|img|<p><\/p>/);
      expect(html).toContain('<h3>中共哈尔滨市工商联党组</h3><p class="byline">');
    }
  });

  it('refuses a front-matter portrait outside the folder at its front-matter line', async () => {
    const { html, file } = await portraits(`---\nportraits:\n  曹宏峰: ../outside.png\n---\n\n${speech('')}`);
    expect(messages(file)).toEqual([expect.stringMatching(/^3:8 Image \.\.\/outside\.png is outside the folder/)]);
    expect(html).not.toMatch(/figure|img/);
  });

  it('warns about a missing image with its line and shows a placeholder in its place', async () => {
    const { html, file } = await portraits(speech('![](portraits/nobody.png)'));
    expect(messages(file)).toEqual([expect.stringMatching(/^5:1 Image portraits\/nobody\.png not found/)]);
    expect(file.messages[0]?.fatal).toBe(false);
    expect(html).toMatch(/<figure class="portrait"><img src="data:image\/svg\+xml,[^"]+"[^>]*class="image-missing"/);
    expect(html).not.toContain('<p></p>');
    expect(html).toContain('<h3>中共哈尔滨市工商联党组</h3><figure class="portrait">');
    const fromFrontMatter = await portraits(`---\nportraits:\n  曹宏峰: portraits/nobody.png\n---\n\n${speech('')}`);
    expect(messages(fromFrontMatter.file)).toEqual([
      expect.stringMatching(/^3:8 Image portraits\/nobody\.png not found/),
    ]);
    // A front-matter portrait that is missing is left out (the warning says so).
    expect(fromFrontMatter.html).not.toMatch(/figure|img/);
  });

  it('warns about a file that is not an image, and shows a placeholder', async () => {
    const { html, file } = await portraits(speech('![](portraits/notes.png)'));
    expect(messages(file)).toEqual([expect.stringMatching(/^5:1 Image portraits\/notes\.png is not a PNG, JPEG/)]);
    expect(html).toContain('image-missing');
  });
});

describe('rehypeLocalImages', () => {
  it('marks every local image with its file and size; a remote one becomes a placeholder', async () => {
    const { html, file } = await portraits('正文。\n\n![图](portraits/zhang.png)\n\n![](https://example.com/a.png)\n');
    expect(messages(file)).toEqual([expect.stringMatching(/^5:1 Image https:\/\/example\.com\/a\.png is not loaded/)]);
    expect(html).toMatch(
      /<img src="portraits\/zhang.png" alt="图" data-file="[^"]+" width="60" height="80" data-source="portraits\/zhang.png" data-source-line="3">/,
    );
    expect(html).not.toContain('https://example.com/a.png');
    expect(html).toContain('class="image-missing"');
  });

  it('leaves out a front-matter portrait with a remote URL, with a warning at its line', async () => {
    const { html, file } = await portraits(
      `---\nportraits:\n  曹宏峰: https://example.com/cao.jpg\n---\n\n${speech('')}`,
    );
    expect(messages(file)).toEqual([
      expect.stringMatching(/^3:8 Image https:\/\/example\.com\/cao\.jpg is not loaded/),
    ]);
    expect(html).not.toMatch(/figure|img/);
  });

  it('reads percent-encoded paths as Markdown writes them', async () => {
    writeFileSync(path.join(inputDir, 'portraits', '曹 宏峰.png'), gradientPng(5, 5));
    const { html, file } = await portraits('![](<portraits/曹 宏峰.png>)\n');
    expect(file.messages).toEqual([]);
    expect(html).toContain('width="5"');
  });
});
