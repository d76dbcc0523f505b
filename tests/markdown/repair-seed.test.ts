import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { remarkJoinSplitParagraphs } from '../../src/markdown/remark-join-split-paragraphs.js';
import { remarkSplitLeadIns } from '../../src/markdown/remark-split-lead-ins.js';
import { seedInput } from '../helpers/cli.js';
import { remarkFixture } from '../helpers/markdown.js';

const seed = readFileSync(seedInput, 'utf8');

/** Each paragraph's and heading's text, in order. */
function blockTexts(tree: Root): string[] {
  return tree.children.map((node) => mdastToString(node));
}

describe('the repair of the seed digest', async () => {
  const repaired = await remarkFixture(seed, [remarkJoinSplitParagraphs, remarkSplitLeadIns]);
  const asWritten = await remarkFixture(seed, []);

  it('joins the eight paragraphs cut mid-sentence, at the lines of the cuts', () => {
    const joins = repaired.file.messages.filter((message) => message.ruleId === 'join-split-paragraph');
    expect(
      joins.map((message) => [message.line, message.place && 'end' in message.place && message.place.end.line]),
    ).toEqual([
      [9, 11],
      [11, 13],
      [27, 29],
      [43, 45],
      [61, 63],
      [81, 83],
      [115, 117],
      [131, 133],
    ]);
    const texts = blockTexts(repaired.tree);
    for (const cut of [
      '全面加强新时代',
      '交流全市政协系统党的建设',
      '联系点，推动政企',
      '活动，达到以品学',
      '先锋岗荣誉称号',
      '活动，打造“活力政协”',
      '职责明晰党建工作格局',
      '“银企对接、金融助力”',
    ]) {
      expect(
        texts.filter((text) => text.includes(cut)),
        cut,
      ).toHaveLength(1);
    }
  });

  it('splits off the lead-in run on at line 117', () => {
    const splits = repaired.file.messages.filter((message) => message.ruleId === 'split-lead-in');
    expect(splits.map((message) => message.line)).toEqual([117]);
    const texts = blockTexts(repaired.tree);
    const index = texts.findIndex((text) => text.startsWith('加强机关党的建设，提供坚强政治保证。'));
    expect(texts[index - 1]).toMatch(/构建职责明晰党建工作格局。$/);
    const leadIn = repaired.tree.children[index];
    expect(leadIn?.type === 'paragraph' && leadIn.children[0]?.type).toBe('strong');
  });

  it('joins no heading, byline or credit, and changes no character or its order', () => {
    const kinds = (tree: Root) => tree.children.map((node) => node.type);
    expect(kinds(repaired.tree).filter((kind) => kind === 'heading')).toEqual(
      kinds(asWritten.tree).filter((kind) => kind === 'heading'),
    );
    expect(repaired.tree.children).toHaveLength(asWritten.tree.children.length - 8 + 1);
    const texts = blockTexts(repaired.tree);
    for (const line of [
      '本报记者 李威文 刘洋 摄',
      '市工商联党组书记 曹宏峰',
      '道外区政协党组书记 张军',
      '延寿县政协党组书记 马文峰',
    ]) {
      expect(texts).toContain(line);
    }
    expect(mdastToString(repaired.tree)).toBe(mdastToString(asWritten.tree));
  });
});
