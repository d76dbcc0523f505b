import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DOCUMENT_PATH } from '../document/assets.js';
import { BanmianError } from '../errors.js';
import { PREVIEW_PREFIX } from '../layout/browser/contract.js';
import { previewClient } from '../paths.js';
import { serialQueue, watchSources } from '../watch.js';
import { type LayoutReport, PreviewSession } from './session.js';
import { type Change, clientScript, type PreviewSources, VersionBuilder } from './versions.js';

/**
 * `banmian preview`: the document served to the designer's own browser, laid
 * out by the same template, stylesheets, faces and Paged.js runtime as
 * `build`, and rebuilt when a file it is made from is saved. chokidar watches
 * the files; the page hears of a new version through server-sent events and
 * reloads itself at the page that was in view (src/preview/browser/client.ts).
 * What is served when a version fails: src/preview/session.ts.
 */
export interface PreviewOptions extends PreviewSources {
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

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const input = path.resolve(options.input);
  const builder = new VersionBuilder(options);
  const session = new PreviewSession((change) => builder.build(change), options.log ?? (() => {}));
  await session.rebuild('content');
  const server = createServer((request, response) => {
    respond(session, request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });
  const host = options.host ?? 'localhost';
  const port = await listen(server, options.port ?? 4173, host);
  // A Markdown change also rebuilds the document around it, so it absorbs a waiting style change.
  const rebuilds = serialQueue<Change>(
    (_key, change) => session.rebuild(change),
    (waiting, next) => (waiting === 'content' ? waiting : next),
  );
  const watcher = watchSources({ inputs: [input], template: options.template, styles: options.styles }, (change) => {
    rebuilds.add('preview', change.kind);
  });
  return {
    url: urlOf(host, port),
    get version() {
      return session.shown?.number ?? 0;
    },
    async close() {
      await watcher.close();
      await rebuilds.clear();
      session.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/** The preview's own URLs (events, reports, its client), then the document and its files. */
async function respond(session: PreviewSession, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { pathname } = new URL(request.url ?? '/', 'http://preview');
  if (pathname === `${PREVIEW_PREFIX}events`) {
    session.listen(request, response);
  } else if (pathname === `${PREVIEW_PREFIX}report` && request.method === 'POST') {
    session.report(JSON.parse(await readBody(request)) as LayoutReport);
    response.writeHead(204).end();
  } else if (pathname === `${PREVIEW_PREFIX}client.js`) {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    response.end(await readFile(previewClient));
  } else if (pathname === '/' || pathname === DOCUMENT_PATH) {
    serveDocument(session, response);
  } else {
    await serveAsset(session, pathname, response);
  }
}

function serveDocument(session: PreviewSession, response: ServerResponse): void {
  const shown = session.shown;
  if (!shown) {
    response.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
    response.end(errorPage(session.problem ?? 'Not built yet'));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(shown.html);
}

async function serveAsset(session: PreviewSession, pathname: string, response: ServerResponse): Promise<void> {
  const assets = session.shown?.assets;
  const asset = await assets?.read(pathname);
  if (!asset) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  // Fonts and scripts from packages do not change while the preview runs; the template's and styles' files do.
  const immutable = /\/node_modules\//.test(assets?.resolve(pathname) ?? '');
  response.writeHead(200, {
    'content-type': asset.contentType,
    'cache-control': immutable ? 'max-age=3600' : 'no-cache',
  });
  response.end(asset.body);
}

/** Listens on `port` (0: any free one), and says which port it got. */
async function listen(server: Server, port: number, host: string): Promise<number> {
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
  return (server.address() as AddressInfo).port;
}

function urlOf(host: string, port: number): string {
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`;
}

/** A preview that cannot start (the port is taken…): said without a stack trace. */
export class PreviewError extends BanmianError {
  override name = 'PreviewError';
}

function errorPage(message: string): string {
  const escaped = message.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string);
  return `<!doctype html><meta charset="utf-8"><title>banmian preview</title>
${clientScript}
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
