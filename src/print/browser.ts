import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { BanmianError } from '../errors.js';
import { findBrowser, startChromium } from './chromium.js';
import { connectOverTransport } from './puppeteer-adapter.js';

export interface BrowserOptions {
  /** Executable of a local browser; found with `findBrowser` if not given. */
  browserPath?: string;
  /** A running Chrome's DevTools WebSocket (`ws://…`), local or remote, used instead of launching one. */
  browserWSEndpoint?: string;
  /**
   * Run a launched browser as one process: it starts about 0.3 s sooner and
   * takes less memory, but lays out one document at a time. For single builds.
   */
  singleProcess?: boolean;
  /**
   * Stop the browser and exit on Ctrl-C (default: true). Off for owners that
   * stop on a signal themselves and call `close`.
   */
  handleSignals?: boolean;
}

export class BrowserStartError extends BanmianError {
  override name = 'BrowserStartError';
}

/** A tab to print one document in, and how to let it go. */
export interface DocumentTab {
  page: Page;
  /** Gives the tab back: kept for the next document if `reusable`, else closed. */
  release(reusable: boolean): Promise<void>;
}

/**
 * The Chromium that documents are printed in: launched here (headless, with a
 * profile folder of its own that is removed however it ends, also on Ctrl-C) or
 * reached at a WebSocket endpoint. One browser serves any number of documents,
 * each in a tab of its own browser context.
 */
export class PrintBrowser {
  /** Browsers launched or connected to so far (a crashed one is replaced). */
  launches = 0;
  private browser: Browser | undefined;
  private starting: Promise<Browser> | undefined;
  private profile: string | undefined;
  private firstTab: Page | undefined;
  private child: ChildProcess | undefined;
  private idle: Page[] = [];
  private closed = false;
  private signalled: NodeJS.Signals | undefined;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.signalled = signal;
    if (this.browser) void this.stop();
  };

  private constructor(private readonly options: BrowserOptions) {}

  /** A browser, once it answers. */
  static async start(options: BrowserOptions = {}): Promise<PrintBrowser> {
    const printBrowser = PrintBrowser.launch(options);
    try {
      await printBrowser.ready;
    } catch (error) {
      printBrowser.removeSignalHandlers();
      throw error;
    }
    return printBrowser;
  }

  /**
   * A browser starting in the background: the instance at once (so that it
   * can be closed while it starts), `ready` when it answers.
   */
  static launch(options: BrowserOptions = {}): PrintBrowser {
    const printBrowser = new PrintBrowser(options);
    if (options.handleSignals !== false) {
      process.once('SIGINT', printBrowser.onSignal);
      process.once('SIGTERM', printBrowser.onSignal);
    }
    printBrowser.ready = printBrowser.connected().then(() => {});
    printBrowser.ready.catch(() => {});
    return printBrowser;
  }

  /** Settles when the browser first answers, or could not be started. */
  ready: Promise<void> = Promise.resolve();

  get remote(): boolean {
    return this.options.browserWSEndpoint !== undefined;
  }

  /**
   * A tab for one document: one that an earlier document left in good order
   * (the next document's navigation replaces its page), the first tab of a new
   * browser, or a new one. A new tab, or a browser context, per document cost
   * a new renderer each time and made loading 0.3–1 s slower.
   */
  async open(): Promise<DocumentTab> {
    const browser = await this.connected();
    // A window of its own, not a tab: a background tab gets no animation frames, and Paged.js lays out in them.
    const page = this.idle.pop() ?? this.firstTab ?? (await browser.newPage({ type: 'window' }));
    if (page === this.firstTab) this.firstTab = undefined;
    return {
      page,
      release: async (reusable) => {
        if (reusable && browser === this.browser && browser.connected && !page.isClosed()) this.idle.push(page);
        else await page.close().catch(() => {});
      },
    };
  }

  /**
   * After a crash: if the browser went with it, the next `open` starts (or
   * reaches) one again. A browser still connected — only a tab crashed, or
   * another document already replaced it — is kept.
   */
  async replace(): Promise<void> {
    if (this.browser?.connected || (!this.browser && this.starting)) return;
    const browser = this.browser;
    this.browser = undefined;
    this.starting = undefined;
    this.firstTab = undefined;
    this.idle = [];
    await this.shutDown(browser);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.removeSignalHandlers();
    // Not needed after all (the Markdown failed): a browser still starting is stopped, not waited for.
    if (!this.browser && this.starting) this.child?.kill('SIGKILL');
    const browser = this.browser ?? (await this.starting?.catch(() => undefined));
    await this.shutDown(browser);
  }

  private connected(): Promise<Browser> {
    if (this.closed) return Promise.reject(new BrowserStartError('The browser was closed'));
    if (this.browser?.connected) return Promise.resolve(this.browser);
    this.starting ??= this.begin().then(
      (browser) => {
        this.browser = browser;
        return browser;
      },
      (error: unknown) => {
        this.starting = undefined;
        throw error;
      },
    );
    return this.starting;
  }

  private async begin(): Promise<Browser> {
    this.launches++;
    const { browserWSEndpoint } = this.options;
    // A remote browser's first tab is not ours to use.
    if (browserWSEndpoint) return await reach(browserWSEndpoint);
    const executablePath = this.options.browserPath ?? findBrowser();
    // Our own profile folder, so that it is removed however the build ends.
    this.removeProfile();
    this.profile = await mkdtemp(path.join(tmpdir(), 'banmian-chromium-'));
    if (this.signalled) await this.stop();
    const chromium = startChromium(executablePath, {
      profile: this.profile,
      singleProcess: this.options.singleProcess,
    });
    this.child = chromium.child;
    let browser: Browser;
    try {
      browser = await withTimeout(
        Promise.race([connectOverTransport(chromium.transport, 180_000), chromium.exited]),
        30_000,
        'it did not answer within 30 s',
      );
      this.firstTab = (await Promise.race([browser.pages(), chromium.exited]))[0];
    } catch (error) {
      chromium.child.kill('SIGKILL');
      this.removeProfile();
      throw new BrowserStartError(`Could not start the browser ${executablePath}: ${messageOf(error)}`);
    }
    this.browser = browser;
    if (this.signalled) await this.stop();
    return browser;
  }

  private async shutDown(browser: Browser | undefined): Promise<void> {
    if (this.remote) {
      await browser?.disconnect().catch(() => {});
      return;
    }
    const child = this.child;
    this.child = undefined;
    // Closed properly, Chromium removes its own temporary files too; a browser that does not answer is killed.
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await browser?.close().catch(() => {});
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, browser ? 3_000 : 0).unref())]);
      child.kill('SIGKILL');
    }
    this.removeProfile();
  }

  /** Ctrl-C: stop the browser, remove its profile, then stop — also while it is starting. */
  private stop(): Promise<never> {
    void this.shutDown(this.browser).finally(() => {
      try {
        this.removeProfile();
      } finally {
        process.exit(this.signalled === 'SIGTERM' ? 143 : 130);
      }
    });
    // The build goes no further.
    return new Promise<never>(() => {});
  }

  private removeProfile(): void {
    // Chromium's helper processes may still be writing into it for a moment.
    if (this.profile) rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    this.profile = undefined;
  }

  private removeSignalHandlers(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}

