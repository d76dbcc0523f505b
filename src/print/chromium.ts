import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { BanmianError } from '../errors.js';
import { PipeTransport } from './pipe-transport.js';

/**
 * Where a system Chromium or Chrome is usually installed, fastest first. The
 * headless shell (Debian's `chromium-headless-shell`) is Chromium's layout and
 * printing without the browser around them: it starts in 0.75 s here where the
 * full browser takes 2.3 s, and prints the same glyphs at the same places. The
 * binary itself, not Debian's /usr/bin wrapper script: a killed wrapper would
 * leave the browser running. (Chrome's `chrome-headless-shell` can be given as
 * PUPPETEER_EXECUTABLE_PATH.)
 */
export const systemBrowserPaths = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export class BrowserNotFoundError extends BanmianError {
  override name = 'BrowserNotFoundError';
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to print with: PUPPETEER_EXECUTABLE_PATH, else the first system
 * browser found. banmian never downloads one.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, candidates = systemBrowserPaths): string {
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new BrowserNotFoundError(`PUPPETEER_EXECUTABLE_PATH is ${configured}, which is not an executable file`);
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new BrowserNotFoundError(
    'No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install chromium-headless-shell`) ' +
      'or set PUPPETEER_EXECUTABLE_PATH to its executable.',
  );
}

/** Whether the executable is a headless shell, which is headless without being told. */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell/.test(path.basename(executablePath));
}

/**
 * Flags that run headless as root on CI machines without a network (no
 * sandbox, no GPU, no /dev/shm, nothing fetched in the background), with those Puppeteer's own launcher would add that matter here: tagged PDF
 * and outline, no throttling of background windows, no component updates or
 * first-run work.
 */
export const chromiumArgs = [
  '--allow-pre-commit-input',
  '--enable-automation',
  '--disable-infobars',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--disable-quic',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
  '--export-tagged-pdf',
  '--generate-pdf-document-outline',
  '--force-color-profile=srgb',
  '--hide-scrollbars',
  '--mute-audio',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--font-render-hinting=none',
];

/** The flags for this executable: a full browser is also told to run headless. */
export function chromiumArgsFor(executablePath: string): string[] {
  return isHeadlessShell(executablePath) ? chromiumArgs : ['--headless=new', ...chromiumArgs];
}

/** A Chromium started by banmian, the DevTools protocol over its pipes. */
export interface ChromiumProcess {
  child: ChildProcess;
  transport: PipeTransport;
  /** Rejects if the process fails to start or exits, with the end of what it wrote to stderr. */
  exited: Promise<never>;
}

export interface ChromiumStart {
  /** Its profile folder, which the caller removes. */
  profile: string;
  /** One process for everything: starts sooner, lays out one document at a time. */
  singleProcess?: boolean | undefined;
}

/**
 * Starts Chromium by hand, before Puppeteer is even loaded: a cold build gains the time Node takes to
 * load it. The DevTools protocol goes over pipes, so no port is opened.
 */
export function startChromium(executablePath: string, { profile, singleProcess }: ChromiumStart): ChromiumProcess {
  const child = spawn(
    executablePath,
    [
      ...chromiumArgsFor(executablePath),
      ...(singleProcess ? ['--single-process', '--no-zygote'] : []),
      `--user-data-dir=${profile}`,
      // For the layout's one full collection before it composes the sheets (layout/browser/runtime.ts).
      '--js-flags=--expose-gc',
      '--remote-debugging-pipe',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  // Listening from the start: a browser that dies at once closes its pipes before Puppeteer is loaded.
  const transport = new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable);
  return { child, transport, exited: exitOf(child) };
}

function exitOf(child: ChildProcess): Promise<never> {
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`it exited (${signal ?? code})${output.trim() ? `: ${output.trim()}` : ''}`)),
    );
  });
  exited.catch(() => {});
  return exited;
}
