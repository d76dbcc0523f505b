import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { type BuildOptions, type BuildResult, browserOptionsFor, build } from './build.js';
import type { Shard } from './options/fields.js';
import { batchSettings, parseOptions } from './options/schema.js';
import { PrintBrowser } from './print/browser.js';

/** A Markdown file to build and the PDF it becomes. */
export interface BatchItem {
  input: string;
  output: string;
}

export interface BatchOptions extends Omit<BuildOptions, 'input' | 'output' | 'html' | 'browser' | 'onStage'> {
  items: readonly BatchItem[];
  /** Documents laid out at once, each in a tab of the one browser; default: the machine's cores. */
  jobs?: number;
  /** Called as each document is done, in the order they finish. */
  onDone?: (outcome: BatchOutcome) => void;
}

export type BatchOutcome = BatchItem & { ms: number } & ({ result: BuildResult } | { error: unknown });

export interface BatchResult {
  /** One per item, in the items' order. */
  outcomes: BatchOutcome[];
  failed: number;
  /** Browsers started (or reached): 1, or more if one crashed. */
  browsers: number;
  jobs: number;
}

/**
 * Builds many documents with one browser and a bounded pool of tabs: the
 * Markdown and fonts of one document are prepared while another is laid out.
 * A document that fails does not stop the others. Only a browser that cannot
 * be started at all fails the batch as a whole.
 */
export async function buildMany(given: BatchOptions): Promise<BatchResult> {
  const options: BatchOptions = { ...given, ...parseOptions(batchSettings, given) };
  const { items, jobs: requested, onDone, ...buildOptions } = options;
  const jobs = Math.max(1, Math.min(requested ?? availableParallelism(), items.length));
  const browser = await PrintBrowser.start({
    ...browserOptionsFor(options),
  });
  const outcomes: BatchOutcome[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const outcome = await buildItem(items[index] as BatchItem, buildOptions, browser);
      outcomes[index] = outcome;
      onDone?.(outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    await browser.close();
  }
  return {
    outcomes,
    failed: outcomes.filter((outcome) => 'error' in outcome).length,
    browsers: browser.launches,
    jobs,
  };
}

/** One document built in `browser`: its result, or the error that stopped it. */
export async function buildItem(
  item: BatchItem,
  options: Omit<BuildOptions, 'input' | 'output' | 'browser'>,
  browser: PrintBrowser,
): Promise<BatchOutcome> {
  const started = performance.now();
  try {
    const result = await build({ ...options, ...item, browser });
    return { ...item, ms: performance.now() - started, result };
  } catch (error) {
    return { ...item, ms: performance.now() - started, error };
  }
}

/**
 * The Markdown files named by `paths`, with the PDF each becomes under
 * `outDir`: a file as `<name>.pdf`, a folder's files (recursively, hidden
 * folders and node_modules left out) at their path inside it. A path that
 * does not exist is kept, so its build fails with its own message.
 */
export async function batchItems(paths: readonly string[], outDir: string): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => undefined);
    if (info?.isDirectory()) {
      const entries = await readdir(given, { recursive: true });
      const files = entries
        .filter((entry) => /\.(md|markdown)$/i.test(entry))
        .filter((entry) => !entry.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules'))
        .sort();
      for (const file of files) items.push({ input: path.join(given, file), output: pdfPath(outDir, file) });
    } else {
      items.push({ input: given, output: pdfPath(outDir, path.basename(given)) });
    }
  }
  return items;
}

function pdfPath(outDir: string, relative: string): string {
  return path.join(outDir, `${relative.replace(/\.[^./\\]*$/, '')}.pdf`);
}

/** Outputs that more than one input would write. */
export function sharedOutputs(items: readonly BatchItem[]): string[] {
  const seen = new Map<string, number>();
  for (const item of items) seen.set(path.resolve(item.output), (seen.get(path.resolve(item.output)) ?? 0) + 1);
  return [...seen].filter(([, count]) => count > 1).map(([output]) => output);
}

/** The i-th of n slices of `list` (1-based), taking every n-th item: a CI matrix job's share. */
export function shardOf<T>(list: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...list];
  return list.filter((_, position) => position % shard.count === shard.index - 1);
}