/** A running Chrome at its DevTools WebSocket, through Puppeteer's public API. */
async function reach(browserWSEndpoint: string): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  try {
    return await puppeteer.connect({ browserWSEndpoint, protocolTimeout: 60_000 });
  } catch (error) {
    throw new BrowserStartError(`Could not reach the browser at ${browserWSEndpoint}: ${messageOf(error)}`);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^Error: /, '') : String(error);
}

/** How often `withTimeout` looks at the clock; a longer gap means Node itself was busy. */
const TIMEOUT_TICK_MS = 200;

/**
 * `promise`, or a rejection with `message` once Node has waited `ms` for it. Time in which Node's
 * main thread was busy elsewhere (a long stage of the build) does not count, since no answer could
 * have been read then; if there was such time, the message says how much.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let handle: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    let waited = 0;
    let busy = 0;
    let last = performance.now();
    handle = setInterval(
      () => {
        const now = performance.now();
        const gap = now - last;
        last = now;
        waited += Math.min(gap, 2 * TIMEOUT_TICK_MS);
        busy += Math.max(0, gap - 2 * TIMEOUT_TICK_MS);
        if (waited < ms) return;
        const note = busy >= 1000 ? ` (and Node's main thread was busy for ${(busy / 1000).toFixed(0)} s more)` : '';
        reject(new Error(message + note));
      },
      Math.min(TIMEOUT_TICK_MS, ms),
    );
  });
  try {
    return await Promise.race([promise, timedOut]);
  } finally {
    clearInterval(handle);
  }
}
