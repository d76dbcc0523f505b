import fc from 'fast-check';
import type { Root } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import type { Code } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { markdownToHast } from '../../src/markdown/processor.js';

/*
 * Random Markdown never crashes the pipeline and never loses text between
 * Markdown and HTML. The text is Han characters; around them go the marks
 * that make Markdown structure (emphasis, headings, quotes, lists, code,
 * tables, breaks) and CJK punctuation. Raw HTML and link destinations are
 * left out, as they legitimately take text out of what prints.
 */
const han = fc.constantFrom(...'政协党的建设工作会议召开总结交流全市系统经验推动履职深度融合高效联动');
const mark = fc.constantFrom(
  '*',
  '**',
  '_',
  '~~',
  '`',
  '#',
  '## ',
  '> ',
  '- ',
  '1. ',
  '|',
  '---',
  '\n',
  '\n\n',
  ' ',
  '，',
  '。',
  '“',
  '”',
  '（',
  '）',
  '、',
  '\\',
);
const markdown = fc
  .array(fc.oneof({ weight: 3, arbitrary: han }, { weight: 2, arbitrary: mark }), { maxLength: 120 })
  .map((pieces) => `正文${pieces.join('')}`);

/** The Han characters of a text, in order. */
function hanOf(text: string): string {
  return [...text].filter((c) => /\p{Script=Han}/u.test(c)).join('');
}

/**
 * The source as it prints: a fenced code block's info string (```政) names its language and is not
 * printed (CommonMark), so it is taken off the fence's line.
 */
function withoutInfoStrings(source: string): string {
  const lines = source.split('\n');
  visit(unified().use(remarkParse).parse(source), 'code', (node: Code) => {
    const line = (node.position?.start.line ?? 0) - 1;
    const fence = /^(\s*(?:>\s*)*(?:[-*+]\s+|\d+\.\s+)*(?:`{3,}|~{3,}))/.exec(lines[line] ?? '');
    if ((node.lang || node.meta) && fence?.[1]) lines[line] = fence[1];
  });
  return lines.join('\n');
}

describe('the Markdown pipeline on random input', () => {
  it('never throws and keeps every Han character, in order', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (source) => {
        const tree: Root = await markdownToHast(new VFile({ path: 'random.md', value: source }));
        // Code spans and blocks keep their text verbatim; everything else prints as text.
        expect(hanOf(hastToString(tree))).toBe(hanOf(withoutInfoStrings(source)));
      }),
      // A fence whose info string is Han (found by a CI run), and one that closes.
      { numRuns: 300, examples: [['正文\n~~~~政'], ['正文\n```政\n代码\n```\n']] },
    );
  });
});
