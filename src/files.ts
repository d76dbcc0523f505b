import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { location as vfileLocation } from 'vfile-location';
import writeFileAtomic from 'write-file-atomic';
import { BanmianError } from './errors.js';

/** A file banmian needs cannot be read or written: the message names it and says why. */
export class FileError extends BanmianError {
  override name = 'FileError';
}

/**
 * The Markdown file `input` as a VFile; a file that cannot be read is a
 * FileError naming it. Bytes that are not UTF-8 become U+FFFD and NUL bytes
 * are dropped, each with a warning at its line and column, so that odd input
 * still builds and says where it was odd.
 */
export async function readInput(input: string): Promise<VFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(input);
  } catch (error) {
    throw new FileError(`${input}: ${describeFsError(error)}`);
  }
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  let valid = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    valid = false;
  }
  const file = new VFile({ path: input, value: text.replaceAll('\u0000', '') });
  const location = vfileLocation(text);
  const first = (character: string) => location.toPoint(text.indexOf(character));
  const nuls = text.split('\u0000').length - 1;
  if (nuls > 0) {
    file.message(`${nuls} NUL ${nuls === 1 ? 'byte' : 'bytes'} removed`, {
      place: first('\u0000'),
      ruleId: 'input-encoding',
      source: 'banmian',
    });
  }
  if (!valid) {
    file.message('Bytes that are not UTF-8, printed as \ufffd: save the file as UTF-8', {
      place: first('\ufffd'),
      ruleId: 'input-encoding',
      source: 'banmian',
    });
  }
  return file;
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
