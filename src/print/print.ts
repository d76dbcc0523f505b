import type { CDPSession, Page } from 'puppeteer-core';
import { type AssetMap, DOCUMENT_ORIGIN, DOCUMENT_PATH, PLACEHOLDER_SVG } from '../document/assets.js';
import { BanmianError } from '../errors.js';
import { type LayoutReport, parseLayoutReport } from '../layout/report.js';
import { type BrowserOptions, messageOf, PrintBrowser, withTimeout } from './browser.js';

export interface PrintOptions {
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

export class LayoutError extends BanmianError {
  override name = 'LayoutError';
}

/**
 * HTML document → paged DOM → PDF bytes, in a browser started for this one
 * document and closed after it.
 */
export async function printDocument(
  html: string,
  assets: AssetMap,
  options: PrintOptions & BrowserOptions = {},
): Promise<PrintResult> {
  const started = performance.now();
  const browser = await PrintBrowser.start({ singleProcess: true, ...options });
  options.onStage?.('launch', performance.now() - started);
  try {
    return await printIn(browser, html, assets, options);
  } finally {
    await browser.close();
  }
}

/**
 * HTML document → paged DOM → PDF bytes, in a tab of `browser`. The page sees
 * only the document and the files in `assets`; every other request is refused.
 * A browser that crashed (or whose page did) is replaced and the document tried
 * once more.
 */
export async function printIn(
  browser: PrintBrowser,
  html: string,
  assets: AssetMap,
  options: PrintOptions = {},
): Promise<PrintResult> {
  try {
    return await printOnce(browser, html, assets, options);
  } catch (error) {
    if (!isCrash(error)) throw error;
    await browser.replace();
    const result = await printOnce(browser, html, assets, options);
    return {
      ...result,
      warnings: [`the browser crashed (${messageOf(error)}); tried the document once more`, ...result.warnings],
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

async function printOnce(
  browser: PrintBrowser,
  html: string,
  assets: AssetMap,
  options: PrintOptions,
): Promise<PrintResult> {
  const timeout = options.timeout ?? 60_000;
  const stage = timer(options.onStage);
  const tab = await browser.open();
  let reusable = false;
  try {
    const result = await printInPage(tab.page, html, assets, timeout, stage);
    reusable = true;
    return result;
  } finally {
    await tab.release(reusable);
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

/** Tabs already told to lay out in print media. */
const printMediaPages = new WeakSet<Page>();

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
  const onPageError = (error: unknown) => pageErrors.push(error instanceof Error ? error.message : String(error));
  page.on('pageerror', onPageError);
  // A renderer that crashes leaves its promises pending: fail fast instead.
  let onCrash: ((error: Error) => void) | undefined;
  const crashed = new Promise<never>((_, reject) => {
    onCrash = (error) => reject(new Error(`Page crashed: ${error.message}`));
    page.once('error', onCrash);
  });
  crashed.catch(() => {});
  // Lay out as it will print: measurements taken in screen media (the last
  // sheet's column height, the overflow checks) can differ from print by a line.
  // Once per tab, which keeps it across documents: set again, it lays out the
  // previous document anew (15 ms for the seed, on each rebuild).
  if (!printMediaPages.has(page)) {
    await page.emulateMediaType('print');
    printMediaPages.add(page);
  }
  const session = await page.createCDPSession();
  try {
    await serveDocument(session, html, assets, warnings);
    return await loadAndPrint(page, html, timeout, stage, crashed, pageErrors, warnings);
  } finally {
    // The tab may serve the next document: it keeps nothing of this one.
    page.off('pageerror', onPageError);
    if (onCrash) page.off('error', onCrash);
    await session.detach().catch(() => {});
  }
}

/**
 * Loads the document in the tab: in place of the one it holds, if that is a
 * banmian page done with its layout (see the runtime's `replaceDocument`), else
 * by navigating to it.
 */
async function load(page: Page, html: string): Promise<void> {
  const replaced =
    page.url() === DOCUMENT_ORIGIN + DOCUMENT_PATH &&
    (await page.evaluate((next) => window.banmian?.replaceDocument?.(next) ?? false, html).catch(() => false));
  if (!replaced) await page.goto(DOCUMENT_ORIGIN + DOCUMENT_PATH, { waitUntil: 'load', timeout: 0 });
}

async function loadAndPrint(
  page: Page,
  html: string,
  timeout: number,
  stage: (name: PrintStage) => void,
  crashed: Promise<never>,
  pageErrors: string[],
  warnings: string[],
): Promise<PrintResult> {
  // One deadline for loading and laying out the document.
  const deadline = performance.now() + timeout;
  const timeoutMessage = `The layout did not finish within ${timeout / 1000} s`;
  let layout: LayoutReport;
  try {
    await withTimeout(Promise.race([load(page, html), crashed]), timeout, timeoutMessage);
    stage('load');
    layout = parseLayoutReport(
      await withTimeout(
        Promise.race([page.evaluate(() => window.banmian.layout), crashed]),
        Math.max(0, deadline - performance.now()),
        timeoutMessage,
      ),
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
  if (layout.columnPages > LONG_DOCUMENT_COLUMNS) await collectGarbageInPage(page);

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

/**
 * From this many columns on, the page's garbage is collected before it is
 * printed. Laying out leaves tens of MB of it (Paged.js's copy of the
 * content, the fragments it cut off each column: 65 MiB at 60 pages), which
 * the browser would otherwise still hold while printing, its peak. The
 * collection costs 0.2–0.4 s, and printing after it is a little slower: a
 * short document, far from the memory limit, does not repay it.
 */
const LONG_DOCUMENT_COLUMNS = 24;

async function collectGarbageInPage(page: Page): Promise<void> {
  const session = await page.createCDPSession();
  try {
    await session.send('HeapProfiler.collectGarbage');
  } finally {
    await session.detach().catch(() => {});
  }
}

/**
 * Answers every request of the page from `html` and `assets`, through the
 * DevTools Fetch domain directly: Puppeteer's request interception pairs each
 * request with its network events first, which cost tens of ms per file.
 */
async function serveDocument(session: CDPSession, html: string, assets: AssetMap, warnings: string[]): Promise<void> {
  const document = Buffer.from(html);
  session.on('Fetch.requestPaused', ({ requestId, request, resourceType }) => {
    const respond = async () => {
      const url = new URL(request.url);
      if (url.protocol === 'data:') return session.send('Fetch.continueRequest', { requestId });
      if (url.origin !== DOCUMENT_ORIGIN) {
        warnings.push(`Refused to load ${request.url}`);
        return session.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' });
      }
      const asset =
        url.pathname === DOCUMENT_PATH
          ? { body: document, contentType: 'text/html; charset=utf-8' }
          : await assets.read(url.pathname);
      // A picture whose file went away after the Markdown stage (a save during --watch) prints as
      // the placeholder, in the box the layout already gave it, not as a broken-image icon.
      const picture = resourceType === 'Image';
      if (!asset) warnings.push(`Not found: ${url.pathname}${picture ? ' (a placeholder shown)' : ''}`);
      if (!asset && picture) return fulfillWithPlaceholder(session, requestId);
      return session.send('Fetch.fulfillRequest', {
        requestId,
        responseCode: asset ? 200 : 404,
        responseHeaders: [
          { name: 'Content-Type', value: asset?.contentType ?? 'text/plain' },
          // Every URL but the document's names fixed bytes (a version, or the subset's hash): a tab
          // reused for the next document or rebuild takes unchanged files, compiled scripts too, from its cache.
          ...(asset && url.pathname !== DOCUMENT_PATH
            ? [{ name: 'Cache-Control', value: 'max-age=31536000, immutable' }]
            : []),
        ],
        body: (asset?.body ?? Buffer.from('not found')).toString('base64'),
      });
    };
    respond().catch((error: unknown) => {
      // A page closed mid-request: nothing to answer.
      if (!/Target closed|Session closed|Invalid InterceptionId/i.test(messageOf(error))) warnings.push(String(error));
    });
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
}

/** Answers a picture's request with the placeholder (uncached: the file may turn up by the next build). */
function fulfillWithPlaceholder(session: CDPSession, requestId: string) {
  return session.send('Fetch.fulfillRequest', {
    requestId,
    responseCode: 200,
    responseHeaders: [{ name: 'Content-Type', value: 'image/svg+xml' }],
    body: Buffer.from(PLACEHOLDER_SVG).toString('base64'),
  });
}

function timer(onStage: PrintOptions['onStage']): (name: PrintStage) => void {
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    onStage?.(name, now - last);
    last = now;
  };
}
