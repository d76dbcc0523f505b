import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { type BuildOptions, documentOptionsFor, readContent } from '../build.js';
import { type Asset, AssetMap, DOCUMENT_PATH } from '../document/assets.js';
import { renderDocument } from '../document/template.js';
import { BanmianError } from '../errors.js';
import { readInput } from '../files.js';
import { previewClient } from '../paths.js';
import { serialQueue, watchSources } from '../watch.js';

/**
 * `banmian preview`: the document served to the designer's own browser, laid
 * out by the same template, stylesheets, faces and Paged.js runtime as
 * `build`, and rebuilt when a file it is made from is saved. chokidar watches
 * the files; the page hears of a new version through server-sent events and
 * reloads itself at the page that was in view (src/preview/browser/client.ts).
 *
 * A version that fails — in the Markdown, the template, a stylesheet, or in
 * the page's layout — is not served: the last good version stays, with the
 * error shown over it in the page and printed in the terminal.
 */
export interface PreviewOptions extends Pick<BuildOptions, 'input' | 'template' | 'styles' | 'fonts' | 'repair'> {
  /** Port to listen on; 0 for any free port. */
  port?: number;
  host?: string;
  /** A line for the terminal. */
  log?: (line: string) => void;
}

export interface Preview {
  /** Where the document is served, e.g. http://localhost:4173/. */
  url: string;
  /** The version being served: it goes up with each good rebuild. */
  readonly version: number;
  close(): Promise<void>;
}

/** Where the preview's own files are served from. */
const PREVIEW_PREFIX = '/__banmian/';

interface Version {
  number: number;
  html: string;
  assets: AssetMap;
  /** Laid out without an error in a browser. */
  laidOut: boolean;
}

/**
 * The preview serves the whole fonts instead of per-document subsets: the
 * same faces and metrics, so the same line breaks, and a saved change costs
 * no subsetting (the browser keeps the fonts in its cache between reloads).
 */
class PreviewAssets extends AssetMap {
  private readonly frozen = new Map<string, Asset>();

  override get servesData(): boolean {
    return false;
  }

  /**
   * Keeps `file` as it is now for this version: a stylesheet saved later
   * belongs to a later version, so going back to the last good version
   * (after a stylesheet broke the layout) really goes back.
   */
  async freeze(file: string): Promise<void> {
    const [urlPath = ''] = this.add(file).split('?');
    const asset = await super.read(urlPath);
    if (asset) this.frozen.set(urlPath, asset);
  }

  override async read(urlPath: string): Promise<Asset | undefined> {
    return this.frozen.get(urlPath) ?? super.read(urlPath);
  }
}

type Change = 'content' | 'document';

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const log = options.log ?? (() => {});
  const input = path.resolve(options.input);
  let content: Root | undefined;
  let source: VFile | undefined;
  let current: Version | undefined;
  let lastGood: Version | undefined;
  let problem: string | undefined;
  let counter = 0;
  const listeners = new Set<ServerResponse>();

  const send = (event: string, data: unknown, to: Iterable<ServerResponse> = listeners) => {
    for (const response of to) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  /** Rebuilds the document; a content change runs the Markdown pipeline again, a style change does not. */
  async function rebuild(change: Change): Promise<void> {
    const started = performance.now();
    try {
      if (change === 'content' || !content || !source) {
        source = await readInput(input);
        content = await readContent(source, options);
      }
      // The template and stylesheets are read again either way; the Markdown only when it changed.
      const documentOptions = await documentOptionsFor(options, source);
      const assets = new PreviewAssets();
      const rendered = await renderDocument(content, { ...documentOptions, assets });
      await Promise.all(documentOptions.styles.map((style) => assets.freeze(style)));
      current = {
        number: ++counter,
        html: withClient(rendered.html, counter),
        assets: rendered.assets,
        laidOut: false,
      };
      problem = undefined;
      log(
        `banmian preview: version ${current.number} (${change === 'content' ? 'Markdown' : 'template and styles'}) in ${Math.round(performance.now() - started)} ms`,
      );
      send('update', { version: current.number });
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  }

  function fail(message: string): void {
    problem = message;
    log(`banmian preview: error: ${message}`);
    send('problem', { message });
  }

  /** What the page reports once its layout is done or has failed. */
  function onReport(report: { version: number; ok: boolean; message?: string }): void {
    if (!current || report.version !== current.number) return;
    if (report.ok) {
      current.laidOut = true;
      lastGood = current;
      return;
    }
    fail(`layout: ${report.message ?? 'failed'}`);
    // Back to the last version that laid out, with the error shown over it.
    if (lastGood && lastGood !== current) {
      current = lastGood;
      send('update', { version: current.number });
    }
  }

  await rebuild('content');

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://preview');
    if (url.pathname === `${PREVIEW_PREFIX}events`) {
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      send('hello', { version: current?.number ?? 0 }, [response]);
      if (problem) send('problem', { message: problem }, [response]);
      return;
    }
    if (url.pathname === `${PREVIEW_PREFIX}report` && request.method === 'POST') {
      onReport(JSON.parse(await readBody(request)) as { version: number; ok: boolean; message?: string });
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === `${PREVIEW_PREFIX}client.js`) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(await readFile(previewClient));
      return;
    }
    if (url.pathname === '/' || url.pathname === DOCUMENT_PATH) {
      if (!current) {
        response.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
        response.end(errorPage(problem ?? 'Not built yet'));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(current.html);
      return;
    }
    const asset = await current?.assets.read(url.pathname);
    if (!asset) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    // Fonts and scripts from packages do not change while the preview runs; the template's and styles' files do.
    const immutable = /\/node_modules\//.test(current?.assets.resolve(url.pathname) ?? '');
    response.writeHead(200, {
      'content-type': asset.contentType,
      'cache-control': immutable ? 'max-age=3600' : 'no-cache',
    });
    response.end(asset.body);
  }

  const port = options.port ?? 4173;
  const host = options.host ?? 'localhost';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new PreviewError(`port ${port} is in use on ${host}: choose another with --port`);
    throw new PreviewError(`cannot listen on ${host}:${port} (${error.code ?? error.message})`);
  });

  // A Markdown change also rebuilds the document around it, so it absorbs a waiting style change.
  const rebuilds = serialQueue<Change>(
    (_key, change) => rebuild(change),
    (waiting, next) => (waiting === 'content' ? waiting : next),
  );
  const watcher = watchSources({ inputs: [input], template: options.template, styles: options.styles }, (change) => {
    rebuilds.add('preview', change.kind);
  });

  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}/`,
    get version() {
      return current?.number ?? 0;
    },
    async close() {
      await watcher.close();
      await rebuilds.clear();
      for (const response of listeners) response.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/** A preview that cannot start (the port is taken…): said without a stack trace. */
export class PreviewError extends BanmianError {
  override name = 'PreviewError';
}

/** The document with the preview's client script, and the version it is. */
function withClient(html: string, version: number): string {
  const tags = `<meta name="banmian-version" content="${version}"><script type="module" src="${PREVIEW_PREFIX}client.js"></script>`;
  return html.replace('</head>', `${tags}</head>`);
}

function errorPage(message: string): string {
  const escaped = message.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string);
  return `<!doctype html><meta charset="utf-8"><title>banmian preview</title>
<script type="module" src="${PREVIEW_PREFIX}client.js"></script>
<div id="banmian-overlay" style="font: 14px/1.5 sans-serif; white-space: pre-wrap; padding: 24px; color: #b00">${escaped}</div>`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}
