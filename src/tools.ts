import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { BanmianError } from './errors.js';

const execFileAsync = promisify(execFile);

/**
 * The external programs banmian runs (Ghostscript for --pdfx and preflight,
 * MuPDF and poppler-utils for preflight and proof), found on PATH and run the
 * one way: a missing program or a failed run is a ToolError in one line that
 * names the command and, when it is missing, the Debian package to install.
 */
export type ToolCommand = 'gs' | 'mutool' | 'pdfinfo' | 'pdffonts' | 'pdfimages';

const DEBIAN_PACKAGE: Record<ToolCommand, string> = {
  gs: 'ghostscript',
  mutool: 'mupdf-tools',
  pdfinfo: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfimages: 'poppler-utils',
};

/** An external program is missing or failed. */
export class ToolError extends BanmianError {
  override name = 'ToolError';
}

/** The program's path on PATH; a ToolError saying what needs it and what to install when it is not there. */
export async function findTool(command: ToolCommand, neededBy: string): Promise<string> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  throw new ToolError(`${neededBy} needs ${command} (Debian: apt install ${DEBIAN_PACKAGE[command]})`);
}

/**
 * Runs the program with `args` and returns its stdout. `neededBy` says who
 * asked (`--pdfx`, `preflight`, `proof`); a failure is a ToolError naming the
 * command with the first line it wrote to stderr.
 */
export async function runTool(command: ToolCommand, args: readonly string[], neededBy: string): Promise<string> {
  const file = await findTool(command, neededBy);
  try {
    const { stdout } = await execFileAsync(file, args, { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    throw new ToolError(`${command} failed (${neededBy}): ${firstLine(error)}`, {}, { cause: error });
  }
}

/** The first non-empty line of a failed run's stderr, else its message. */
function firstLine(error: unknown): string {
  const stderr = String((error as { stderr?: unknown }).stderr ?? '');
  const line = stderr
    .split('\n')
    .map((text) => text.trim())
    .find(Boolean);
  return line ?? (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
}
