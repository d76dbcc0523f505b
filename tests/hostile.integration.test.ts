import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AFTER as AFTER_PATTERN, hugePng, pathologicalPatterns } from '../scripts/pathological.js';
import { projectRoot } from './helpers/cli.js';
import { pdfText } from './helpers/pdf.js';
import { gradientPng } from './helpers/png.js';

/*
 * Hostile and odd Markdown from an outside contributor: each builds, or fails
 * with a clear message, within 90 s; nothing local leaks into the PDF, no
 * script runs, and the text after the odd part is printed.
 */
const root = mkdtempSync(path.join(tmpdir(), 'banmian-hostile-'));
const secret = path.join(root, 'secret.txt');
writeFileSync(secret, 'SECRET-TOKEN-4711');
const dir = path.join(root, 'article');
mkdirSync(dir);
writeFileSync(path.join(dir, 'tall.png'), gradientPng(120, 4000));
writeFileSync(path.join(root, 'outside.png'), gradientPng(40, 40));
writeFileSync(path.join(dir, 'huge.png'), hugePng(20_000, 20_000));

/** cmark's pathological patterns at n = 2,000 (the bench runs 15,000 and 30,000), each followed by a numbered paragraph. */
const patterns = Object.values(pathologicalPatterns(2000));

const SENTENCE = '政协党的建设工作会议召开总结交流全市系统经验推动履职深度融合高效联动。';
const AFTER = '之后的正文必须印出来。';

interface Case {
  name: string;
  markdown: string | Buffer;
  /** Text that must be in the PDF when the build succeeds. */
  printed?: string[];
  /** The build must fail (with a one-line reason). */
  fails?: boolean;
  /** A warning `banmian check` must give. */
  warning?: RegExp;
}

const cases: Case[] = [
  {
    name: 'scripts, handlers, frames and styles',
    markdown: [
      '# 标题',
      '<script>document.body.textContent = "PWNED"</script>',
      '<img src="x" onerror="document.body.textContent = \'PWNED\'">',
      `<iframe src="file://${secret}"></iframe><object data="file://${secret}"></object><embed src="file://${secret}">`,
      `<link rel="stylesheet" href="file://${secret}"><style>body::after { content: "PWNED" }</style>`,
      '<p onclick="alert(1)" style="display:none">点击</p>',
      '[链接](javascript:document.body.textContent="PWNED")',
      AFTER,
    ].join('\n\n'),
    printed: [AFTER, '点击', '链接'],
  },
  {
    name: 'local files by URL, by path traversal and absolute path, and remote images',
    markdown: [
      '# 标题',
      `![](file://${secret})`,
      '![](../secret.txt)',
      '![](../outside.png)',
      `![](${secret})`,
      '![](http://example.com/a.png)',
      `<img src="file://${secret}">`,
      AFTER,
    ].join('\n\n'),
    printed: [AFTER],
  },
  {
    name: 'a half-megabyte paragraph',
    markdown: `# 标题\n\n${SENTENCE.repeat(15_000)}\n\n${AFTER}\n`,
    printed: [AFTER],
  },
  {
    name: 'thousands of nested quotes and list levels',
    markdown: `# 标题\n\n${'>'.repeat(10_000)} 深层引用\n\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- 第${i}层`).join('\n')}\n\n${AFTER}\n`,
    printed: ['深层引用', '第2999层', AFTER],
  },
  {
    name: 'thousands of headings',
    markdown: `# 标题\n\n${Array.from({ length: 2000 }, (_, i) => `## 小标题${i}\n\n正文${i}。`).join('\n\n')}\n\n${AFTER}\n`,
    printed: ['小标题1999', AFTER],
  },
  {
    name: 'a table wider than a column',
    markdown: `# 标题\n\n|${Array.from({ length: 60 }, (_, i) => `列${i}`).join('|')}|\n|${'---|'.repeat(60)}\n|${Array.from({ length: 60 }, (_, i) => `数据${i}很长很长的内容`).join('|')}|\n\n${AFTER}\n`,
    printed: ['数据59很长很长的内容', AFTER],
  },
  {
    name: 'an image taller than a page',
    markdown: `# 标题\n\n图前。\n\n![很高的图](tall.png)\n\n${AFTER}\n`,
    printed: [AFTER],
  },
  {
    name: 'NUL and bytes that are not UTF-8',
    markdown: Buffer.concat([
      Buffer.from('# 标题\n\n正文\u0000含有空字节。\n\n'),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from(`\n\n${AFTER}\n`),
    ]),
    printed: ['正文含有空字节', AFTER],
  },
  {
    name: 'a missing image (a placeholder in its place)',
    markdown: `# 标题\n\n图前。\n\n![缺图](nowhere.png)\n\n${AFTER}\n`,
    printed: [AFTER],
  },
  {
    name: "the patterns of cmark's pathological tests",
    markdown: `# 标题\n\n${patterns.map((body, i) => `${body}\n\n${AFTER_PATTERN}${i}\n`).join('\n')}`,
    printed: patterns.map((_, i) => `${AFTER_PATTERN}${i}`),
  },
  {
    name: 'a picture declaring 20,000 × 20,000 pixels (a placeholder in its place)',
    markdown: `# 标题\n\n图前。\n\n![巨图](huge.png)\n\n${AFTER}\n`,
    printed: [AFTER],
    warning: /huge\.png is 20,000 × 20,000 pixels/,
  },
  { name: 'an empty file', markdown: '' },
  { name: 'only front matter', markdown: '---\npaper: 哈尔滨日报\n---\n' },
  { name: 'invalid front matter', markdown: '---\ndate: [2026\n---\n\n# 标题\n', fails: true },
];

describe('hostile and odd input', () => {
  for (const [index, item] of cases.entries()) {
    it(item.name, () => {
      const input = path.join(dir, `case-${index}.md`);
      const output = path.join(dir, `case-${index}.pdf`);
      writeFileSync(input, item.markdown);
      // A failed build must leave the previous PDF as it was, and nothing else beside it.
      const previous = Buffer.from('%PDF-1.7 the previous build\n');
      if (item.fails) writeFileSync(output, previous);
      const filesBefore = readdirSync(dir).sort();
      const started = Date.now();
      const result = spawnSync(
        process.execPath,
        [path.join(projectRoot, 'bin', 'banmian.js'), 'build', input, '-o', output, '-q'],
        {
          encoding: 'utf8',
          timeout: 95_000,
        },
      );
      expect(Date.now() - started).toBeLessThan(90_000);
      expect(result.status, result.stderr).toBe(item.fails ? 1 : 0);
      // Clear messages, never a stack trace.
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      if (item.fails) {
        expect(result.stderr).toMatch(/^banmian: error: .+case-\d+\.md:\d+:\d+/m);
        expect(readFileSync(output).equals(previous)).toBe(true);
        expect(readdirSync(dir).sort()).toEqual(filesBefore);
        return;
      }
      if (item.warning) {
        const check = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'banmian.js'), 'check', input], {
          encoding: 'utf8',
        });
        expect(check.stdout + check.stderr).toMatch(item.warning);
      }
      const text = pdfText(output);
      expect(text).not.toContain('SECRET-TOKEN');
      expect(text).not.toContain('PWNED');
      for (const expected of item.printed ?? []) expect(text.replace(/\s/g, '')).toContain(expected);
      expect(readFileSync(output).subarray(0, 5).toString()).toBe('%PDF-');
    });
  }
});
