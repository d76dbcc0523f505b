import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { selectAll } from 'hast-util-select';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { rehypeLocalImages } from '../../src/markdown/rehype-local-images.js';
import { gradientPng } from '../helpers/png.js';

// page.md beside a good picture and two files that are no pictures the browser can show.
const dir = mkdtempSync(path.join(tmpdir(), 'banmian-images-'));
writeFileSync(path.join(dir, 'good.png'), gradientPng(30, 20));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
writeFileSync(path.join(dir, 'garbage.png'), Buffer.concat([PNG_SIGNATURE, Buffer.from('garbage, no IHDR at all')]));
writeFileSync(path.join(dir, 'text.jpg'), 'not a picture');

const GOOD_DATA_URL = `data:image/png;base64,${gradientPng(8, 6).toString('base64')}`;

/** Markdown as the build turns it into hast around images: raw HTML parsed, then sanitised unless trusted. */
async function images(markdown: string, options: { trusted?: boolean } = {}) {
  const file = new VFile({ path: path.join(dir, 'page.md'), value: markdown });
  const processor = unified()
    .use(remarkParse)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(options.trusted ? [] : [[rehypeSanitize, defaultSchema]])
    .use(rehypeLocalImages);
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  const html = unified().use(rehypeStringify).stringify(tree);
  const messages = file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`);
  return { tree, html, file, messages };
}

/** Every `<img>` left in the page is a file to serve, a data: URL that decodes, or the placeholder: none can break. */
function expectNoBrokenImage(tree: Root): void {
  for (const img of selectAll('img', tree)) {
    const src = String(img.properties.src ?? '');
    const placeholder = String(img.properties.className ?? '').includes('image-missing');
    expect(img.properties.dataFile !== undefined || src.startsWith('data:'), src).toBe(true);
    if (placeholder) expect(src).toMatch(/^data:image\/svg\+xml,/);
    expect(img.properties.srcSet).toBeUndefined();
  }
  expect(selectAll('picture source', tree)).toEqual([]);
}

describe('rehypeLocalImages: images that are not loaded', () => {
  it('shows a placeholder for a remote Markdown image, and names its URL and line', async () => {
    const { tree, html, file, messages } = await images('正文。\n\n![图](https://example.com/a.png)\n');
    expect(messages).toEqual([expect.stringMatching(/^3:1 Image https:\/\/example\.com\/a\.png is not loaded/)]);
    expect(file.messages[0]).toMatchObject({ ruleId: 'image-remote', fatal: false });
    expect(html).toMatch(
      /<img src="data:image\/svg\+xml,[^"]+" alt="图" width="400" height="300" class="image-missing">/,
    );
    expectNoBrokenImage(tree);
  });

  it('shows a placeholder for a raw <img> with a remote src, sanitised or trusted', async () => {
    const markdown =
      '正文。\n\n<img src="https://example.com/b.png" alt="远程"> 和 <img src="//cdn.example.com/c.png">\n';
    for (const trusted of [false, true]) {
      const { tree, messages } = await images(markdown, { trusted });
      expect(messages).toEqual([
        expect.stringMatching(/^3:1 Image https:\/\/example\.com\/b\.png is not loaded/),
        expect.stringMatching(/^3:50 Image \/\/cdn\.example\.com\/c\.png is not loaded/),
      ]);
      expect(selectAll('img.image-missing', tree)).toHaveLength(2);
      expectNoBrokenImage(tree);
    }
  });

  it('shows a placeholder for a local file the image reader cannot read', async () => {
    const { tree, messages } = await images('![坏图](garbage.png)\n\n![](text.jpg)\n\n![好图](good.png)\n');
    expect(messages).toEqual([
      expect.stringMatching(/^1:1 Image garbage\.png is not a PNG, JPEG, GIF, WebP or SVG image/),
      expect.stringMatching(/^3:1 Image text\.jpg is not a PNG, JPEG/),
    ]);
    expect(selectAll('img.image-missing', tree)).toHaveLength(2);
    expect(selectAll('img[data-file]', tree).map((img) => img.properties.width)).toEqual([30]);
    expectNoBrokenImage(tree);
  });

  it('keeps a data: URL that decodes, with its size, and replaces one that does not', async () => {
    const { tree, messages } = await images(`![好](${GOOD_DATA_URL})\n\n![坏](data:image/png;base64,AAAA)\n`, {
      trusted: true,
    });
    expect(messages).toEqual([expect.stringMatching(/^3:1 Image data:image\/png;base64,AAAA does not decode/)]);
    const [good, bad] = selectAll('img', tree);
    expect(good?.properties).toMatchObject({ src: GOOD_DATA_URL, width: 8, height: 6 });
    expect(bad?.properties.className).toEqual(['image-missing']);
    expectNoBrokenImage(tree);
  });

  it('names the URL the sanitiser took away (data:, file:) and shows a placeholder', async () => {
    const { tree, messages } = await images(
      `![数据](${GOOD_DATA_URL})\n\n<img src="file:///etc/passwd" alt="本地">\n\n<img alt="无源">\n`,
    );
    expect(messages).toEqual([
      expect.stringMatching(/^1:1 Image data:image\/png;base64,\S{20,}… was removed by the sanitiser/),
      expect.stringMatching(/^3:1 Image file:\/\/\/etc\/passwd was removed by the sanitiser/),
      expect.stringMatching(/^5:1 Image without a source/),
    ]);
    expect(selectAll('img.image-missing', tree)).toHaveLength(3);
    expectNoBrokenImage(tree);
  });

  it('loads only the checked src: no <picture> source or srcset candidate in its place', async () => {
    const { tree, messages } = await images(
      '<picture><source srcset="https://example.com/a.webp"><img src="good.png" srcset="https://example.com/a@2x.png 2x"></picture>\n',
      { trusted: true },
    );
    expect(messages).toEqual([]);
    expect(selectAll('img[data-file]', tree)).toHaveLength(1);
    expectNoBrokenImage(tree);
  });
});
