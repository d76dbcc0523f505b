import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** A file banmian needs cannot be read or written: the message names it and says why. */
export class FileError extends Error {
  override name = 'FileError';
}

/** The Markdown text of `input`; a file that cannot be read is a FileError naming it. */
export async function readInput(input: string): Promise<string> {
  try {
    return await readFile(input, 'utf8');
  } catch (error) {
    throw new FileError(`${input}: ${describeFsError(error)}`);
  }
}

export async function requireReadable(file: string): Promise<void> {
  try {
    await readFile(file);
  } catch (error) {
    throw new FileError(`${file}: ${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Writes via a temporary file in the same folder and a rename: a failed build leaves the old file. */
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, typeof data === 'string' ? data : Buffer.from(data));
}
