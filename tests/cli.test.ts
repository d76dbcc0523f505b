import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { banmian, projectRoot, seedInput } from './helpers/cli.js';

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-cli-'));

describe('banmian CLI', () => {
  it('exits 2 on bad usage', () => {
    expect(banmian([]).status).toBe(2);
    expect(banmian(['build']).status).toBe(2);
    expect(banmian(['build', seedInput, '--no-such-flag']).status).toBe(2);
    expect(banmian(['frobnicate']).status).toBe(2);
  });

  it('exits 0 for --help', () => {
    const result = banmian(['build', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--style');
  });

  it('names a missing input, exits 1 and prints no stack trace', () => {
    const missing = path.join(workDir, 'missing.md');
    const result = banmian(['build', missing, '-o', path.join(workDir, 'x.pdf')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${missing}: no such file`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a missing stylesheet and template', () => {
    const style = path.join(workDir, 'nope.css');
    const withStyle = banmian(['build', seedInput, '-o', path.join(workDir, 'x.pdf'), '--style', style]);
    expect(withStyle.status).toBe(1);
    expect(withStyle.stderr).toContain(`${style}: no such file`);
    const template = path.join(workDir, 'nope.html');
    const withTemplate = banmian(['build', seedInput, '-o', path.join(workDir, 'x.pdf'), '--template', template]);
    expect(withTemplate.status).toBe(1);
    expect(withTemplate.stderr).toContain(`${template}: no such file`);
  });

  it('rejects a template without a content slot and keeps the previous PDF', () => {
    const out = path.join(workDir, 'kept.pdf');
    const previous = Buffer.from('%PDF-1.4 previous build\n');
    writeFileSync(out, previous);
    const template = path.join(workDir, 'slotless.html');
    writeFileSync(template, '<!doctype html><html><head></head><body><main></main></body></html>');
    const result = banmian(['build', seedInput, '-o', out, '--template', template]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${template}: the template needs an element with data-slot="content"`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(out)).toEqual(previous);
    expect(readdirSync(workDir).filter((name) => name.startsWith('kept.pdf'))).toEqual(['kept.pdf']);
  });
});

describe('banmian build that cannot finish', () => {
  it('stops at the timeout with a clear message and keeps no partial PDF', () => {
    const out = path.join(workDir, 'slow.pdf');
    const result = banmian(['build', seedInput, '-o', out, '--timeout', '0.05']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('banmian: error: Layout failed: The layout did not finish within 0.05 s');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(workDir).filter((name) => name.startsWith('slow.pdf'))).toEqual([]);
  });

  it('stops on Ctrl-C with the browser closed and no temporary files left', async () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'banmian-interrupt-'));
    const out = path.join(workDir, 'interrupted.pdf');
    const child = spawn(
      process.execPath,
      [path.join(projectRoot, 'bin', 'banmian.js'), 'build', seedInput, '-o', out, '-q'],
      {
        env: { ...process.env, TMPDIR: temp },
      },
    );
    // Interrupt once the browser is up (its profile folder exists).
    await vi.waitFor(() => expect(readdirSync(temp).some((name) => name.startsWith('banmian-chromium-'))).toBe(true), {
      timeout: 20_000,
      interval: 50,
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(temp)).toEqual([]);
    expect(readdirSync(workDir).filter((name) => name.startsWith('interrupted.pdf'))).toEqual([]);
  });

  it('fails clearly when the browser cannot be started', () => {
    const result = banmian(['build', seedInput, '-o', path.join(workDir, 'x.pdf')], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/bin/false' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/banmian: error: Could not start the browser \/bin\/false/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
