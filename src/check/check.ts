import type { VFile } from 'vfile';
import { readInput } from '../files.js';
import { markdownToHast } from '../markdown/processor.js';
import { checkSettings, parseOptions } from '../options/schema.js';
import { checkPreset } from './preset.js';

export interface CheckOptions {
  /** Check the text as the build repairs it (default: true), or as it is written. */
  repair?: boolean;
}

/**
 * Editorial lint of a Markdown file: everything the build says about the
 * Markdown (repairs, a missing headline…) and the rules in preset.ts, run on
 * the very tree the build typesets — the rules are added to the build's own
 * processor, after the repair. The messages are on the returned file, in
 * source order; any with `fatal: true` is an error.
 */
export async function check(input: string, options: CheckOptions = {}): Promise<VFile> {
  const file = await readInput(input);
  return checkFile(file, options);
}

/** `check` on a file already read (for tests and editors holding the text). */
export async function checkFile(file: VFile, options: CheckOptions = {}): Promise<VFile> {
  await markdownToHast(file, { repair: parseOptions(checkSettings, options).repair, remarkPlugins: [checkPreset] });
  file.messages.sort(bySourceOrder);
  return file;
}

type Message = VFile['messages'][number];

function bySourceOrder(a: Message, b: Message): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
