import {
  type BatchItem,
  type BatchOptions,
  type BatchOutcome,
  batchItems,
  buildMany,
  shardOf,
  sharedOutputs,
} from '../batch.js';
import { type BuildOptions, build } from '../build.js';
import { BanmianError } from '../errors.js';
import { type BuildCommandOptions, buildCommandOptions, OptionError } from '../options/schema.js';
import { type CliCommand, EXIT_FAILED, EXIT_OK, type Io, reportFailure, untilInterrupted } from './command.js';
import { formatDuration, gridLine, pagesOf, relative, stageLine } from './format.js';
import { markdownSummary } from './summary.js';

/** `banmian build`: one PDF in a browser of its own, several in one browser's tabs, or again on each save. */
export const buildCommand: CliCommand<typeof buildCommandOptions, string[]> = {
  name: 'build',
  description: 'Build PDFs (and optionally the HTML document) from Markdown files',
  argument: ['<input.md...>', 'the Markdown to typeset: files, or folders of them'],
  options: buildCommandOptions,
  run: runBuild,
};

/** What the CLI adds to a build: where the inputs' PDFs go, and how much is said. */
type Flags = Pick<BuildCommandOptions, 'quiet' | 'debug'>;

async function runBuild(inputs: string[], options: BuildCommandOptions, { stderr }: Io): Promise<number> {
  const { outDir, jobs, shard, watch, quiet, debug, output, html, ...settings } = options;
  const { items, single } = await itemsToBuild(inputs, options);
  if (items.length === 0) {
    if (!shard) throw new BanmianError(`no Markdown files in ${inputs.join(', ')}`);
    if (!quiet) stderr.write(`banmian: shard ${shard.index}/${shard.count} has no files to build\n`);
    return EXIT_OK;
  }
  const flags = { quiet, debug };
  if (watch) return runWatch(items, settings, flags, stderr);
  if (single) return runSingleBuild({ ...settings, ...(items[0] as BatchItem), html }, flags, stderr);
  return runBatch({ ...settings, items, jobs }, flags, stderr);
}

/**
 * The inputs (files, and folders' files) in this shard with the PDF each becomes, sorted as `proof`
 * sorts them: every job of a CI matrix slices the same list, whatever order it was given in.
 */
async function itemsToBuild(
  inputs: readonly string[],
  options: Pick<BuildCommandOptions, 'outDir' | 'shard' | 'output' | 'html'>,
): Promise<{ items: BatchItem[]; single: boolean }> {
  const all = (await batchItems(inputs, options.outDir ?? 'output')).sort((a, b) =>
    a.input < b.input ? -1 : a.input > b.input ? 1 : 0,
  );
  let items = shardOf(all, options.shard);
  const single = inputs.length === 1 && items.length === 1 && items[0]?.input === inputs[0];
  if (single && options.output) items = [{ input: inputs[0] as string, output: options.output }];
  if ((options.output || options.html) && !single) {
    throw new OptionError(
      `${options.output ? '-o' : '--html'} names one file: give one Markdown file, or use --out-dir`,
    );
  }
  const shared = sharedOutputs(items);
  if (shared.length > 0) throw new OptionError(`several inputs would write ${shared.map(relative).join(', ')}`);
  return { items, single };
}

async function runSingleBuild(options: BuildOptions, flags: Flags, stderr: NodeJS.WritableStream): Promise<number> {
  const log = (line: string) => {
    if (!flags.quiet) stderr.write(`${line}\n`);
  };
  const started = performance.now();
  const result = await build({ ...options, onStage: (stage, ms) => log(stageLine(stage, ms)) });
  if (result.file.messages.length > 0) log(markdownSummary(result.file, options.input));
  for (const warning of result.warnings) log(`warning: ${warning}`);
  log(gridLine(result));
  log(
    `banmian: wrote ${relative(result.output)} (${pagesOf(result)}, ${result.layout.columnPages} columns) in ${formatDuration(performance.now() - started)}`,
  );
  if (result.html) log(`banmian: wrote ${relative(result.html)}`);
  return EXIT_OK;
}

async function runBatch(options: BatchOptions, flags: Flags, stderr: NodeJS.WritableStream): Promise<number> {
  const started = performance.now();
  const result = await buildMany({ ...options, onDone: (outcome) => reportOutcome(outcome, flags, stderr) });
  const failed = result.outcomes.filter((outcome) => 'error' in outcome).map((outcome) => relative(outcome.input));
  const pages = result.outcomes.reduce(
    (sum, outcome) => sum + ('result' in outcome ? outcome.result.layout.sheets : 0),
    0,
  );
  const summary =
    `banmian: built ${options.items.length - failed.length} of ${options.items.length} files (${pages} pages) in ${formatDuration(performance.now() - started)}` +
    ` with ${result.browsers === 1 ? 'one browser' : `${result.browsers} browsers`}, ${result.jobs} at a time` +
    (failed.length > 0 ? `; failed: ${failed.join(', ')}` : '');
  // The summary is printed even with --quiet when something failed.
  if (failed.length > 0 || !flags.quiet) stderr.write(`${summary}\n`);
  return failed.length > 0 ? EXIT_FAILED : EXIT_OK;
}

/** One document of many: a line when it is written, its warnings, or the error that stopped it. */
function reportOutcome(outcome: BatchOutcome, flags: Flags, stderr: NodeJS.WritableStream): void {
  if ('error' in outcome) {
    reportFailure(outcome.error, stderr, { debug: flags.debug, input: outcome.input });
    return;
  }
  if (flags.quiet) return;
  const { result } = outcome;
  if (result.file.messages.length > 0) stderr.write(`${markdownSummary(result.file, outcome.input)}\n`);
  for (const warning of result.warnings) stderr.write(`warning: ${relative(outcome.input)}: ${warning}\n`);
  stderr.write(`banmian: wrote ${relative(result.output)} (${pagesOf(result)}) in ${formatDuration(outcome.ms)}\n`);
}

async function runWatch(
  items: BatchItem[],
  options: Omit<BuildOptions, 'input'>,
  flags: Flags,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  const { watchBuilds } = await import('../watch.js');
  const watcher = watchBuilds({
    ...options,
    items,
    onBuilt: (built) => {
      reportOutcome(built, flags, stderr);
      if (built.sinceSave !== undefined && 'result' in built && !flags.quiet) {
        stderr.write(`banmian: ${relative(built.input)} saved → PDF in ${formatDuration(built.sinceSave)}\n`);
      }
    },
  });
  await watcher.ready;
  if (!flags.quiet) stderr.write('banmian: watching for saves (Ctrl-C to stop)\n');
  await untilInterrupted();
  await watcher.close();
  return EXIT_OK;
}
