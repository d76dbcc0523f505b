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

describe('a bad option value', () => {
  // A browser that cannot start, and a TMPDIR of its own: had the command started one, its profile
  // folder would be there and the error would say it could not start.
  const noBrowser = () => ({
    PUPPETEER_EXECUTABLE_PATH: '/bin/false',
    TMPDIR: mkdtempSync(path.join(tmpdir(), 'banmian-bad-')),
  });
  const pdf = path.join(workDir, 'bad-option.pdf');
  const refused: Array<[flag: string, args: string[], message: string]> = [
    [
      '--bleed',
      ['build', seedInput, '-o', pdf, '--bleed', '3parsecs'],
      'not a length such as 3mm (mm, cm, in, pt, pc, px or Q): 3parsecs',
    ],
    [
      '--bleed',
      ['build', seedInput, '-o', pdf, '--bleed', '3', 'parsecs'],
      'not a length such as 3mm (mm, cm, in, pt, pc, px or Q): 3',
    ],
    ['--marks', ['build', seedInput, '-o', pdf, '--marks', 'crop,glitter'], 'unknown mark: glitter (crop, cross)'],
    ['--jobs', ['build', seedInput, '--out-dir', workDir, '--jobs', '-1'], 'not a whole number of 1 or more: -1'],
    ['--shard', ['build', seedInput, '--out-dir', workDir, '--shard', '5/2'], 'not a shard such as 1/2: 5/2'],
    ['--timeout', ['build', seedInput, '-o', pdf, '--timeout', '-5'], 'not a positive number: -5'],
    ['--threshold', ['proof', seedInput, '--out-dir', workDir, '--threshold', '2'], 'not a ratio from 0 to 1: 2'],
    ['--shard', ['proof', seedInput, '--out-dir', workDir, '--shard', '0/1'], 'not a shard such as 1/2: 0/1'],
    ['--format', ['check', seedInput, '--format', 'xml'], 'not text or json or github or rdjson: xml'],
    ['--port', ['preview', seedInput, '--port', '70000'], 'not a port number: 70000'],
  ];

  it.each(refused)('%s fails before a browser starts, with exit 2 and one line (case %#)', (flag, args, message) => {
    const env = noBrowser();
    const result = banmian(args, { env });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`banmian: error: ${flag}: ${message}\n`);
    expect(result.stdout).toBe('');
    expect(readdirSync(env.TMPDIR)).toEqual([]);
    expect(readdirSync(workDir).filter((name) => name.startsWith('bad-option') || name.endsWith('.png'))).toEqual([]);
  });

  it('says what commander refuses in the same form', () => {
    const result = banmian(['build', seedInput, '--no-such-flag']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("banmian: error: unknown option '--no-such-flag'\n");
  });

  it('refuses -o with several inputs in the same form', () => {
    const result = banmian(['build', seedInput, seedInput, '-o', pdf]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('banmian: error: -o names one file: give one Markdown file, or use --out-dir\n');
  });
});

describe('--debug', () => {
  const missing = path.join(workDir, 'missing.md');
  it.each([
    ['build', [missing, '-o', path.join(workDir, 'x.pdf')]],
    ['check', [missing]],
    ['proof', [missing, '--out-dir', path.join(workDir, 'proof')]],
    ['preflight', [path.join(workDir, 'missing.pdf')]],
  ])('prints the stack after the one line on %s', (command, args) => {
    const plain = banmian([command, ...args]);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/^banmian: error: .*\n$/);
    const debug = banmian([command, ...args, '--debug']);
    expect(debug.status).toBe(1);
    expect(debug.stderr.split('\n')[0]).toBe(plain.stderr.trimEnd());
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('is a flag of preview too', () => {
    expect(banmian(['preview', '--help']).stdout).toContain('--debug');
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
