import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findBrowser } from '../src/print/chromium.js';
import { banmian, projectRoot } from './helpers/cli.js';
import { pdfPageSizes, pdfText } from './helpers/pdf.js';

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-scale-'));

/** A short article whose text names it, so each PDF can be told apart. */
function article(name: string): string {
  return `# ${name}号文章\n\n政协委员围绕${name}号议题建言献策，提出了切实可行的意见和建议。\n`;
}

/**
 * A browser executable that notes each start in `log`, then runs the real one:
 * how a test counts the browsers a command started.
 */
function countingBrowser(log: string): string {
  const wrapper = path.join(workDir, `browser-${path.basename(log)}.sh`);
  writeFileSync(wrapper, `#!/bin/sh\necho started >> '${log}'\nexec '${findBrowser()}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

function launches(log: string): number {
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0;
}

describe('many documents', () => {
  const folder = path.join(workDir, 'edition');
  const outDir = path.join(workDir, 'edition-pdf');
  const log = path.join(workDir, 'launches.log');
  let result: ReturnType<typeof banmian>;

  beforeAll(() => {
    mkdirSync(path.join(folder, 'part'), { recursive: true });
    for (let i = 1; i <= 19; i++) {
      const file =
        i > 15 ? path.join(folder, 'part', `p${i}.md`) : path.join(folder, `a${String(i).padStart(2, '0')}.md`);
      writeFileSync(file, article(String(i)));
    }
    // The twentieth file is broken: its front matter is not YAML.
    writeFileSync(path.join(folder, 'broken.md'), '---\ndate: [2026\n---\n# 坏\n');
    result = banmian(['build', folder, '--out-dir', outDir, '--jobs', '2'], {
      env: { PUPPETEER_EXECUTABLE_PATH: countingBrowser(log) },
    });
  });

  it('builds every good file of a folder with one browser', () => {
    expect(launches(log)).toBe(1);
    const written = readdirSync(outDir, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.pdf'))
      .sort();
    expect(written).toHaveLength(19);
    // A file in a subfolder keeps its place under --out-dir.
    expect(written).toContain(path.join('part', 'p16.pdf'));
    for (const name of ['a01', 'a07', 'a15']) {
      const pdf = path.join(outDir, `${name}.pdf`);
      expect(pdfPageSizes(pdf)).toHaveLength(1);
      expect(pdfText(pdf)).toContain(`${Number(name.slice(1))}号议题`);
    }
    expect(pdfText(path.join(outDir, 'part', 'p19.pdf'))).toContain('19号议题');
  });

  it('fails the broken file alone, names it, sums up and exits 1', () => {
    expect(result.status).toBe(1);
    expect(existsSync(path.join(outDir, 'broken.pdf'))).toBe(false);
    expect(result.stderr).toMatch(/banmian: error: .*broken\.md:2:\d+: front matter is not valid YAML/);
    expect(result.stderr).toMatch(
      /banmian: built 19 of 20 files \(19 pages\) in [\d.]+ m?s with one browser, 2 at a time; failed: .*broken\.md/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('builds only its slice with --shard i/n, and an empty slice is no failure', () => {
    const shardOut = path.join(workDir, 'shard-pdf');
    const files = ['a01.md', 'a02.md', 'a03.md'].map((name) => path.join(folder, name));
    const second = banmian(['build', ...files, '--out-dir', shardOut, '--shard', '2/2', '-q']);
    expect(second.status, second.stderr).toBe(0);
    expect(readdirSync(shardOut)).toEqual(['a02.pdf']);
    const empty = banmian(['build', files[0] as string, '--out-dir', shardOut, '--shard', '2/2']);
    expect(empty.status).toBe(0);
    expect(empty.stderr).toContain('shard 2/2 has no files to build');
  });

  it('refuses -o with several inputs', () => {
    const refused = banmian(['build', folder, '-o', path.join(workDir, 'one.pdf')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('-o names one file');
  });
});

describe('a browser reached at --browser-ws-endpoint', () => {
  let chrome: ChildProcess;
  let endpoint: string;

  beforeAll(async () => {
    chrome = spawn(findBrowser(), [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--remote-debugging-port=0',
      `--user-data-dir=${mkdtempSync(path.join(workDir, 'remote-profile-'))}`,
      'about:blank',
    ]);
    endpoint = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      chrome.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const found = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
        if (found?.[1]) resolve(found[1]);
      });
      chrome.once('exit', () => reject(new Error(`Chromium exited: ${stderr}`)));
    });
  });

  afterAll(() => {
    chrome.kill('SIGKILL');
  });

  it('prints there, launches no browser of its own and leaves that one running', () => {
    const input = path.join(workDir, 'remote.md');
    writeFileSync(input, article('远程'));
    const pdf = path.join(workDir, 'remote.pdf');
    // A launch would fail: there is no browser at this path.
    const result = banmian(['build', input, '-o', pdf, '--browser-ws-endpoint', endpoint], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(pdfText(pdf)).toContain('远程号议题');
    expect(chrome.exitCode).toBeNull();
    // Many files go through it too.
    const second = path.join(workDir, 'remote-2.md');
    writeFileSync(second, article('第二'));
    const batch = banmian(
      ['build', input, second, '--out-dir', path.join(workDir, 'remote-pdf'), '--browser-ws-endpoint', endpoint],
      {
        env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' },
      },
    );
    expect(batch.status, batch.stderr).toBe(0);
    expect(pdfText(path.join(workDir, 'remote-pdf', 'remote-2.pdf'))).toContain('第二号议题');
    expect(chrome.exitCode).toBeNull();
  });

  it('says clearly when nothing answers there', () => {
    const result = banmian([
      'build',
      path.join(projectRoot, 'input', 'digest.md'),
      '-o',
      path.join(workDir, 'x.pdf'),
      '--browser-ws-endpoint',
      'ws://127.0.0.1:9/devtools/browser/none',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Could not reach the browser at ws://127.0.0.1:9/devtools/browser/none');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('build --watch', () => {
  it('writes a new PDF when the Markdown is saved, and stops cleanly on Ctrl-C', async () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'banmian-watch-tmp-'));
    const input = path.join(workDir, 'watched.md');
    const pdf = path.join(workDir, 'watched.pdf');
    writeFileSync(input, article('初稿'));
    const child = spawn(
      process.execPath,
      [path.join(projectRoot, 'bin', 'banmian.js'), 'build', input, '-o', pdf, '--watch'],
      {
        env: { ...process.env, TMPDIR: temp },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      await vi.waitFor(() => expect(stderr).toContain('watching for saves'), { timeout: 30_000, interval: 50 });
      expect(pdfText(pdf)).toContain('初稿号议题');
      writeFileSync(input, article('二稿'));
      await vi.waitFor(() => expect(stderr).toMatch(/watched\.md saved → PDF in [\d.]+ m?s/), {
        timeout: 30_000,
        interval: 50,
      });
      expect(pdfText(pdf)).toContain('二稿号议题');
      // A save that breaks the file is reported and the last good PDF stays.
      writeFileSync(input, '---\ndate: [\n---\n');
      await vi.waitFor(() => expect(stderr).toContain('front matter is not valid YAML'), {
        timeout: 30_000,
        interval: 50,
      });
      expect(pdfText(pdf)).toContain('二稿号议题');
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
    expect(readdirSync(temp)).toEqual([]);
  });
});
