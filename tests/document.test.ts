import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { AssetMap, RelativeAssetLinks } from '../src/document/assets.js';
import { defaultFonts } from '../src/document/fonts.js';
import { DocumentError, renderDocument } from '../src/document/template.js';
import { markdownToHast } from '../src/markdown/processor.js';
import { defaultStyles, defaultTemplate } from '../src/paths.js';

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-document-'));
const content = () => markdownToHast(new VFile('# 标题\n\n## ——副题\n\n## 第一篇\n\n正文。'));
const parse = (html: string) => unified().use(rehypeParse).parse(html) as Root;

describe('renderDocument', () => {
  it('fills the template slots and head', async () => {
    const extra = path.join(workDir, 'extra.css');
    writeFileSync(extra, 'p { color: red }');
    const document = await renderDocument(await content(), {
      template: defaultTemplate,
      styles: [...defaultStyles, extra],
      fonts: defaultFonts,
    });
    const tree = parse(document.html);
    expect(document.title).toBe('标题');
    expect(select('html', tree)?.properties.lang).toBe('zh-CN');
    expect(hastToString(select('title', tree) ?? tree)).toBe('标题');
    expect(select('[data-slot="headline"] > hgroup.headline > h1', tree)).toBeDefined();
    expect(selectAll('[data-slot="content"] article', tree)).toHaveLength(1);
    // Designer stylesheets come after the defaults, so they win the cascade.
    const links = selectAll('link[rel="stylesheet"]', tree).map((el) => String(el.properties.href));
    expect(links).toHaveLength(2);
    expect(document.assets.resolve(links[1] ?? '')).toBe(extra);
    // Fonts are per-document subsets, served from memory.
    const fontCss = hastToString(select('style[data-banmian="fonts"]', tree) ?? tree);
    const fontUrls = [...fontCss.matchAll(/url\("([^"]+)"\)/g)].map((m) => m[1] ?? '');
    expect(fontUrls).toHaveLength(defaultFonts.length);
    for (const url of fontUrls) {
      const asset = await document.assets.read(url);
      expect(asset?.contentType).toBe('font/ttf');
      expect(asset?.body.length).toBeLessThan(1_000_000);
    }
  });

  it('links the full fonts by relative path in a document written to disk', async () => {
    const document = await renderDocument(await content(), {
      template: defaultTemplate,
      styles: defaultStyles,
      fonts: defaultFonts,
      assets: new RelativeAssetLinks(workDir),
    });
    const tree = parse(document.html);
    const fontCss = hastToString(select('style[data-banmian="fonts"]', tree) ?? tree);
    for (const url of fontCss.matchAll(/url\("([^"]+)"\)/g)) {
      expect(url[1]).toMatch(/\.ttf$/);
      expect(path.isAbsolute(url[1] ?? '')).toBe(false);
    }
  });

  it('names a template without a content slot', async () => {
    const template = path.join(workDir, 'bad.html');
    writeFileSync(template, '<html><body></body></html>');
    const rendering = renderDocument(await content(), { template, styles: [], fonts: [] });
    await expect(rendering).rejects.toThrow(DocumentError);
    await expect(rendering).rejects.toThrow(`${template}: the template needs an element with data-slot="content"`);
  });
});

describe('AssetMap', () => {
  it('serves registered files and refuses paths outside their folders', async () => {
    const assets = new AssetMap();
    const style = path.join(workDir, 'a.css');
    writeFileSync(style, 'a{}');
    const url = assets.add(style);
    expect(assets.resolve(url)).toBe(style);
    expect((await assets.read(url))?.contentType).toBe('text/css; charset=utf-8');
    const prefix = url.slice(0, url.lastIndexOf('/') + 1);
    expect(assets.resolve(`${prefix}../../etc/passwd`)).toBeUndefined();
    expect(assets.resolve(`${prefix}%2e%2e/%2e%2e/etc/passwd`)).toBeUndefined();
    expect(assets.resolve('/etc/passwd')).toBeUndefined();
    expect(await assets.read(`${prefix}missing.css`)).toBeUndefined();
  });

  it('gives a file a new URL when it changes, so a cached copy is never taken for it', () => {
    const style = path.join(workDir, 'versioned.css');
    writeFileSync(style, 'a{}');
    const before = new AssetMap().add(style);
    expect(new AssetMap().add(style)).toBe(before);
    writeFileSync(style, 'a{color:red}');
    const after = new AssetMap().add(style);
    expect(after).not.toBe(before);
    expect(after.split('?')[0]).toBe(before.split('?')[0]);
    // Generated files are named by their bytes.
    const fonts = new AssetMap();
    expect(fonts.addData('f.ttf', Buffer.from('one'), 'font/ttf')).not.toBe(
      fonts.addData('f.ttf', Buffer.from('two'), 'font/ttf'),
    );
  });
});
