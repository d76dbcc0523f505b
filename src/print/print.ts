import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { type AssetMap, DOCUMENT_ORIGIN, DOCUMENT_PATH } from '../document/assets.js';
import type { LayoutReport } from '../layout/browser/runtime.js';
import { chromiumArgs, findBrowser } from './chromium.js';

export interface PrintOptions {
  /** Executable of the browser; found with `findBrowser` if not given. */
  browserPath?: string;
  /** Longest wait for the layout to finish, in ms. */
  timeout?: number;
  /** Called as each stage ends, with its duration in ms. */
  onStage?: (stage: PrintStage, ms: number) => void;
}

export type PrintStage = 'launch' | 'load' | 'layout' | 'print';

export interface PrintResult {
  pdf: Uint8Array;
  layout: LayoutReport;
  /** Requests refused or not found, and the browser's own errors. */
  warnings: string[];
}

export class LayoutError extends Error {
  override name = 'LayoutError';
}

export class BrowserStartError extends Error {
  override name = 'BrowserStartError';
}

/**
 * HTML document → paged DOM → PDF bytes, in a headless system Chromium. The
 * page sees only the document and the files in `assets`; every other request
 * is refused.
 */
export async function printDocument(html: string, assets: AssetMap, options: PrintOptions = {}): Promise<PrintResult> {
  try {
    return await printOnce(html, assets, options);
  } catch (error) {
    // A browser that crashed (or whose page did) gets one more try, in a new process.
    if (!isCrash(error)) throw error;
    const result = await printOnce(html, assets, options);
    return {
      ...result,
      warnings: [`the browser crashed (${messageOf(error)}); relaunched it once`, ...result.warnings],
    };
  }
}

/** The browser or its page went away under us, rather than the document failing. */
function isCrash(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /TargetCloseError|ProtocolError|Target closed|Session closed|Page crashed|has disconnected|Connection closed|Network.enable timed out/i.test(
    message,
  );
}

async function printOnce(html: string, assets: AssetMap, options: PrintOptions): Promise<PrintResult> {
  const timeout = options.timeout ?? 60_000;
  const stage = timer(options.onStage);
  const executablePath = options.browserPath ?? findBrowser();
  // Our own profile folder, so that it is removed however the build ends.
  let profile: string | undefined;
  // Chromium's helper processes may still be writing into it for a moment.
  const removeProfile = () => {
    if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  // Ctrl-C: stop the browser, remove its profile, then stop — also while it is starting.
  let browser: Browser | undefined;
  let signalled: NodeJS.Signals | undefined;
  const stop = (): Promise<never> => {
    // Closed properly, Chromium removes its own temporary files too; a browser that does not answer is killed.
    const closed = browser ? browser.close() : Promise.resolve();
    void Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3_000))]).finally(() => {
      browser?.process()?.kill('SIGKILL');
      try {
        removeProfile();
      } finally {
        process.exit(signalled === 'SIGTERM' ? 143 : 130);
      }
    });
    // The build goes no further.
    return new Promise<never>(() => {});
  };
  const interrupted = (signal: NodeJS.Signals) => {
    signalled = signal;
    if (browser) void stop();
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  profile = await mkdtemp(path.join(tmpdir(), 'banmian-chromium-'));
  if (signalled) await stop();
  try {
    browser = await puppeteer.launch({
      executablePath,
      userDataDir: profile,
      headless: true,
      args: chromiumArgs,
      timeout: 30_000,
      // Puppeteer's own handlers kill the browser but leave a profile folder.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    removeProfile();
    throw new BrowserStartError(`Could not start the browser ${executablePath}: ${messageOf(error)}`);
  }
  if (signalled) await stop();
  try {
    stage('launch');
    const [firstTab] = await browser.pages();
    const page = firstTab ?? (await browser.newPage());
    return await printInPage(page, html, assets, timeout, stage);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await browser.close();
    removeProfile();
  }
}

/** How far a layout that timed out got, if the page still answers. */
async function progressOf(page: Page): Promise<string> {
  try {
    const columns = await withTimeout(
      page.evaluate(() => window.banmian?.progress.columns ?? 0),
      2_000,
      'no answer',
    );
    return columns > 0 ? `; the last column laid out was column ${columns}` : '; no column was laid out';
  } catch {
    return '';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^Error: /, '') : String(error);
}

async function printInPage(
  page: Page,
  html: string,
  assets: AssetMap,
  timeout: number,
  stage: (name: PrintStage) => void,
): Promise<PrintResult> {
  const warnings: string[] = [];
  const pageErrors: string[] = [];
  page.setDefaultTimeout(timeout);
  page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
  // A renderer that crashes leaves its promises pending: fail fast instead.
  const crashed = new Promise<never>((_, reject) => {
    page.once('error', (error) => reject(new Error(`Page crashed: ${error.message}`)));
  });
  crashed.catch(() => {});
  // Lay out as it will print: measurements taken in screen media (the last
  // sheet's column height, the overflow checks) can differ from print by a line.
  await page.emulateMediaType('print');
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    serve(request, html, assets, warnings).catch((error: unknown) => warnings.push(String(error)));
  });

  // One deadline for loading and laying out the document.
  const deadline = performance.now() + timeout;
  const timeoutMessage = `The layout did not finish within ${timeout / 1000} s`;
  let layout: LayoutReport;
  try {
    await withTimeout(
      Promise.race([page.goto(DOCUMENT_ORIGIN + DOCUMENT_PATH, { waitUntil: 'load', timeout: 0 }), crashed]),
      timeout,
      timeoutMessage,
    );
    stage('load');
    layout = await withTimeout(
      Promise.race([page.evaluate(() => window.banmian.layout), crashed]),
      Math.max(0, deadline - performance.now()),
      timeoutMessage,
    );
  } catch (error) {
    const details = pageErrors.length ? ` (${pageErrors.join('; ')})` : '';
    const reached = messageOf(error) === timeoutMessage ? await progressOf(page) : '';
    throw new LayoutError(`Layout failed: ${messageOf(error)}${reached}${details}`);
  }
  if (layout.textMismatch) {
    throw new LayoutError(`Text was lost in layout ${layout.textMismatch}`);
  }
  stage('layout');

  let pdf: Uint8Array;
  try {
    // Tagged, with an outline from the headings: the structure screen readers and bookmarks use.
    pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout });
  } catch (error) {
    throw new LayoutError(`Printing failed: ${messageOf(error)}`);
  }
  stage('print');
  return { pdf, layout, warnings: [...warnings, ...layout.warnings, ...pageErrors] };
}

async function serve(request: HTTPRequest, html: string, assets: AssetMap, warnings: string[]): Promise<void> {
  const url = new URL(request.url());
  if (url.protocol === 'data:') return request.continue();
  if (url.origin !== DOCUMENT_ORIGIN) {
    warnings.push(`Refused to load ${request.url()}`);
    return request.abort('blockedbyclient');
  }
  if (url.pathname === DOCUMENT_PATH) {
    return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  }
  const asset = await assets.read(url.pathname);
  if (!asset) {
    warnings.push(`Not found: ${url.pathname}`);
    return request.respond({ status: 404, contentType: 'text/plain', body: 'not found' });
  }
  return request.respond({ status: 200, contentType: asset.contentType, body: asset.body });
}

function timer(onStage: PrintOptions['onStage']): (name: PrintStage) => void {
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    onStage?.(name, now - last);
    last = now;
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let handle: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    handle = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timedOut]);
  } finally {
    clearTimeout(handle);
  }
}
