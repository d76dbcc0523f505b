export interface DebianPackage {
  name: string;
  /** The executable that shows the package is there… */
  executable?: string;
  /** …or, for a font, the file. */
  file?: string;
  /** The version the tests expect, for a pinned package. */
  version?: string;
  use: string;
}
export const debianPackages: readonly DebianPackage[];
export function step(message: string): void;
export function installedVersion(name: string): string | undefined;
export function versionWarnings(): string[];
export function installNpmPackages(): void;
export function compileIfStale(): void;
export function installDebianPackages(): string[];
export function installLine(missing: readonly string[]): string;
