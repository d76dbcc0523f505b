// The setup a fresh clone lacks, shared by `npm start`, `npm test` (its pretest) and CI: npm packages, the
// compiled sources, and the Debian packages banmian and its tests use — installed through apt when we are
// root, else named in one line. Plain JavaScript with Node's own modules only: it runs before anything is
// installed. Run directly (`node scripts/setup.js`) it does it all and fails when something is still missing.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Debian's packages, each with the executable (or, for a font, the file) that shows it is there and what
 * it is for. The headless shell prints (it starts three times as fast as the full browser, which a test
 * compares it with); poppler-utils and MuPDF read PDFs (preflight, proof, the tests); Ghostscript writes
 * PDF/X; LXGW WenKai is the Kai face (楷体, src/document/fonts.ts). A package with a `version` is pinned:
 * the tests check that the installed one is that version (a new one can change the page), and setup says
 * when it is not.
 */
export const debianPackages = [
  { name: 'chromium-headless-shell', executable: '/usr/lib/chromium/chromium-headless-shell', use: 'printing' },
  { name: 'chromium', executable: 'chromium', use: 'the browser comparison test' },
  { name: 'poppler-utils', executable: 'pdffonts', use: 'preflight and the tests' },
  { name: 'mupdf-tools', executable: 'mutool', use: 'proof, preflight and the tests' },
  { name: 'ghostscript', executable: 'gs', use: '--pdfx' },
  {
    name: 'fonts-lxgw-wenkai',
    file: '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf',
    version: '1.250+repack-1',
    use: 'the Kai face of decks, bylines and captions',
  },
];

export function step(message) {
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

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  if (command.includes('/')) return isExecutable(command);
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, command)));
}

function isInstalled(pkg) {
  return pkg.file ? existsSync(pkg.file) : onPath(pkg.executable);
}

/** The installed version of a Debian package, or undefined (not installed, or no dpkg). */
export function installedVersion(name) {
  // `name<TAB>version`; the version is empty for a package removed but not purged.
  const query = spawnSync('dpkg-query', ['-W', '--', name], { encoding: 'utf8' });
  const version = query.status === 0 ? query.stdout.trim().split('\t')[1] : undefined;
  return version || undefined;
}

/** A line for each pinned package installed in another version than the one the tests expect. */
export function versionWarnings() {
  return debianPackages
    .filter((pkg) => pkg.version && isInstalled(pkg))
    .map((pkg) => ({ pkg, installed: installedVersion(pkg.name) }))
    .filter(({ pkg, installed }) => installed && installed !== pkg.version)
    .map(({ pkg, installed }) => `${pkg.name} is ${installed}; banmian is tested with ${pkg.version}`);
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

/** npm packages: installed when missing or older than the lock file. */
export function installNpmPackages() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (mtime(installed) >= mtime(path.join(root, 'package-lock.json'))) return;
  step('installing npm packages (npm ci)');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}

/** The compiled sources and the CLI bundle: built when missing or older than src/. */
export function compileIfStale() {
  const compiled = path.join(root, 'dist', 'bundle', 'main.js');
  if (mtime(compiled) >= newestIn(path.join(root, 'src'))) return;
  step('compiling (npm run build)');
  run(npm, ['run', 'build', '--silent']);
}

/**
 * Installs the missing Debian packages through apt where we may (as root, with apt), and says which pinned
 * ones are in another version. Returns the names still missing.
 */
export function installDebianPackages() {
  const missing = debianPackages.filter((pkg) => !isInstalled(pkg)).map((pkg) => pkg.name);
  if (missing.length > 0) aptInstall(missing);
  for (const warning of versionWarnings()) step(warning);
  return debianPackages.filter((pkg) => !isInstalled(pkg)).map((pkg) => pkg.name);
}

function aptInstall(names) {
  const mayInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!mayInstall) return;
  step(`installing ${names.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { cwd: root, stdio: 'inherit', env }).status === 0;
  const installed = apt(['update', '-qq']) && apt(['install', '-y', '-qq', '--no-install-recommends', '--', ...names]);
  if (!installed) step(`\`apt-get install ${names.join(' ')}\` failed`);
}

/** The one line that says what to install by hand, and what each package is for. */
export function installLine(missing) {
  const named = debianPackages.filter((pkg) => missing.includes(pkg.name)).map((pkg) => `${pkg.name} (${pkg.use})`);
  return `missing Debian packages: ${named.join(', ')} — run \`sudo apt-get install ${missing.join(' ')}\``;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  installNpmPackages();
  const missing = installDebianPackages();
  if (missing.length > 0) {
    step(installLine(missing));
    process.exit(1);
  }
}
