import { createHash } from 'node:crypto';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomically } from '../files.js';
import { packageRoot } from '../paths.js';

/** Subsets kept; the least recently written go first. About 270 KB each. */
const KEPT = 120;

/**
 * Font subsets kept on disk between builds, by font file (path, size and
 * modification time) and character set: the next build of the same text, in
 * a new process, skips HarfBuzz (0.6–0.8 s of CPU for the three faces, on the
 * critical path of a cold build). `BANMIAN_CACHE_DIR` moves it; `off` turns
 * it off. A cache that cannot be read or written is only slower.
 */
export class SubsetCache {
  constructor(private readonly dir: string | undefined) {}

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): SubsetCache {
    const configured = env.BANMIAN_CACHE_DIR;
    if (configured === 'off') return new SubsetCache(undefined);
    return new SubsetCache(
      path.join(configured ?? path.join(packageRoot, 'node_modules', '.cache', 'banmian'), 'font-subsets'),
    );
  }

  async key(fontFile: string, characters: string): Promise<string | undefined> {
    if (!this.dir) return undefined;
    const info = await stat(fontFile).catch(() => undefined);
    if (!info) return undefined;
    return createHash('sha256')
      .update([path.resolve(fontFile), info.size, info.mtimeMs, characters, 'hb-subset truetype 1'].join('\u0000'))
      .digest('hex');
  }

  async read(key: string | undefined): Promise<Buffer | undefined> {
    if (!this.dir || !key) return undefined;
    return readFile(path.join(this.dir, `${key}.ttf`)).catch(() => undefined);
  }

  async write(key: string | undefined, subset: Buffer): Promise<void> {
    if (!this.dir || !key) return;
    try {
      await writeAtomically(path.join(this.dir, `${key}.ttf`), subset);
      await this.prune();
    } catch {
      // A read-only or full disk: the build goes on without the cache.
    }
  }

  private async prune(): Promise<void> {
    const dir = this.dir as string;
    const names = (await readdir(dir)).filter((name) => name.endsWith('.ttf'));
    if (names.length <= KEPT) return;
    const dated = await Promise.all(
      names.map(async (name) => ({
        name,
        time: (await stat(path.join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0,
      })),
    );
    dated.sort((a, b) => a.time - b.time);
    await Promise.all(
      dated.slice(0, dated.length - KEPT).map(({ name }) => unlink(path.join(dir, name)).catch(() => {})),
    );
  }
}
