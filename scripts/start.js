// `npm start`: does whatever setup a fresh clone still lacks (scripts/setup.js), then builds
// input/digest.md into output/digest.pdf. Plain JavaScript with Node's own modules only: it runs before
// anything is installed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileIfStale, installDebianPackages, installLine, installNpmPackages, step } from './setup.js';

const root = fileURLToPath(new URL('../', import.meta.url));

installNpmPackages();
compileIfStale();
const missing = installDebianPackages();
if (missing.length > 0) step(installLine(missing));

// A browser is all the build itself needs: any Chromium or Chrome will do when the headless shell is not there.
const { findBrowser, BrowserNotFoundError } = await import('../dist/print/chromium.js');
try {
  findBrowser();
} catch (error) {
  if (!(error instanceof BrowserNotFoundError)) throw error;
  step(error.message);
  process.exit(1);
}

// The build itself; extra arguments go to `banmian build`.
const args = process.argv.slice(2);
const result = spawnSync(
  process.execPath,
  [path.join(root, 'bin', 'banmian.js'), 'build', path.join(root, 'input', 'digest.md'), ...args],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
