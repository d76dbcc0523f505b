import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/check/check.js';
import { fix } from '../../src/check/fix.js';
import { PUNCTUATION_RULES } from '../../src/check/preset.js';
import { markdownSummary } from '../../src/cli/summary.js';
import { seedInput } from '../helpers/cli.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const punctuationFixture = path.join(fixtures, 'proofreading.md');
const punctuationFixed = path.join(fixtures, 'proofreading.fixed.md');
const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-punctuation-'));

/** The punctuation findings on a Markdown text, as `line:column-line:column rule`, with the fix if there is one. */
async function findings(markdown: string): Promise<string[]> {
  const file = await checkFile(new VFile({ path: 'fixture.md', value: markdown }));
  return file.messages
    .filter((message) => PUNCTUATION_RULES.has(message.ruleId ?? ''))
    .map((message) => {
      const place = message.place && 'start' in message.place ? message.place : undefined;
      const at = `${place?.start.line}:${place?.start.column}-${place?.end.line}:${place?.end.column}`;
      const fixed = message.expected ? ` ${message.actual} → ${message.expected[0]}` : '';
      return `${at} ${message.ruleId}${fixed}`;
    });
}

/** Each finding of the fixture, worked out by hand from the fixture's lines (every character is one column). */
const FIXTURE_FINDINGS = [
  '11:3-11:4 halfwidth-punctuation , → ，',
  '11:10-11:11 halfwidth-punctuation . → 。',
  '11:18-11:19 halfwidth-punctuation , → ，',
  '13:3-13:4 straight-quotes " → “',
  '13:6-13:7 straight-quotes " → ”',
  '13:7-13:8 halfwidth-punctuation , → ，',
  "13:11-13:12 straight-quotes ' → ‘",
  "13:14-13:15 straight-quotes ' → ’",
  '15:5-15:6 corner-quotes 「 → “',
  // 『』 inside a quotation are its inner quotes; on their own, they quote as “” do.
  '15:9-15:10 corner-quotes 『 → ‘',
  '15:13-15:14 corner-quotes 』 → ’',
  '15:14-15:15 corner-quotes 」 → ”',
  '15:16-15:17 corner-quotes 『 → “',
  '15:19-15:20 corner-quotes 』 → ”',
  '17:3-17:6 ellipsis ... → ……',
  '17:8-17:11 ellipsis 。。。 → ……',
  '17:13-17:14 ellipsis … → ……',
  '19:3-19:5 dash -- → ——',
  '19:11-19:12 dash — → ——',
  '19:18-19:19 dash － → ——',
  '21:5-21:7 fullwidth-alphanumerics １２ → 12',
  '21:10-21:13 fullwidth-alphanumerics ＡＢＣ → ABC',
  '23:4-23:6 doubled-marks',
  '23:7-23:9 doubled-marks',
  '25:4-25:5 space-between-han',
  '27:3-27:4 halfwidth-punctuation ( → （',
  '27:6-27:7 halfwidth-punctuation ) → ）',
  // In the second half of a paragraph the build joins: the fix lands in the source, past the blank line.
  '35:2-35:3 halfwidth-punctuation , → ，',
  // Hard-wrapped: the build takes the line break out, the offsets still count it.
  '37:9-37:10 halfwidth-punctuation , → ，',
  '38:8-38:9 halfwidth-punctuation , → ，',
  // In a block quote, past its `> ` marks.
  '40:9-40:10 halfwidth-punctuation , → ，',
  '41:8-41:9 halfwidth-punctuation , → ，',
  '45:8-45:9 halfwidth-punctuation , → ，',
];

describe('the punctuation rules on the fixture', () => {
  it('report each error kind at its line and column, and nothing in the front matter, headline, byline, credit, URL or code', async () => {
    expect(await findings(readFileSync(punctuationFixture, 'utf8'))).toEqual(FIXTURE_FINDINGS);
  });

  it('are warnings of banmian, so check exits 0 on them', async () => {
    const file = await checkFile(new VFile({ path: 'fixture.md', value: readFileSync(punctuationFixture, 'utf8') }));
    const punctuation = file.messages.filter((message) => PUNCTUATION_RULES.has(message.ruleId ?? ''));
    expect(punctuation.every((message) => message.fatal === false && message.source === 'banmian')).toBe(true);
  });

  it('fix to exactly the text written by hand, writing the file, and leave what a person must decide', async () => {
    const copy = path.join(workDir, 'fix.md');
    copyFileSync(punctuationFixture, copy);
    const result = await fix(copy);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(punctuationFixed, 'utf8'));
    expect(result.edits).toHaveLength(FIXTURE_FINDINGS.filter((line) => line.includes('→')).length);
    expect(
      result.remaining.messages.filter((message) => PUNCTUATION_RULES.has(message.ruleId ?? '')).map(String),
    ).toEqual([
      `${copy}:23:4-23:6: Doubled \`？？\`: keep one, unless the repetition is meant`,
      `${copy}:23:7-23:9: Doubled \`！！\`: keep one, unless the repetition is meant`,
      `${copy}:25:4-25:5: Space between Han characters \`有 空\` in a body paragraph`,
    ]);
  });

  it('write nothing on a dry run', async () => {
    const copy = path.join(workDir, 'dry.md');
    copyFileSync(punctuationFixture, copy);
    const result = await fix(copy, { dryRun: true });
    expect(result.after).toBe(readFileSync(punctuationFixed, 'utf8'));
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(punctuationFixture, 'utf8'));
  });

  it('keep a byte-order mark, and leave a file that is not UTF-8 as it is', async () => {
    const bom = path.join(workDir, 'bom.md');
    writeFileSync(bom, '\ufeff北京,上海。\n');
    await fix(bom);
    expect(readFileSync(bom, 'utf8')).toBe('\ufeff北京，上海。\n');
    const latin1 = path.join(workDir, 'latin1.md');
    const bytes = Buffer.concat([Buffer.from('北京,上海。', 'utf8'), Buffer.from([0xe9, 0x0a])]);
    writeFileSync(latin1, bytes);
    const result = await fix(latin1);
    expect(result.refused).toMatch(/not plain UTF-8/);
    expect(readFileSync(latin1)).toEqual(bytes);
  });
});

