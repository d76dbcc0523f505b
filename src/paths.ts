import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own folder: the nearest above this module (in src/, dist/ or the CLI bundle) with our package.json. */
export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'banmian') return dir;
  }
  return path.dirname(from);
}

export const defaultTemplate = path.join(packageRoot, 'templates', 'newspaper.html');
export const defaultStyles = [path.join(packageRoot, 'styles', 'newspaper.css')];

/** The compiled in-page layout script (built by `tsc` into dist/). */
export const layoutRuntime = path.join(packageRoot, 'dist', 'layout', 'browser', 'runtime.js');

/** The in-page script of `banmian preview` (reloads, errors, designer aids), bundled by rolldown into one file. */
export const previewClient = path.join(packageRoot, 'dist', 'bundle', 'preview-client.js');

const require = createRequire(import.meta.url);

/** A file inside an installed npm package, resolved the way Node resolves the package. */
export function packageFile(packageName: string, file: string): string {
  return path.join(packageDir(packageName), file);
}

function packageDir(packageName: string): string {
  // Packages whose `exports` hide package.json: walk up from their entry point.
  let dir = path.dirname(require.resolve(packageName));
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === packageName) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`Cannot find the folder of the npm package ${packageName}`);
}
