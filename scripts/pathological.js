// The inputs of cmark's test/pathological_tests.py (commonmark/cmark 0.31), which Markdown parsers
// use to test themselves for quadratic time, at a size `n` (the repetitions; "backticks" is runs
// of 1 to n / 30 backticks, "nul" and "many references" use n / 10). Shared by the hostile-input
// test and `npm run bench -- hostile`.

import { crc32, deflateSync } from 'node:zlib';

const range = (from, to) => Array.from({ length: to - from }, (_, i) => from + i);

/** @param {number} n @returns {Record<string, string>} */
export function pathologicalPatterns(n) {
  const r = (text, times = n) => text.repeat(times);
  return {
    'nested strong emph': `${r('*a **a ')}b${r(' a** a*')}`,
    'many emph closers with no openers': r('a_ '),
    'many emph openers with no closers': r('_a '),
    'many link closers with no openers': r('a]'),
    'many link openers with no closers': r('[a'),
    'mismatched openers and closers': r('*a_ '),
    'openers and closers multiple of 3': `a**b${r('c* ')}`,
    'link openers and emph closers': r('[ a_'),
    'pattern [ (]( repeated': r('[ (]('),
    'pattern ![[]() repeated': r('![[]()'),
    'hard link/emph case': '**x [a*b**c*](d)',
    'nested brackets': `${r('[')}a${r(']')}`,
    'nested block quotes': `${r('> ')}a`,
    'deeply nested lists': range(0, 1000)
      .map((x) => `${'  '.repeat(x)}* a\n`)
      .join(''),
    'U+0000 in input': r('abc\u0000de\u0000', n / 10),
    backticks: range(1, Math.round(n / 30))
      .map((x) => `e${'`'.repeat(x)}`)
      .join(''),
    'unclosed links A': r('[a](<b'),
    'unclosed links B': r('[a](b'),
    'unclosed <!--': `</${r('<!--')}`,
    'empty lines in deeply nested lists': `${r('- ')}x${r('\n')}`,
    'empty lines in deeply nested lists in blockquote': `> ${r('- ')}x\n${r('>\n')}`,
    'emph in deep blockquote': `${r('>')}${r('a*')}`,
    'many references': `${range(1, n)
      .map((x) => `[${x}]: u\n`)
      .join('')}${r('[0] ', n / 10)}`,
  };
}

/** The Chinese paragraph after each pattern, which must print. */
export const AFTER = '后面的中文段落，必须印出来。';

/** `body` as a page: a title, a Chinese paragraph before it and one after. */
export function wrapInChinese(body) {
  return `# 标题\n\n前面的中文段落，必须印出来。\n\n${body}\n\n${AFTER}\n`;
}

/** A valid one-bit grey PNG of `width` × `height` pixels: 49 KB on disk at 20,000 × 20,000, 1.6 GB decoded. */
export function hugePng(width, height) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1;
  const rows = deflateSync(Buffer.alloc((Math.ceil(width / 8) + 1) * height), { level: 9 });
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}
