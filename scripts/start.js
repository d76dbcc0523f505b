// `npm start`: does whatever setup a fresh clone still lacks — npm packages, the
// compiled sources, a Chromium — then builds input/digest.md into output/digest.pdf.
// Plain JavaScript with Node's own modules only: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(message) {
  process.stderr.write(`banmian setup: ${message}\n`);
}

/** Whether the command ran and succeeded. */
function tryRun(command, args) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0;
}

function run(command, args) {
  if (!tryRun(command, args)) {
    step(`\`${command} ${args.join(' ')}\` failed`);
    process.exit(1);
  }
}

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(file) : mtime(file));
  }
  return newest;
}

// 1. npm packages: missing, or older than the lock file.
const installed = path.join(root, 'node_modules', '.package-lock.json');
if (mtime(installed) < mtime(path.join(root, 'package-lock.json'))) {
  step('installing npm packages (npm ci)');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}

// 2. The compiled sources and the CLI bundle: missing, or older than src/.
const compiled = path.join(root, 'dist', 'bundle', 'main.js');
if (mtime(compiled) < newestIn(path.join(root, 'src'))) {
  step('compiling (npm run build)');
  run(npm, ['run', 'build', '--silent']);
}

// 3. A browser to print with: Debian's Chromium headless shell (it starts three times as fast as
// the full browser), installed through apt where we may; a Chrome or Chromium already there will do.
const { findBrowser, isHeadlessShell, BrowserNotFoundError } = await import('../dist/print/chromium.js');
let browser;
let notFound;
try {
  browser = findBrowser();
} catch (error) {
  if (!(error instanceof BrowserNotFoundError)) throw error;
  notFound = error;
}
const mayInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && !process.env.PUPPETEER_EXECUTABLE_PATH;
if (!browser || (!isHeadlessShell(browser) && mayInstall)) {
  if (mayInstall) {
    step('installing Chromium (apt-get install chromium-headless-shell)');
    const installed =
      tryRun('apt-get', ['update', '-qq']) &&
      tryRun('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium-headless-shell']);
    if (!installed && !browser) {
      step('`apt-get install chromium-headless-shell` failed');
      process.exit(1);
    }
    if (!installed) step(`could not install the headless shell; printing with ${browser}`);
  } else {
    step(notFound.message);
    process.exit(1);
  }
}

// 4. The build itself; extra arguments go to `banmian build`.
const args = process.argv.slice(2);
const result = spawnSync(
  process.execPath,
  [path.join(root, 'bin', 'banmian.js'), 'build', path.join(root, 'input', 'digest.md'), ...args],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
