import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
import { furnitureFields, renderDocument } from '../src/document/template.js';
import { markdownToHast } from '../src/markdown/processor.js';
import { defaultTemplate } from '../src/paths.js';
import { gradientPng } from './helpers/png.js';

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-furniture-'));
const inputDir = path.join(workDir, 'input');
mkdirSync(path.join(inputDir, 'portraits'), { recursive: true });
writeFileSync(path.join(inputDir, 'portraits', 'cao.png'), gradientPng(30, 40));
writeFileSync(path.join(workDir, 'secret.txt'), 'not for the browser');

const frontMatter = '---\npaper: 哈尔滨日报\ndate: 2026-11-28\nedition: 政协\npage: 3\n---\n';
const body = '# 标题\n\n## ——副题\n\n## 第一篇\n\n### 单位\n\n![](portraits/cao.png)\n\n书记 曹宏峰\n\n正文。\n';

async function render(markdown: string, assets?: AssetMap) {
  const file = new VFile({ path: path.join(inputDir, 'page.md'), value: markdown });
  const content = await markdownToHast(file);
  expect(file.messages.filter((message) => message.fatal)).toEqual([]);
  const document = await renderDocument(content, {
    template: defaultTemplate,
    styles: [],
    fonts: [],
    frontMatter: file.data.frontMatter,
    ...(assets ? { assets } : {}),
  });
  return { document, tree: unified().use(rehypeParse).parse(document.html) as Root };
}

const fieldText = (tree: Root, selector: string) => selectAll(selector, tree).map((element) => hastToString(element));

describe('the sheet furniture', () => {
  it('fills the masthead strip from the front matter, and drops the plain running head', async () => {
    const { tree } = await render(frontMatter + body);
    const heads = selectAll('[data-sheet="head"]', tree);
    expect(heads).toHaveLength(1);
    expect(heads[0]?.properties.className).toContain('masthead-strip');
    expect(fieldText(tree, '[data-field="paper"]')).toEqual(['哈尔滨日报', '哈尔滨日报']);
    expect(fieldText(tree, '[data-field="date"]')).toEqual(['2026年11月28日 星期六']);
    expect(fieldText(tree, '[data-field="edition"]')).toEqual(['政协']);
    expect(fieldText(tree, '[data-field="title"]')).toEqual(['标题']);
    // The sheet numbers are the layout's: it counts on from the first page number.
    expect(select('html', tree)?.properties.dataFirstPage).toBe('3');
    expect(selectAll('[data-field="page"]', tree).length).toBeGreaterThanOrEqual(2);
    expect(fieldText(tree, '[data-field="pages"]')).toEqual([]);
  });

  it('puts the front matter’s type sizes on the root, as lengths, and none without them', async () => {
    const { tree } = await render(`---\nsizes: { body: 五号, running-head: 30级 }\n---\n${body}`);
    expect(select('html', tree)?.properties.style).toBe('--body-size: 10.5pt; --running-head-size: 30Q;');
    expect(select('html', (await render(body)).tree)?.properties.style).toBeUndefined();
  });

  it('keeps today’s running head and folio without front matter', async () => {
    const { tree } = await render(body);
    const sheetParts = selectAll('[data-sheet]', tree);
    expect(sheetParts.map((part) => part.properties.dataSheet)).toEqual(['head', 'foot']);
    expect(select('.masthead-strip', tree)).toBeUndefined();
    expect(fieldText(tree, '[data-field="title"]')).toEqual(['标题']);
    expect(selectAll('[data-field="pages"]', tree)).toHaveLength(1);
    expect(select('html', tree)?.properties.dataFirstPage).toBe('1');
    expect(hastToString(select('body', tree) ?? tree)).not.toContain('报');
  });

  it('lets the front matter override the running title', () => {
    expect(furnitureFields({ title: '政协专版', portraits: [] }, '标题').title).toBe('政协专版');
    expect(furnitureFields(undefined, '标题')).toEqual({ title: '标题' });
  });
});

describe('portraits in the document', () => {
  it('serves the image from its folder, and nothing above it', async () => {
    const assets = new AssetMap();
    const { tree } = await render(frontMatter + body, assets);
    const img = select('figure.portrait > img', tree);
    const src = String(img?.properties.src);
    expect(src).toMatch(/^\/assets\/\d+\/cao\.png\?v=[0-9a-f]+$/);
    expect(img?.properties.dataFile).toBeUndefined();
    expect((await assets.read(src))?.contentType).toBe('image/png');
    const mount = src.slice(0, src.lastIndexOf('/') + 1);
    for (const attempt of ['../secret.txt', '../../secret.txt', '%2e%2e/%2e%2e/secret.txt', '..%2F..%2Fsecret.txt']) {
      expect(assets.resolve(mount + attempt), attempt).toBeUndefined();
      expect(await assets.read(mount + attempt), attempt).toBeUndefined();
    }
  });

  it('links the image relative to a document written with --html', async () => {
    const htmlDir = path.join(workDir, 'out');
    const { tree } = await render(frontMatter + body, new RelativeAssetLinks(htmlDir));
    expect(select('figure.portrait > img', tree)?.properties.src).toBe('../input/portraits/cao.png');
  });
});
