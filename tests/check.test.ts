import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyPatch } from 'diff';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { markdownSummary } from '../src/cli/summary.js';
import { banmian, projectRoot, seedInput } from './helpers/cli.js';

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-check-'));
const punctuationFixture = path.join(projectRoot, 'tests', 'check', 'fixtures', 'proofreading.md');
const punctuationFixed = readFileSync(
  path.join(projectRoot, 'tests', 'check', 'fixtures', 'proofreading.fixed.md'),
  'utf8',
);

function markdownFile(name: string, markdown: string): string {
  const file = path.join(workDir, name);
  writeFileSync(file, markdown);
  return file;
}

interface JsonReport {
  path: string;
  messages: Array<{
    line?: number;
    column?: number;
    reason: string;
    ruleId?: string;
    source?: string;
    fatal?: boolean;
  }>;
}

describe('banmian check', () => {
  it('passes the seed (exit 0) and points at line 97, whose beginning is lost', () => {
    const result = banmian(['check', 'input/digest.md']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^input\/digest\.md$/m);
    expect(result.stdout).toMatch(/^97:1\s+warning\s+Paragraph starts mid-sentence/m);
    expect(result.stdout.match(/join-split-paragraph/g)).toHaveLength(8);
    expect(result.stdout.match(/split-lead-in/g)).toHaveLength(1);
    expect(result.stdout).toMatch(/⚠ 2 warnings/);
    expect(result.stderr).toBe('');
  });

  it('writes the messages as JSON with --format json', () => {
    const result = banmian(['check', seedInput, '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    const [report] = JSON.parse(result.stdout) as JsonReport[];
    expect(report?.path).toBe(seedInput);
    const messages = report?.messages ?? [];
    expect(
      messages.filter((message) => message.ruleId === 'join-split-paragraph').map((message) => message.line),
    ).toEqual([9, 11, 27, 43, 61, 81, 115, 131]);
    expect(messages).toContainEqual(
      expect.objectContaining({ line: 97, column: 1, ruleId: 'starts-mid-sentence', source: 'banmian', fatal: false }),
    );
    expect(messages.some((message) => message.fatal === true)).toBe(false);
  });

  it('checks the text as written with --no-repair', () => {
    const result = banmian(['check', seedInput, '--no-repair', '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    const [report] = JSON.parse(result.stdout) as JsonReport[];
    const ruleIds = report?.messages.map((message) => message.ruleId) ?? [];
    expect(ruleIds.filter((id) => id === 'ends-mid-sentence')).toHaveLength(8);
    expect(ruleIds.filter((id) => id === 'lead-in-mid-paragraph')).toHaveLength(1);
    expect(ruleIds).not.toContain('join-split-paragraph');
  });

  it('exits 1 on literal Markdown and on an empty heading', () => {
    const literal = banmian(['check', markdownFile('literal.md', '# 标题\n\n**没有闭合的加粗，正文。\n')]);
    expect(literal.status).toBe(1);
    expect(literal.stdout).toMatch(/3:1-3:3\s+error\s+Literal `\*\*`/);
    const empty = banmian(['check', markdownFile('empty.md', '# 标题\n\n##\n\n正文。\n')]);
    expect(empty.status).toBe(1);
    expect(empty.stdout).toMatch(/3:1-3:3\s+error\s+Empty heading/);
  });

  it('names a missing input on one line, exits 1 and prints no stack trace', () => {
    const missing = path.join(workDir, 'missing.md');
    const result = banmian(['check', missing]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`banmian: error: ${missing}: no such file\n`);
    expect(result.stdout).toBe('');
  });

  it('exits 2 on an unknown format', () => {
    expect(banmian(['check', seedInput, '--format', 'xml']).status).toBe(2);
  });
});

describe('banmian check --fix', () => {
  it('fixes the file in place, lists each change on stderr and reports what is left', () => {
    const copy = path.join(workDir, 'fix.md');
    copyFileSync(punctuationFixture, copy);
    const result = banmian(['check', '--fix', copy]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(punctuationFixed);
    const name = path.relative(projectRoot, copy);
    expect(result.stderr).toContain(`${name}:11:3: \`,\` → \`，\` (halfwidth-punctuation)\n`);
    expect(result.stderr).toContain(`${name}:21:10: \`ＡＢＣ\` → \`ABC\` (fullwidth-alphanumerics)\n`);
    expect(result.stderr).toMatch(/banmian: 30 fixes in .*fix\.md\n$/);
    expect(result.stdout).toMatch(/^23:4-23:6\s+warning\s+Doubled/m);
    expect(result.stdout).not.toMatch(/halfwidth-punctuation/);
    // Once fixed, nothing is left to fix.
    const again = banmian(['check', '--fix', copy]);
    expect(again.stderr).toMatch(/banmian: nothing to fix in /);
    expect(readFileSync(copy, 'utf8')).toBe(punctuationFixed);
  });

  it('prints a unified diff with --dry-run and writes nothing; the diff applies to give the fixed text', () => {
    const copy = path.join(workDir, 'dry.md');
    copyFileSync(punctuationFixture, copy);
    const before = readFileSync(copy, 'utf8');
    const result = banmian(['check', '--fix', '--dry-run', copy]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(before);
    const name = path.relative(projectRoot, copy);
    expect(result.stdout.startsWith(`--- a/${name}\n+++ b/${name}\n@@ `)).toBe(true);
    expect(result.stdout).toContain(
      '\n-今天,我们去了北京.价格是4.0元,时间9:30。\n+今天，我们去了北京。价格是4.0元，时间9:30。\n',
    );
    expect(applyPatch(before, result.stdout)).toBe(punctuationFixed);
  });

  it('says on one line that it leaves a file that is not UTF-8 alone, and exits 1, with --dry-run too', () => {
    const latin1 = path.join(workDir, 'latin1.md');
    const bytes = Buffer.concat([Buffer.from('北京,上海。', 'utf8'), Buffer.from([0xe9, 0x0a])]);
    writeFileSync(latin1, bytes);
    const name = path.relative(projectRoot, latin1);
    for (const args of [['--fix'], ['--fix', '--dry-run']]) {
      const result = banmian(['check', ...args, latin1]);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(`^banmian: ${name}: not fixed: the file is not plain UTF-8 at 1:7 \\(.+\\)\n$`),
      );
      expect(readFileSync(latin1)).toEqual(bytes);
    }
  });

  it('leaves a copy of the seed byte for byte the same', () => {
    const copy = path.join(workDir, 'digest.md');
    copyFileSync(seedInput, copy);
    const result = banmian(['check', '--fix', copy]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(copy)).toEqual(readFileSync(seedInput));
    expect(result.stderr).toMatch(/^banmian: nothing to fix in .*digest\.md\n$/);
  });

  it('refuses --dry-run without --fix (exit 2)', () => {
    const result = banmian(['check', seedInput, '--dry-run']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('banmian: error: --dry-run: only with --fix\n');
  });
});

describe('banmian check for CI', () => {
  it('writes GitHub workflow annotations with --format github, one command per message', () => {
    const result = banmian(['check', punctuationFixture, seedInput, '--format', 'github']);
    expect(result.status, result.stderr).toBe(0);
    const commands = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => {
        const match = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
        expect(match, line).not.toBeNull();
        const properties = Object.fromEntries(
          (match?.[2] ?? '').split(',').map((pair) => pair.split('=').map((part) => decodeURIComponent(part))),
        );
        return { level: match?.[1], properties, message: decodeURIComponent(match?.[3] ?? '') };
      });
    const fixture = path.relative(projectRoot, punctuationFixture);
    expect(commands).toContainEqual({
      level: 'warning',
      properties: {
        file: fixture,
        line: '11',
        col: '3',
        endLine: '11',
        endColumn: '4',
        title: 'halfwidth-punctuation',
      },
      message: 'Half-width `,` in Chinese text: use `，`',
    });
    expect(
      commands.filter((command) => command.properties.file === fixture && command.level === 'warning'),
    ).toHaveLength(33);
    expect(commands).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        properties: expect.objectContaining({ file: 'input/digest.md', line: '97' }),
      }),
    );
  });

  it('writes reviewdog rdjson with --format rdjson: ranges in UTF-8 bytes and the fixes as suggestions', () => {
    const result = banmian(['check', punctuationFixture, '--format', 'rdjson']);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as RdJson;
    expect(report.source.name).toBe('banmian');
    for (const diagnostic of report.diagnostics) {
      expect(typeof diagnostic.message).toBe('string');
      expect(diagnostic.location.path).toBe(path.relative(projectRoot, punctuationFixture));
      expect(['ERROR', 'WARNING', 'INFO']).toContain(diagnostic.severity);
      expect(diagnostic.location.range.start.line).toBeGreaterThan(0);
      expect(diagnostic.location.range.start.column).toBeGreaterThan(0);
    }
    // `今天,`: the comma is the 7th byte of line 11.
    expect(report.diagnostics).toContainEqual({
      message: 'Half-width `,` in Chinese text: use `，`',
      location: { path: expect.any(String), range: { start: { line: 11, column: 7 }, end: { line: 11, column: 8 } } },
      severity: 'WARNING',
      code: { value: 'halfwidth-punctuation' },
      suggestions: [{ range: { start: { line: 11, column: 7 }, end: { line: 11, column: 8 } }, text: '，' }],
    });
    // The suggestions, made as reviewdog would (byte ranges on lines), give the text --fix writes.
    const suggestions = report.diagnostics.flatMap((diagnostic) => diagnostic.suggestions ?? []);
    expect(suggestions).toHaveLength(30);
    expect(applySuggestions(readFileSync(punctuationFixture, 'utf8'), suggestions)).toBe(punctuationFixed);
  });
});

interface RdRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

interface RdJson {
  source: { name: string };
  diagnostics: Array<{
    message: string;
    location: { path: string; range: RdRange };
    severity: string;
    code?: { value: string };
    suggestions?: Array<{ range: RdRange; text: string }>;
  }>;
}

/** Suggestions of one line each, made from the last to the first, on the UTF-8 bytes of their lines. */
function applySuggestions(text: string, suggestions: Array<{ range: RdRange; text: string }>): string {
  const lines = text.split('\n').map((line) => Buffer.from(line, 'utf8'));
  const ordered = [...suggestions].sort(
    (a, b) => b.range.start.line - a.range.start.line || b.range.start.column - a.range.start.column,
  );
  for (const { range, text: replacement } of ordered) {
    expect(range.end.line).toBe(range.start.line);
    const line = lines[range.start.line - 1] ?? Buffer.alloc(0);
    lines[range.start.line - 1] = Buffer.concat([
      line.subarray(0, range.start.column - 1),
      Buffer.from(replacement, 'utf8'),
      line.subarray(range.end.column - 1),
    ]);
  }
  return lines.map((line) => line.toString('utf8')).join('\n');
}

describe('the Markdown summary of banmian build', () => {
  it('counts the repairs and the other messages by kind', () => {
    const file = new VFile({ path: 'input/digest.md' });
    for (let i = 0; i < 8; i++) file.info('joined', { ruleId: 'join-split-paragraph', source: 'banmian' });
    file.info('split', { ruleId: 'split-lead-in', source: 'banmian' });
    file.message('one');
    file.message('two');
    expect(markdownSummary(file, 'input/digest.md')).toBe(
      'banmian: 8 paragraphs joined, 1 split, 2 warnings — run "banmian check input/digest.md" for details',
    );
    const other = new VFile();
    other.info('split', { ruleId: 'split-lead-in' });
    Object.assign(other.message('bad'), { fatal: true });
    other.info('a note');
    expect(markdownSummary(other, 'a.md')).toBe(
      'banmian: 1 paragraph split, 1 error, 1 note — run "banmian check a.md" for details',
    );
  });

  it('is what a build of the seed prints instead of the full report', () => {
    const result = banmian(['build', seedInput, '-o', path.join(workDir, 'digest.pdf')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `banmian: 8 paragraphs joined, 1 split — run "banmian check ${seedInput}" for details\n`,
    );
    expect(result.stderr).not.toContain('join-split-paragraph');
  });

  it('counts the punctuation findings of a build, with the command that lists and fixes them', () => {
    const input = markdownFile('punctuation.md', '# 标题\n\n北京,上海.他说"好"。\n');
    const result = banmian(['build', input, '-o', path.join(workDir, 'punctuation.pdf')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`banmian: 4 punctuation warnings — run "banmian check ${input}" for details\n`);
  });
});
