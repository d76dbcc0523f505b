import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { markdownToHast, markdownToHtml } from '../../src/markdown/processor.js';
import { seedInput } from '../helpers/cli.js';
import { gradientPng } from '../helpers/png.js';

const text = (node: Element | undefined) => (node ? hastToString(node) : undefined);

describe('the Markdown pipeline', () => {
  it('makes bold lead-ins that end in CJK punctuation bold (remark-cjk-friendly)', async () => {
    const html = await markdownToHtml(new VFile('**强化党建的政治引领作用。**把切实做到'));
    expect(html).toContain('<p><strong>强化党建的政治引领作用。</strong>把切实做到</p>');
  });

  it('drops raw HTML from the Markdown', async () => {
    const html = await markdownToHtml(new VFile('文字<script>alert(1)</script>继续'));
    expect(html).not.toContain('script');
  });

  it('sets the introduction’s photo as a spanning figure with its credit, and a 编者按 as a box, outside any article', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'banmian-processor-'));
    writeFileSync(path.join(folder, 'photo.png'), gradientPng(40, 30));
    const markdown =
      '# 标题\n\n![会议现场](photo.png)\n\n导语。\n\n本报记者 李威文 刘洋 摄\n\n## 编者按\n\n按语。\n\n---\n\n' +
      '## 篇名\n\n### 单位\n\n市委书记 张三\n\n正文。\n';
    const tree = await markdownToHast(new VFile({ path: path.join(folder, 'page.md'), value: markdown }));
    const figure = select('section.introduction > figure.figure.span', tree);
    expect(text(select('figcaption', figure ?? undefined) ?? undefined)).toBe('会议现场本报记者 李威文 刘洋 摄');
    expect(text(select('section.introduction > aside.box', tree) ?? undefined)).toBe('编者按按语。');
    expect(selectAll('article', tree)).toHaveLength(1);
    expect(text(select('article h2', tree) ?? undefined)).toBe('篇名');
  });

  describe('on the seed digest', () => {
    const file = new VFile({ path: seedInput, value: readFileSync(seedInput, 'utf8') });
    const tree = markdownToHast(file) as Promise<Root>;

    it('groups the headline and its deck', async () => {
      const group = select('hgroup.headline', await tree);
      expect(text(select('h1', group ?? undefined) ?? undefined)).toBe('党建引领强履职 凝心聚力促发展');
      expect(text(select('p.deck', group ?? undefined) ?? undefined)).toBe(
        '——加强新时代全市政协系统党的建设工作会议发言摘编',
      );
      expect(selectAll('h1', await tree)).toHaveLength(1);
    });

    it('keeps the introduction and marks the photo credit', async () => {
      const introduction = select('section.introduction', await tree);
      expect(text(introduction ?? undefined)).toMatch(/^人民政协是政治组织/);
      expect(selectAll('.credit', await tree).map((el) => hastToString(el))).toEqual(['本报记者 李威文 刘洋 摄']);
    });

    it('makes seven articles with title, organisation, byline and bold lead-ins', async () => {
      const articles = selectAll('article', await tree);
      expect(articles).toHaveLength(7);
      for (const article of articles) {
        expect(selectAll('header > h2', article)).toHaveLength(1);
        expect(selectAll('header > h3', article)).toHaveLength(1);
        expect(selectAll('header > .byline', article)).toHaveLength(1);
      }
      expect(text(select('article .byline', await tree) ?? undefined)).toBe('市工商联党组书记 曹宏峰');
      expect(selectAll('strong', await tree)).toHaveLength(23);
      expect(hastToString(await tree)).not.toContain('**');
    });

    it('reports the repairs of the seed and nothing else', async () => {
      await tree;
      expect(file.messages.map((message) => message.ruleId)).toEqual([
        ...Array(8).fill('join-split-paragraph'),
        'split-lead-in',
      ]);
      expect(file.messages.every((message) => message.fatal === undefined)).toBe(true);
    });

    it('reports nothing about the seed without the repair', async () => {
      const unrepaired = new VFile({ path: seedInput, value: readFileSync(seedInput, 'utf8') });
      await markdownToHast(unrepaired, { repair: false });
      expect(unrepaired.messages).toEqual([]);
    });
  });
});
