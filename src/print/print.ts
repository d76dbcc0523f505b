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

/**
 * HTML document → paged DOM → PDF bytes, in a headless system Chromium. The
 * page sees only the document and the files in `assets`; every other request
 * is refused.
 */
export async function printDocument(html: string, assets: AssetMap, options: PrintOptions = {}): Promise<PrintResult> {
  const timeout = options.timeout ?? 60_000;
  const stage = timer(options.onStage);
  const browser = await puppeteer.launch({
    executablePath: options.browserPath ?? findBrowser(),
    headless: true,
    args: chromiumArgs,
    timeout,
  });
  try {
    stage('launch');
    const [firstTab] = await browser.pages();
    const page = firstTab ?? (await browser.newPage());
    return await printInPage(browser, page, html, assets, timeout, stage);
  } finally {
    await browser.close();
  }
}

async function printInPage(
  _browser: Browser,
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
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    serve(request, html, assets, warnings).catch((error: unknown) => warnings.push(String(error)));
  });

  await page.goto(DOCUMENT_ORIGIN + DOCUMENT_PATH, { waitUntil: 'load' });
  stage('load');

  let layout: LayoutReport;
  try {
    layout = await withTimeout(
      page.evaluate(() => window.banmian.layout),
      timeout,
      `The layout did not finish within ${timeout / 1000} s`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^Error: /, '') : String(error);
    const details = pageErrors.length ? ` (${pageErrors.join('; ')})` : '';
    throw new LayoutError(`Layout failed: ${message}${details}`);
  }
  if (layout.textMismatch) {
    throw new LayoutError(`Text was lost in layout ${layout.textMismatch}`);
  }
  stage('layout');

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout });
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
