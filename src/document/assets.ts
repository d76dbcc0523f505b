import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The origin the browser sees the document at; nothing is served over a network. */
export const DOCUMENT_ORIGIN = 'http://banmian.localhost';
export const DOCUMENT_PATH = '/document.html';

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** The placeholder box, shared with the page that shows it (src/layout/browser/placeholder.ts). */
export { PLACEHOLDER_SVG } from '../layout/browser/placeholder.js';

export interface Asset {
  body: Buffer;
  contentType: string;
}

/**
 * The files a document may load, by URL. Each registered file's folder is
 * mounted under its own prefix, so a stylesheet's relative `url(…)` works, and
 * a request outside the mounted folders is not served.
 */
export class AssetMap {
  private readonly mounts = new Map<string, string>();
  private readonly generated = new Map<string, Asset>();

  /** The URL path of a file made in memory for this document (a font subset), named by its content. */
  addData(name: string, body: Buffer, contentType: string): string {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const urlPath = `/generated/${hash}/${encodeURIComponent(name)}`;
    this.generated.set(urlPath, { body, contentType });
    return urlPath;
  }

  /** Whether `addData` is served: false where the document is written to disk. */
  get servesData(): boolean {
    return true;
  }

  /**
   * The URL the document uses for `file` (its folder is mounted), with a
   * version (`?v=`) from its path, size and time, so that a URL always names
   * the same bytes and a reused tab may cache it. Unversioned for files that
   * do not change while banmian runs and are linked by relative URLs (the
   * layout's modules import one another).
   */
  add(file: string, options: { versioned?: boolean } = {}): string {
    const absolute = path.resolve(file);
    const dir = path.dirname(absolute);
    let prefix = [...this.mounts].find(([, mounted]) => mounted === dir)?.[0];
    if (!prefix) {
      prefix = `/assets/${this.mounts.size}/`;
      this.mounts.set(prefix, dir);
    }
    const url = prefix + path.basename(absolute).split(path.sep).map(encodeURIComponent).join('/');
    return options.versioned === false ? url : `${url}?v=${versionOf(absolute)}`;
  }

  /** The file behind a URL path, or undefined when it is outside every mount. */
  resolve(url: string): string | undefined {
    const [urlPath = ''] = url.split('?');
    for (const [prefix, dir] of this.mounts) {
      if (!urlPath.startsWith(prefix)) continue;
      const relative = decodeURIComponent(urlPath.slice(prefix.length));
      const file = path.resolve(dir, relative);
      if (file.startsWith(dir + path.sep)) return file;
    }
    return undefined;
  }

  async read(url: string): Promise<Asset | undefined> {
    const [urlPath = ''] = url.split('?');
    const generated = this.generated.get(urlPath);
    if (generated) return generated;
    const file = this.resolve(urlPath);
    if (!file) return undefined;
    try {
      const body = await readFile(file);
      return { body, contentType: contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
    } catch {
      return undefined;
    }
  }
}

function versionOf(file: string): string {
  const info = statSync(file, { throwIfNoEntry: false });
  return createHash('sha256')
    .update(`${file}\u0000${info?.size ?? -1}\u0000${info?.mtimeMs ?? -1}`)
    .digest('hex')
    .slice(0, 12);
}

/**
 * Links a document's files by their path relative to where the document is
 * written, so `build --html` output opens from disk with its styles and fonts.
 */
export class RelativeAssetLinks extends AssetMap {
  constructor(private readonly documentDir: string) {
    super();
  }

  override get servesData(): boolean {
    return false;
  }

  override add(file: string): string {
    return path.relative(this.documentDir, path.resolve(file)).split(path.sep).map(encodeURIComponent).join('/');
  }
}
