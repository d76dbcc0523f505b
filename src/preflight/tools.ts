import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BanmianError } from '../errors.js';

const run = promisify(execFile);

/** A tool preflight needs is missing, or the file is not a PDF it can read. */
export class PreflightError extends BanmianError {
  override name = 'PreflightError';
}

/** A tool's stdout; a missing tool or a file it cannot read is a PreflightError naming the Debian package. */
export async function tool(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(command, args, { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const apt = command === 'mutool' ? 'mupdf-tools' : command === 'gs' ? 'ghostscript' : 'poppler-utils';
      throw new PreflightError(`preflight needs ${command} (Debian: apt install ${apt})`);
    }
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new PreflightError(`${command} cannot read the file: ${stderr.split('\n')[0] ?? code}`);
  }
}
