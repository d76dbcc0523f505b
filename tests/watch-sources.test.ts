import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SourceChange, watchSources } from '../src/watch.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchSources', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** Watches one Markdown file; each change is recorded with the file's text when it was reported. */
  async function watchOne(initial: string) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'banmian-watch-')), 'page.md');
    writeFileSync(file, initial);
    const seen: Array<{ change: SourceChange; text: string }> = [];
    const watcher = watchSources({ inputs: [file] }, (change) => {
      seen.push({ change, text: readFileSync(file, 'utf8') });
    });
    close = () => watcher.close();
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    return { file, seen };
  }

  it('reports a save in place once, after the text is written, however far apart its truncation and write', async () => {
    const { file, seen } = await watchOne('# 旧\n');
    // What a busy machine makes of a save in place: the file empty for a while, then written.
    writeFileSync(file, '');
    await tick(40);
    writeFileSync(file, '# 新\n');
    await tick(400);
    expect(seen).toEqual([{ change: { kind: 'content', input: file }, text: '# 新\n' }]);
  });

  it('still reports a file that was emptied on purpose', async () => {
    const { file, seen } = await watchOne('# 旧\n');
    writeFileSync(file, '');
    await tick(400);
    expect(seen).toEqual([{ change: { kind: 'content', input: file }, text: '' }]);
  });
});
