import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/check/check.js';

/** The messages of one rule on a small Markdown file, as `file:line:column: reason`. */
async function lint(ruleId: string, markdown: string, options: { repair?: boolean } = {}) {
  const file = await checkFile(new VFile({ path: 'fixture.md', value: markdown }), options);
  return file.messages.filter((message) => message.ruleId === ruleId);
}

async function reasons(ruleId: string, markdown: string, options: { repair?: boolean } = {}) {
  return (await lint(ruleId, markdown, options)).map(String);
}

describe('check rule literal-markdown', () => {
  it('is an error at each `**` or `__` that makes no bold text', async () => {
    const messages = await lint('literal-markdown', '# 标题\n\n**没有闭合的加粗，正文。\n\n第二段__也是。');
    expect(messages.map(String)).toEqual([
      'fixture.md:3:1-3:3: Literal `**` would print as is: it opens or closes no bold text',
      'fixture.md:5:4-5:6: Literal `__` would print as is: it opens or closes no bold text',
    ]);
    expect(messages.every((message) => message.fatal === true && message.source === 'banmian')).toBe(true);
  });

  it('is an error at a `#` that starts a line without making a heading', async () => {
    expect(await reasons('literal-markdown', '# 标题\n\n#没有空格的标题\n\n正文\n#续行')).toEqual([
      'fixture.md:3:1-3:2: Literal `#` at the start of a line would print as is: a heading needs a space after its `#` marks',
      'fixture.md:6:1-6:2: Literal `#` at the start of a line would print as is: a heading needs a space after its `#` marks',
    ]);
  });

  it('leaves bold text, escaped marks, a `#` inside a line, links and code alone', async () => {
    const markdown = [
      '# 标题',
      '**强化党建的政治引领作用。**把切实做到',
      '\\*\\*星号\\*\\*和\\#井号都是有意的。',
      '第 #1 号，C# 语言。',
      '<https://example.org/a__b>',
      '`**code**`',
    ].join('\n\n');
    expect(await reasons('literal-markdown', markdown)).toEqual([]);
  });
});

describe('check rule empty-heading', () => {
  it('is an error at a heading without text', async () => {
    const messages = await lint('empty-heading', '# 标题\n\n##\n\n正文。');
    expect(messages.map(String)).toEqual(['fixture.md:3:1-3:3: Empty heading: `##` with no text']);
    expect(messages[0]?.fatal).toBe(true);
  });

  it('leaves headings with text alone', async () => {
    expect(await reasons('empty-heading', '# 标题\n\n## 第一篇\n\n正文。')).toEqual([]);
  });
});

describe('check rule empty-section', () => {
  it('warns at a heading followed by one of the same or a higher rank, or by the end', async () => {
    const messages = await lint(
      'empty-section',
      '# 标题\n\n## 第一篇\n\n## 第二篇\n\n正文。\n\n### 小节\n\n# 另一个标题\n\n## 最后',
    );
    expect(messages.map(String)).toEqual([
      'fixture.md:3:1-3:7: Empty section: nothing under `## 第一篇` before the next heading',
      'fixture.md:9:1-9:7: Empty section: nothing under `### 小节` before the next heading',
      'fixture.md:13:1-13:6: Empty section: nothing under `## 最后` at the end of the document',
    ]);
    expect(messages.every((message) => message.fatal === false)).toBe(true);
  });

  it('leaves a title over its organisation heading and the deck under the headline alone', async () => {
    const markdown = '# 标题\n\n## ——副题\n\n## 第一篇\n\n### 中共某某党组\n\n某某书记 张三\n\n正文。';
    expect(await reasons('empty-section', markdown)).toEqual([]);
  });
});

