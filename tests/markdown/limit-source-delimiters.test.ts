import { toString as mdastToString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import {
  limitSourceDelimiters,
  limitSourceNesting,
  restoreLimitedMarks,
} from '../../src/markdown/limit-source-nesting.js';
import { markdownToHtml } from '../../src/markdown/processor.js';
import { remarkRestoreLimitedMarks } from '../../src/markdown/remark-restore-limited-marks.js';

describe('limitSourceDelimiters', () => {
  it('turns emphasis nested thousands deep into text, keeps what follows and says where', async () => {
    const file = new VFile({
      path: 'fixture.md',
      value: `# 标题\n\n开头。${'*a **a '.repeat(3000)}b${' a** a*'.repeat(3000)}结尾。\n`,
    });
    const html = await markdownToHtml(file);
    expect(html).toContain('结尾。');
    expect(file.messages.map((message) => [message.line, message.ruleId])).toContainEqual([3, 'limit-nesting']);
  });

  it('leaves paragraphs with fewer marks, code fences, escapes and link definitions as written', () => {
    const value = `**强调。**正文，[链接](https://example.com) 与 \\*星号\\*。\n\n\`\`\`\n${'*'.repeat(500)}\n\`\`\`\n\n${'[a]: https://example.com\n'.repeat(500)}`;
    const file = new VFile({ path: 'fixture.md', value });
    limitSourceDelimiters(file);
    expect(String(file.value)).toBe(value);
    expect(file.messages).toEqual([]);
  });

  it('stands in for the marks of one paragraph past the limit, counting again after a blank line', () => {
    const file = new VFile({ path: 'fixture.md', value: `${'*a '.repeat(5)}\n\n${'*a '.repeat(3)}` });
    limitSourceDelimiters(file, 3);
    expect(String(file.value)).toBe('*a *a *a \ufdd0a \ufdd0a \n\n*a *a *a ');
    expect(restoreLimitedMarks(String(file.value))).toBe(`${'*a '.repeat(5)}\n\n${'*a '.repeat(3)}`);
  });

  it('counts closing brackets, backticks and < as marks too', () => {
    const file = new VFile({ path: 'fixture.md', value: 'a]`<b]`<' });
    limitSourceDelimiters(file, 3);
    expect(String(file.value)).toBe('a]`<b\ufdd4\ufdd5\ufdd6');
  });

  it('prints the marks past the limit as written, in text, code and link addresses', async () => {
    const value = `${'*a '.repeat(4)}\`*x*\` [l_](https://example.com/a_b "t_") 止`;
    const file = new VFile({ path: 'fixture.md', value });
    limitSourceDelimiters(file, 3);
    const tree = unified().use(remarkParse).parse(file);
    await unified().use(remarkRestoreLimitedMarks).run(tree, file);
    expect(String(file.value)).toBe(value);
    expect(mdastToString(tree)).toBe(value);
    // The link's brackets are within the 400, the mark in its address past them.
    const link = `${'*'.repeat(398)} [链接](https://example.com/a_b "t_")`;
    const html = await markdownToHtml(new VFile({ path: 'fixture.md', value: link }));
    expect(html).toContain('<a href="https://example.com/a_b" title="t_">链接</a>');
  });

  it('turns a noncharacter already in the text into U+FFFD, not into a mark', () => {
    const file = new VFile({ path: 'fixture.md', value: `a\ufdd0b ${'*'.repeat(5)}` });
    limitSourceDelimiters(file, 3);
    expect(restoreLimitedMarks(String(file.value))).toBe('a\ufffdb *****');
  });
});

describe('limitSourceNesting', () => {
  it('caps list markers opening items on one line, as it caps quotation marks', () => {
    const file = new VFile({ path: 'fixture.md', value: `${'- '.repeat(40)}深层\n` });
    limitSourceNesting(file, 32);
    expect(String(file.value)).toBe(`${'- '.repeat(32)}深层\n`);
    expect(file.messages.map((message) => message.ruleId)).toEqual(['limit-nesting']);
  });
});
