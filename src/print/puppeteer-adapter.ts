import fs, { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, ConnectionTransport } from 'puppeteer-core';
import { BanmianError } from '../errors.js';
import { packageFile } from '../paths.js';

/*
 * The one module that uses Puppeteer's internals; nothing else in src/ imports them. They are not
 * Puppeteer's API and may change in any release, so package.json pins puppeteer-core to one version,
 * and `checkInternals` names that version when an upgrade takes away what banmian uses.
 *
 * Why internals at all: `puppeteer.connect` loads the whole package (its browser downloader, WebDriver
 * BiDi, launchers), 260–300 ms on the critical path of a cold build; its connector for the DevTools
 * protocol alone loads in 110–150 ms, and rolldown bundles it (see rolldown.config.js), less again.
 */

/** `_connectToCdpBrowser` in puppeteer-core/internal/cdp/BrowserConnector.js: what `puppeteer.connect` calls. */
type ConnectToCdpBrowser = (
  transport: ConnectionTransport,
  url: string,
  options: { protocolTimeout: number },
) => Promise<unknown>;

/** What banmian needs of the internal modules. */
export interface PuppeteerInternals {
  connectToCdpBrowser: ConnectToCdpBrowser;
  /** puppeteer-core/internal/environment.js: the Node modules Puppeteer writes files with. */
  environment: { value: object };
}

const THIS_FILE = 'src/print/puppeteer-adapter.ts';

/** The pinned puppeteer-core's version, as its package.json says. */
export function puppeteerVersion(): string {
  return (JSON.parse(readFileSync(packageFile('puppeteer-core', 'package.json'), 'utf8')) as { version: string })
    .version;
}

/**
 * The parts of the imported internal modules banmian uses, or an error that names the installed version
 * and this adapter, so that an upgrade of puppeteer-core fails here, in so many words, and not somewhere
 * inside a build.
 */
export function checkInternals(connector: unknown, environment: unknown): PuppeteerInternals {
  const gone = (what: string) =>
    new BanmianError(
      `puppeteer-core ${puppeteerVersion()}: its internal ${what} is gone; banmian's adapter (${THIS_FILE}) must be updated`,
    );
  const connect = (connector as { _connectToCdpBrowser?: unknown } | undefined)?._connectToCdpBrowser;
  if (typeof connect !== 'function') throw gone('_connectToCdpBrowser (internal/cdp/BrowserConnector.js)');
  const holder = (environment as { environment?: { value?: unknown } } | undefined)?.environment;
  if (typeof holder?.value !== 'object' || holder.value === null) throw gone('environment (internal/environment.js)');
  return { connectToCdpBrowser: connect as ConnectToCdpBrowser, environment: holder as { value: object } };
}

/** The internal modules, loaded on first use (a build that fails before printing never loads them). */
export async function loadInternals(): Promise<PuppeteerInternals> {
  const [connector, environment] = await Promise.all([
    import('puppeteer-core/internal/cdp/BrowserConnector.js'),
    import('puppeteer-core/internal/environment.js'),
  ]);
  return checkInternals(connector, environment);
}

/** Puppeteer's browser, driven over `transport`: a browser banmian started itself, its first tab open. */
export async function connectOverTransport(transport: ConnectionTransport, protocolTimeout: number): Promise<Browser> {
  const { connectToCdpBrowser, environment } = await loadInternals();
  // Node's files, as the package's entry point gives them (options that write to a path).
  environment.value = Object.defineProperties(Object.create(environment.value), {
    fs: { value: fs },
    path: { value: path },
  });
  // The same class as the package's Browser, declared again by the internal module's types.
  return (await connectToCdpBrowser(transport, '', { protocolTimeout })) as Browser;
}
