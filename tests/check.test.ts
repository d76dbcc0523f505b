import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { markdownSummary } from '../src/cli/summary.js';
import { banmian, seedInput } from './helpers/cli.js';

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-check-'));

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
});