describe('check rule unbalanced-marks', () => {
  it('warns at a closing mark without its opening one and at an opening mark left open', async () => {
    const messages = await lint(
      'unbalanced-marks',
      '# 标题\n\n他说：“好。\n\n大都市”中提升。\n\n（括号没有闭合。\n\n《书名》和【注】都对。',
    );
    expect(messages.map(String)).toEqual([
      'fixture.md:3:4: Unclosed `“`: no `”` after it in this paragraph',
      'fixture.md:5:4: Unmatched `”`: no `“` before it in this paragraph',
      'fixture.md:7:1: Unclosed `（`: no `）` after it in this paragraph',
    ]);
    expect(messages.every((message) => message.fatal === false)).toBe(true);
  });

  it('finds the mark in a paragraph the repair has joined, and in a heading', async () => {
    expect(await reasons('unbalanced-marks', '# 标题\n\n开展“活动\n\n继续》。')).toEqual([
      'fixture.md:3:3: Unclosed `“`: no `”` after it in this paragraph',
      'fixture.md:5:3: Unmatched `》`: no `《` before it in this paragraph',
    ]);
    expect(await reasons('unbalanced-marks', '# 推进“党建+ 绘就中国红')).toEqual([
      'fixture.md:1:5: Unclosed `“`: no `”` after it in this heading',
    ]);
  });

  it('points at the mark itself past character references and an escaped one', async () => {
    // 甲 is column 1, `&amp;` 2–6, 乙 7, `&#x4E00;` 8–15; `\&amp;` prints as written, 6 columns.
    expect(await reasons('unbalanced-marks', '甲&amp;乙&#x4E00;“丙\n\n\\&amp;“丁')).toEqual([
      'fixture.md:1:16: Unclosed `“`: no `”` after it in this paragraph',
      'fixture.md:3:7: Unclosed `“`: no `”` after it in this paragraph',
    ]);
  });

  it('leaves balanced marks, nested quotes and apostrophes alone', async () => {
    const markdown = '# 标题\n\n他说：“要落实‘两个维护’，（见《通知》【附件】）。”\n\nThe editors’ proof, it’s fine.';
    expect(await reasons('unbalanced-marks', markdown)).toEqual([]);
  });
});

describe('check rule starts-mid-sentence', () => {
  it('warns at a paragraph whose first quotation mark closes, or that begins with a pause', async () => {
    const messages = await lint('starts-mid-sentence', '# 标题\n\n大都市”中提升政治能力。\n\n，接着说。');
    expect(messages.map(String)).toEqual([
      'fixture.md:3:1: Paragraph starts mid-sentence: `大都市”中提升政治能力。` closes a `“` it never opened; its beginning may be missing',
      'fixture.md:5:1: Paragraph starts mid-sentence: `，接着说。` begins with `，`; its beginning may be missing',
    ]);
    expect(messages[0]?.fatal).toBe(false);
  });

  it('leaves paragraphs that open their quotes, or have none', async () => {
    expect(await reasons('starts-mid-sentence', '# 标题\n\n“好。”他说。\n\n正文（注）。\n\n正文。')).toEqual([]);
  });
});

describe('check rule ends-mid-sentence', () => {
  it('warns at the end of a cut paragraph the repair could not join, or of every cut without the repair', async () => {
    const markdown =
      '# 标题\n\n组织党员领导干部建立党建工作联系点并且\n\n**推进。**大力宣传。\n\n认真落实中办、省办关于全面加强新\n\n时代。';
    expect(await reasons('ends-mid-sentence', markdown)).toEqual([
      'fixture.md:3:20: Paragraph ends mid-sentence: `…部建立党建工作联系点并且` has no sentence-final punctuation',
    ]);
    expect((await lint('ends-mid-sentence', markdown, { repair: false })).map((message) => message.line)).toEqual([
      3, 7,
    ]);
  });

  it('leaves sentences, bylines and credits alone', async () => {
    const markdown =
      '# 标题\n\n正文。\n\n本报记者 张三 摄\n\n## 篇名\n\n### 单位\n\n单位书记 张三\n\n正文。\n\n### 单位二\n\n![](a.jpg)\n\n书记 李四\n\n正文。';
    expect(await reasons('ends-mid-sentence', markdown)).toEqual([]);
  });
});

describe('check rule lead-in-mid-paragraph', () => {
  it('warns at a bold lead-in run on after a sentence, when the repair is off', async () => {
    const markdown = '# 标题\n\n格局。**加强机关党的建设。**发挥作用。';
    expect(await reasons('lead-in-mid-paragraph', markdown, { repair: false })).toEqual([
      'fixture.md:3:4-3:17: Bold lead-in in mid-paragraph: `加强机关党的建设。` usually opens a paragraph',
    ]);
    expect(await reasons('lead-in-mid-paragraph', markdown)).toEqual([]);
  });

  it('leaves a lead-in that opens its paragraph alone', async () => {
    expect(await reasons('lead-in-mid-paragraph', '# 标题\n\n**加强。**发挥作用。', { repair: false })).toEqual([]);
  });
});

describe('checkFile', () => {
  it('lists the repairs with the rules’ messages, in source order', async () => {
    const file = await checkFile(
      new VFile({ path: 'fixture.md', value: '# 标题\n\n认真落实中办、省办关于全面加强新\n\n时代”。\n\n##\n' }),
    );
    expect(file.messages.map((message) => [message.line, message.ruleId, message.fatal])).toEqual([
      [3, 'starts-mid-sentence', false],
      [3, 'join-split-paragraph', undefined],
      [5, 'unbalanced-marks', false],
      [7, 'empty-heading', true],
      [7, 'empty-section', false],
    ]);
  });
});