describe('the punctuation rules leave right text alone', () => {
  it('on the seed: no finding, and --fix leaves a copy byte for byte the same', async () => {
    const copy = path.join(workDir, 'digest.md');
    copyFileSync(seedInput, copy);
    const result = await fix(copy);
    expect(result.edits).toEqual([]);
    expect(result.file.messages.filter((message) => PUNCTUATION_RULES.has(message.ruleId ?? ''))).toEqual([]);
    expect(readFileSync(copy)).toEqual(readFileSync(seedInput));
  });

  it('decimals, times, numbers, Latin sentences and asides, URLs, e-mail addresses and code', async () => {
    const markdown = [
      '# 标题',
      '增长4.0%，时间9:30，比分3:2，共1,000人。',
      '他说 Hello, world. 然后走了。网址 www.example.com/a,b 和 a.b@example.org 都不改。',
      '见 <https://example.org/x,y>，`a,b.c` 和 [链接](https://example.org/?a=1,2) 也是。',
      '核磁共振成像(NMRI)是一种技术。',
      '```\n代码,不改...\n```',
      "It's the editors' choice.",
    ].join('\n\n');
    expect(await findings(markdown)).toEqual([]);
  });

  it('the spaces of headlines, bylines, credits and table cells, and the 连接号 of a chain of terms', async () => {
    const markdown = [
      '# 党建引领强履职 凝心聚力促发展',
      '## ——加强新时代全市政协系统党的建设工作会议发言摘编',
      '### 市工商联',
      '市工商联党组书记 曹宏峰',
      '构建“市政协党组—专委会履职党总支—各类履职活动临时党组织”体系。',
      '本报记者 李威文 刘洋 摄',
      '| 单位 | 负责人 |\n| --- | --- |\n| 市工商联 | 张三 李四 |',
    ].join('\n\n');
    expect(await findings(markdown)).toEqual([]);
  });

  it('the 连接号 一字线 of a range or link of numbers and places (GB/T 15834 §4.13), and still the dash', async () => {
    const links = ['北京—上海。', '1949—2009', '从1949年—2009年，', '第3版—第5版', '哈尔滨—乌鲁木齐'];
    expect(await findings(links.join('\n\n'))).toEqual([]);
    // A long clause before it, a particle beside it, one Han after it: a 破折号 typed short.
    const dashes = ['这就是我们的目标—建设一流的报纸。', '那是—单个的，', '北京—沪'].join('\n\n');
    expect(await findings(dashes)).toEqual(['1:9-1:10 dash — → ——', '3:3-3:4 dash — → ——', '5:3-5:4 dash — → ——']);
  });

  it('「」 in 繁體 text, whose front matter says so, while the other rules still run', async () => {
    const traditional = await findings('---\nlang: zh-Hant\n---\n\n他說「你好」,然後走了。\n');
    expect(traditional).toEqual(['5:7-5:8 halfwidth-punctuation , → ，']);
    const simplified = await findings('---\nlang: zh-Hans\n---\n\n他说「你好」。\n');
    expect(simplified).toEqual(['5:3-5:4 corner-quotes 「 → “', '5:6-5:7 corner-quotes 」 → ”']);
  });
});

describe('the punctuation rules in hard cases', () => {
  it('take the spaces between straight quotes or a comma and Chinese text into the fix', async () => {
    expect(await findings('说 "喵" 了, 对。\n')).toEqual([
      '1:2-1:4 straight-quotes  " → “',
      '1:5-1:7 straight-quotes "  → ”',
      '1:8-1:10 halfwidth-punctuation ,  → ，',
    ]);
  });

  it('turn the dot of a Chinese enumeration into 、, not 。', async () => {
    expect(await findings('一.总体要求\n\n二. 工作措施\n')).toEqual([
      '1:2-1:3 halfwidth-punctuation . → 、',
      '3:2-3:4 halfwidth-punctuation .  → 、',
    ]);
  });

  it('report a straight quote without a partner with no fix: which way it turns is for a person to say', async () => {
    expect(await findings('他说"你好。\n')).toEqual(['1:3-1:4 straight-quotes']);
  });

  it('fix nothing after a character the source spells otherwise (the mark goes unreported rather than misplaced)', async () => {
    // `&amp;` is one character of the text and five of the source: the offsets after it are not trusted.
    expect(await findings('甲&amp;乙,丙。\n')).toEqual([]);
    expect(await findings('甲\\*乙,丙。\n')).toEqual(['1:5-1:6 halfwidth-punctuation , → ，']);
  });
});

describe('the build summary', () => {
  it('counts the punctuation findings apart from the other warnings', () => {
    const file = new VFile({ path: 'a.md' });
    for (const ruleId of ['dash', 'ellipsis', 'straight-quotes']) {
      Object.assign(file.message('p'), { ruleId, source: 'banmian', fatal: false });
    }
    Object.assign(file.message('other'), { ruleId: 'uncovered-character', source: 'banmian', fatal: false });
    expect(markdownSummary(file, 'a.md')).toBe(
      'banmian: 3 punctuation warnings, 1 warning — run "banmian check a.md" for details',
    );
  });
});
