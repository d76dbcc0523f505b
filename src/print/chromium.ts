import { accessSync, constants } from 'node:fs';

/** Where a system Chromium or Chrome is usually installed. */
export const systemBrowserPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export class BrowserNotFoundError extends Error {
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
    'No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
      'or set PUPPETEER_EXECUTABLE_PATH to its executable.',
  );
}

/** Flags that run headless as root on CI machines without a network (NOTES §6). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--font-render-hinting=none',
];
