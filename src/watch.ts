import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { type BatchItem, type BatchOutcome, buildItem } from './batch.js';
import { type BuildOptions, browserOptionsFor } from './build.js';
import { batchSettings, parseOptions } from './options/schema.js';
import { defaultStyles, defaultTemplate } from './paths.js';
import { PrintBrowser } from './print/browser.js';

/** What a save changed: a Markdown file's content, or the document around it (template, stylesheets). */
export type SourceChange = { kind: 'content'; input: string } | { kind: 'document' };

export interface WatchedSources {
  /** The Markdown files. */
  inputs: readonly string[];
  template?: string | undefined;
  styles?: readonly string[] | undefined;
}

/** How long a file found empty after a change is given to be written, in ms. */
const WAIT_FOR_WRITE_MS = 100;

/**
 * Watches the Markdown, the template and the stylesheets (the default ones
 * too); calls back once per burst of saves of one file, with absolute paths.
 */
export function watchSources(sources: WatchedSources, onChange: (change: SourceChange) => void): FSWatcher {
  const inputs = new Set(sources.inputs.map((input) => path.resolve(input)));
  const documentFiles = [sources.template, ...(sources.styles ?? [])].filter((file): file is string => !!file);
  const watcher = watch(
    [...inputs, ...documentFiles.map((file) => path.resolve(file)), defaultTemplate, ...defaultStyles],
    {
      ignoreInitial: true,
    },
  );
  const timers = new Map<string, NodeJS.Timeout>();
  const settle = (file: string, delay: number, waitedForWrite = false) => {
    clearTimeout(timers.get(file));
    timers.set(
      file,
      setTimeout(() => {
        timers.delete(file);
        // A save in place truncates the file and then writes it: two events that a busy machine can
        // set further apart than the 10 ms a burst is given. An empty file is most likely the first.
        if (!waitedForWrite && statSync(file, { throwIfNoEntry: false })?.size === 0) {
          settle(file, WAIT_FOR_WRITE_MS, true);
          return;
        }
        onChange(inputs.has(file) ? { kind: 'content', input: file } : { kind: 'document' });
      }, delay),
    );
  };
  // An editor's save can be several events (write, rename); one rebuild for them all.
  watcher.on('all', (_event, changed) => settle(path.resolve(changed), 10));
  const close = watcher.close.bind(watcher);
  watcher.close = () => {
    for (const timer of timers.values()) clearTimeout(timer);
    return close();
  };
  return watcher;
}

export interface SerialQueue<V> {
  /** Queues `key` with `value`; a key already waiting keeps its place and takes the merged value. */
  add(key: string, value: V): void;
  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void>;
  /** Drops what waits; resolves when the running job is done. */
  clear(): Promise<void>;
}

/**
 * Runs one job at a time, keys in the order first queued. Rebuilds must not
 * overlap: two at once can finish in the wrong order and leave the older
 * save's result standing.
 */
export function serialQueue<V>(
  run: (key: string, value: V) => Promise<void>,
  merge: (waiting: V, next: V) => V = (_waiting, next) => next,
): SerialQueue<V> {
  const waiting = new Map<string, V>();
  let running: Promise<void> | undefined;
  const drain = async () => {
    for (let next = waiting.entries().next(); !next.done; next = waiting.entries().next()) {
      const [key, value] = next.value;
      waiting.delete(key);
      await run(key, value);
    }
  };
  return {
    add(key, value) {
      waiting.set(key, waiting.has(key) ? merge(waiting.get(key) as V, value) : value);
      running ??= drain().finally(() => {
        running = undefined;
      });
    },
    idle: async () => {
      while (running) await running;
    },
    async clear() {
      waiting.clear();
      await running;
    },
  };
}

export interface WatchBuildOptions extends Omit<BuildOptions, 'input' | 'output' | 'html' | 'browser' | 'onStage'> {
  items: readonly BatchItem[];
  /** Called after each build, the first ones included. */
  onBuilt: (built: WatchedBuild) => void;
}

export type WatchedBuild = BatchOutcome & {
  /** Milliseconds from the save that caused the build (the file's modification time) to the PDF written. */
  sinceSave: number | undefined;
};

export interface BuildWatcher {
  /** Resolves when the first build of every item is done. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * `banmian build --watch`: builds each item, then again each time its Markdown
 * is saved (every item when the template or a stylesheet is), in one browser
 * kept running, one build at a time. Saves during a build are not lost: the
 * file is built again after it.
 */
export function watchBuilds(given: WatchBuildOptions): BuildWatcher {
  // Checked here, once, rather than failing every build.
  const options: WatchBuildOptions = { ...given, ...parseOptions(batchSettings, given) };
  const { items, onBuilt, ...buildOptions } = options;
  const byInput = new Map(items.map((item) => [path.resolve(item.input), item]));
  // One build at a time: a browser in one process starts sooner, takes less memory and prints faster.
  const browser = PrintBrowser.start({
    handleSignals: false,
    singleProcess: true,
    ...browserOptionsFor(options),
  });
  const queue = serialQueue<number | undefined>(async (input, savedAt) => {
    const outcome = await browser.then(
      (started) => buildItem(byInput.get(input) as BatchItem, buildOptions, started),
      (error: unknown) => ({ ...(byInput.get(input) as BatchItem), ms: 0, error }),
    );
    onBuilt({ ...outcome, sinceSave: savedAt === undefined ? undefined : Date.now() - savedAt });
  });
  const enqueue = (inputs: Iterable<string>, savedAt: number | undefined) => {
    for (const input of inputs) queue.add(input, savedAt);
    return queue.idle();
  };

  const watcher = watchSources(
    { inputs: [...byInput.keys()], template: options.template, styles: options.styles },
    (change) => {
      void (async () => {
        const changed = change.kind === 'content' ? change.input : undefined;
        const savedAt = changed
          ? await stat(changed).then(
              (info) => info.mtimeMs,
              () => undefined,
            )
          : Date.now();
        void enqueue(changed ? [changed] : byInput.keys(), savedAt);
      })();
    },
  );
  const ready = enqueue(byInput.keys(), undefined);
  return {
    ready,
    async close() {
      await watcher.close();
      await queue.clear();
      await (await browser.catch(() => undefined))?.close();
    },
  };
}
