import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterEach, describe, expect, it } from 'vitest';
import { installMicromarkAdapter } from '../../src/markdown/micromark-adapter.js';

const parse = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown);

/** The tree with micromark's own resolvers and with the adapter's. */
async function bothWays(markdown: string) {
  await installMicromarkAdapter(false);
  const own = parse(markdown);
  await installMicromarkAdapter(true);
  return { own, adapted: parse(markdown) };
}

/** Markdown made of the characters inline constructs start and end with, seeded. */
function randomInline(seed: number, length: number): string {
  const alphabet = [
    '*',
    '_',
    '~',
    '[',
    ']',
    '(',
    ')',
    '!',
    '`',
    '\\',
    '<',
    '>',
    '&amp;',
    'a',
    'b',
    ' ',
    '中',
    '。',
    '\n',
    'www.',
    'http://',
    'x@y.cn',
  ];
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += alphabet[state % alphabet.length];
  }
  return text;
}

describe('micromark adapter', () => {
  afterEach(() => installMicromarkAdapter(true));

  it('gives the same tree, positions included, as micromark on its own', async () => {
    const samples = [
      '**强调。**正文，[链接](https://example.com) 与 \\*星号\\*，`代码` 和 ~~删除~~。\n第二行 www.example.com 与 a@b.cn。',
      '[![图](a.png)](b) [^1] <span>原始</span> &copy; \\[ 不是链接 \\]\n\n[^1]: 注释。',
      ...Array.from({ length: 300 }, (_, seed) => randomInline(seed, 80)),
    ];
    for (const markdown of samples) {
      const { own, adapted } = await bothWays(markdown);
      expect(adapted, markdown).toEqual(own);
    }
  });
});
