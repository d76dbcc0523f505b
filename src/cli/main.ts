import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import {
  type BatchItem,
  type BatchOutcome,
  type BatchResult,
  batchItems,
  buildMany,
  shardOf,
  sharedOutputs,
} from '../batch.js';
import { type BuildOptions, type BuildResult, type BuildStage, build, isUserFacingError } from '../build.js';
import type { Mark } from '../layout/browser/geometry.js';
import type { Preview } from '../preview/server.js';
import { markdownSummary } from './summary.js';

/** Exit codes: 0 built (or checked without errors), 1 the build failed (or the check found errors), 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

interface BuildFlags {
  output?: string;
  outDir?: string;
  jobs?: number;
  shard?: { index: number; count: number };
  browserWsEndpoint?: string;
  watch?: boolean;
  html?: string;
  style: string[];
  template?: string;
  timeout: number;
  quiet?: boolean;
  debug?: boolean;
  repair: boolean;
  bleed?: string;
  marks?: Mark[];
  pdfx?: 'gray' | 'cmyk';
  trusted?: boolean;
}

interface CheckFlags {
  format: 'text' | 'json';
  repair: boolean;
  debug?: boolean;
}

const noRepairHelp = 'leave paragraphs cut mid-sentence and run-on bold lead-ins as written';

/** Runs the CLI; resolves to the exit code instead of exiting, so it can be tested. */
export async function run(
  argv: readonly string[],
  io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('banmian')
    .description('Typeset a Chinese newspaper page from Markdown and print it as PDF')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  program
    .command('build')
    .description('Build PDFs (and optionally the HTML document) from Markdown files')
    .argument('<input.md...>', 'the Markdown to typeset: files, or folders of them')
    .option('-o, --output <file.pdf>', 'the PDF to write, for one input (default: output/<name>.pdf)')
    .option('--out-dir <dir>', 'where the PDFs go, a folder’s files at their path inside it (default: output)')
    .addOption(
      new Option('-j, --jobs <n>', 'documents laid out at once in the one browser (default: the cores)').argParser(
        positiveInteger,
      ),
    )
    .option('--shard <i/n>', 'build only the i-th of n slices of the files (for a CI matrix)', shard)
    .option('--browser-ws-endpoint <url>', 'print in a running Chrome (ws://…) instead of launching one')
    .option('-w, --watch', 'build again each time a Markdown file, the template or a stylesheet is saved')
    .option('--html <file.html>', 'also write the HTML document that is laid out, for one input')
    .option('--style <file.css>', 'a stylesheet added after the default ones (repeatable)', collect, [])
    .option('--template <file.html>', 'the page template (default: templates/newspaper.html)')
    .addOption(new Option('--timeout <seconds>', 'longest wait for the layout').default(60).argParser(positiveNumber))
    .option('-q, --quiet', 'print errors only')
    .option('--debug', 'print stack traces of failures')
    .option('--no-repair', noRepairHelp)
    .option('--trusted', 'keep raw HTML in the Markdown as it is (default: sanitised)')
    .option('--bleed <length>', 'bleed around the trimmed page, e.g. 3mm')
    .addOption(new Option('--marks <list>', 'printer’s marks outside the bleed: crop, cross').argParser(markList))
    .addOption(
      new Option('--pdfx [colour]', 'write PDF/X-3 through Ghostscript, in gray or cmyk')
        .choices(['gray', 'cmyk'])
        .preset('gray'),
    )
    .action(async (inputs: string[], flags: BuildFlags) => {
      exitCode = await runBuild(inputs, flags, io.stderr);
    });

  program
    .command('check')
    .description('Check a Markdown file for editorial problems; exit 1 if there are errors')
    .argument('<input.md>', 'the Markdown to check')
    .addOption(new Option('--format <format>', 'the report format').choices(['text', 'json']).default('text'))
    .option('--no-repair', noRepairHelp)
    .option('--debug', 'print stack traces of failures')
    .action(async (input: string, flags: CheckFlags) => {
      exitCode = await runCheck(input, flags, io);
    });

  program
    .command('preview')
    .description('Serve the laid-out pages to a browser and update them when a file is saved')
    .argument('[input.md]', 'the Markdown to preview', 'input/digest.md')
    .addOption(new Option('--port <n>', 'the port to listen on (0: any free port)').default(4173).argParser(portNumber))
    .option('--host <host>', 'the interface to listen on', 'localhost')
    .option('--open', 'open the page in the system browser')
    .option('--style <file.css>', 'a stylesheet added after the default ones (repeatable)', collect, [])
    .option('--template <file.html>', 'the page template (default: templates/newspaper.html)')
    .option('--no-repair', noRepairHelp)
    .action(async (input: string, flags: PreviewFlags) => {
      exitCode = await runPreview(input, flags, io);
    });

  program
    .command('proof')
    .description('Build a PDF with one PNG per page and a report; compare with a baseline proof')
    .argument('<input.md...>', 'the Markdown to proof (several: each in its own folder under --out-dir)')
    .requiredOption('--out-dir <dir>', 'where the PDF, the page images, report.json and summary.md go')
    .option('--baseline <dir>', 'an earlier proof to compare the pages with; exit 1 if they changed')
    .addOption(
      new Option('--threshold <ratio>', 'share of a page’s pixels that may change').default(0.001).argParser(ratio),
    )
    .option('--style <file.css>', 'a stylesheet added after the default ones (repeatable)', collect, [])
    .option('--template <file.html>', 'the page template (default: templates/newspaper.html)')
    .option('--no-repair', noRepairHelp)
    .option('--shard <i/n>', 'proof only the i-th of n slices of the files (for a CI matrix)', shard)
    .action(async (inputs: string[], flags: ProofFlags) => {
      exitCode = await runProof(inputs, flags, io);
    });

  program
    .command('preflight')
    .description('Check a PDF the way a press does; exit 1 on any error')
    .argument('<file.pdf>', 'the PDF to check')
    .action(async (file: string) => {
      exitCode = await runPreflight(file, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; anything else commander rejects is bad usage.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    throw error;
  }
  return exitCode;
}

interface ProofFlags {
  shard?: { index: number; count: number };
  outDir: string;
  baseline?: string;
  threshold: number;
  style: string[];
  template?: string;
  repair: boolean;
}

async function runProof(
  inputs: string[],
  flags: ProofFlags,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const { proof } = await import('../proof/proof.js');
  const selected = shardOf([...inputs].sort(), flags.shard);
  // One file proofs into --out-dir itself; several, each into a folder of its own name.
  const folder = (dir: string, input: string) =>
    inputs.length === 1 ? dir : path.join(dir, path.basename(input, path.extname(input)));
  let exit = EXIT_OK;
  for (const input of selected) {
    try {
      const report = await proof({
        input,
        outDir: folder(flags.outDir, input),
        baseline: flags.baseline ? folder(flags.baseline, input) : undefined,
        threshold: flags.threshold,
        styles: flags.style,
        ...(flags.template ? { template: flags.template } : {}),
        repair: flags.repair,
      });
      const changed = report.baseline?.comparisons.filter((page) => page.overThreshold).length;
      io.stdout.write(
        `banmian proof: ${input}: ${report.pages} pages in ${path.relative(process.cwd(), path.dirname(report.pdf)) || '.'}` +
          (report.baseline ? `; ${changed} changed beyond ${report.baseline.threshold}` : '') +
          (report.baseline?.pageCountChanged ? `, page count ${report.baseline.pages} → ${report.pages}` : '') +
          '\n',
      );
      if (!report.passed) exit = EXIT_FAILED;
    } catch (error) {
      io.stderr.write(`banmian: error: ${input}: ${error instanceof Error ? error.message : String(error)}\n`);
      exit = EXIT_FAILED;
    }
  }
  return exit;
}

async function runPreflight(
  file: string,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  try {
    const { formatPreflight, preflight } = await import('../preflight/preflight.js');
    const report = await preflight(file);
    io.stdout.write(`${formatPreflight(report)}\n`);
    return report.passed ? EXIT_OK : EXIT_FAILED;
  } catch (error) {
    io.stderr.write(`banmian: error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILED;
  }
}

interface PreviewFlags {
  port: number;
  host: string;
  open?: boolean;
  style: string[];
  template?: string;
  repair: boolean;
}

/** Serves the preview until the process is interrupted. */
async function runPreview(
  input: string,
  flags: PreviewFlags,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  let preview: Preview;
  try {
    const { startPreview } = await import('../preview/server.js');
    preview = await startPreview({
      input,
      port: flags.port,
      host: flags.host,
      styles: flags.style,
      ...(flags.template ? { template: flags.template } : {}),
      repair: flags.repair,
      log: (line) => io.stderr.write(`${line}\n`),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`banmian: error: ${message}\n`);
    return EXIT_FAILED;
  }
  io.stdout.write(`banmian preview: ${preview.url}\n`);
  if (flags.open) {
    const { default: open } = await import('open');
    await open(preview.url).catch((error: unknown) => {
      io.stderr.write(`banmian preview: cannot open a browser (${error instanceof Error ? error.message : error})\n`);
    });
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await preview.close();
  return EXIT_OK;
}

async function runBuild(inputs: string[], flags: BuildFlags, stderr: NodeJS.WritableStream): Promise<number> {
  const log = (line: string) => {
    if (!flags.quiet) stderr.write(`${line}\n`);
  };
  // Sorted, as `proof` sorts them: every job of a CI matrix slices the same list, whatever order it was given in.
  const all = (await batchItems(inputs, flags.outDir ?? 'output')).sort((a, b) =>
    a.input < b.input ? -1 : a.input > b.input ? 1 : 0,
  );
  let items = shardOf(all, flags.shard);
  const single = inputs.length === 1 && items.length === 1 && items[0]?.input === inputs[0];
  if (single && flags.output) items = [{ input: inputs[0] as string, output: flags.output }];
  if ((flags.output || flags.html) && !single) {
    stderr.write(
      `banmian: error: ${flags.output ? '-o' : '--html'} names one file: give one Markdown file, or use --out-dir\n`,
    );
    return EXIT_USAGE;
  }
  const shared = sharedOutputs(items);
  if (shared.length > 0) {
    stderr.write(`banmian: error: several inputs would write ${shared.map(relative).join(', ')}\n`);
    return EXIT_USAGE;
  }
  if (items.length === 0) {
    if (flags.shard) {
      log(`banmian: shard ${flags.shard.index}/${flags.shard.count} has no files to build`);
      return EXIT_OK;
    }
    stderr.write(`banmian: error: no Markdown files in ${inputs.join(', ')}\n`);
    return EXIT_FAILED;
  }
  const options = {
    ...(flags.template ? { template: flags.template } : {}),
    styles: flags.style,
    timeout: flags.timeout * 1000,
    repair: flags.repair,
    ...(flags.trusted ? { trusted: true } : {}),
    ...(flags.bleed ? { bleed: flags.bleed } : {}),
    ...(flags.marks ? { marks: flags.marks } : {}),
    ...(flags.pdfx ? { pdfx: flags.pdfx } : {}),
    ...(flags.browserWsEndpoint ? { browserWSEndpoint: flags.browserWsEndpoint } : {}),
  };
  if (flags.watch) return runWatch(items, options, flags, stderr);
  if (single) {
    const item = items[0] as BatchItem;
    return runSingleBuild({ ...options, ...item }, flags, stderr);
  }

  const started = performance.now();
  let result: BatchResult;
  try {
    result = await buildMany({
      ...options,
      items,
      ...(flags.jobs ? { jobs: flags.jobs } : {}),
      onDone: (outcome) => reportOutcome(outcome, flags, stderr),
    });
  } catch (error) {
    reportFailure(error, flags.debug, stderr);
    return EXIT_FAILED;
  }
  const failed = result.outcomes.filter((outcome) => 'error' in outcome).map((outcome) => relative(outcome.input));
  const pages = result.outcomes.reduce(
    (sum, outcome) => sum + ('result' in outcome ? outcome.result.layout.sheets : 0),
    0,
  );
  const summary =
    `banmian: built ${items.length - failed.length} of ${items.length} files (${pages} pages) in ${formatMs(performance.now() - started)}` +
    ` with ${result.browsers === 1 ? 'one browser' : `${result.browsers} browsers`}, ${result.jobs} at a time` +
    (failed.length > 0 ? `; failed: ${failed.join(', ')}` : '');
  // The summary is printed even with --quiet when something failed.
  if (failed.length > 0) stderr.write(`${summary}\n`);
  else log(summary);
  return failed.length > 0 ? EXIT_FAILED : EXIT_OK;
}

/** One document of many: a line when it is written, its warnings, or the error that stopped it. */
function reportOutcome(outcome: BatchOutcome, flags: BuildFlags, stderr: NodeJS.WritableStream): void {
  if ('error' in outcome) {
    reportFailure(outcome.error, flags.debug, stderr, outcome.input);
    return;
  }
  if (flags.quiet) return;
  const { result } = outcome;
  if (result.file.messages.length > 0) stderr.write(`${markdownSummary(result.file, outcome.input)}\n`);
  for (const warning of result.warnings) stderr.write(`warning: ${relative(outcome.input)}: ${warning}\n`);
  stderr.write(`banmian: wrote ${relative(result.output)} (${pagesOf(result)}) in ${formatMs(outcome.ms)}\n`);
}

async function runWatch(
  items: BatchItem[],
  options: Omit<BuildOptions, 'input'>,
  flags: BuildFlags,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  const { watchBuilds } = await import('../watch.js');
  const watcher = watchBuilds({
    ...options,
    items,
    onBuilt: (built) => {
      reportOutcome(built, flags, stderr);
      if (built.sinceSave !== undefined && 'result' in built && !flags.quiet) {
        stderr.write(`banmian: ${relative(built.input)} saved → PDF in ${formatMs(built.sinceSave)}\n`);
      }
    },
  });
  await watcher.ready;
  if (!flags.quiet) stderr.write('banmian: watching for saves (Ctrl-C to stop)\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await watcher.close();
  return EXIT_OK;
}

async function runSingleBuild(
  options: BuildOptions,
  flags: BuildFlags,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  const log = (line: string) => {
    if (!flags.quiet) stderr.write(`${line}\n`);
  };
  const started = performance.now();
  try {
    const result = await build({
      ...options,
      ...(flags.html ? { html: flags.html } : {}),
      onStage: (stage: BuildStage, ms: number) => log(`  ${stage.padEnd(9)}${formatMs(ms).padStart(9)}`),
    });
    if (result.file.messages.length > 0) log(markdownSummary(result.file, options.input));
    for (const warning of result.warnings) log(`warning: ${warning}`);
    log(
      `banmian: wrote ${relative(result.output)} (${pagesOf(result)}, ${result.layout.columnPages} columns) in ${formatMs(performance.now() - started)}`,
    );
    if (result.html) log(`banmian: wrote ${relative(result.html)}`);
    return EXIT_OK;
  } catch (error) {
    reportFailure(error, flags.debug, stderr);
    return EXIT_FAILED;
  }
}

function pagesOf(result: BuildResult): string {
  return `${result.layout.sheets} ${result.layout.sheets === 1 ? 'page' : 'pages'}`;
}

function relative(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)) || file;
}

/** The check's report on stdout (it is the command's output); exit 1 when it holds an error. */
async function runCheck(
  input: string,
  flags: CheckFlags,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  try {
    const { check } = await import('../check/check.js');
    const file = await check(input, { repair: flags.repair });
    const report =
      flags.format === 'json'
        ? (await import('vfile-reporter-json')).reporterJson(file, { pretty: 2 })
        : (await import('vfile-reporter')).reporter(file, { color: 'isTTY' in io.stdout && io.stdout.isTTY === true });
    io.stdout.write(`${report}\n`);
    return file.messages.some((message) => message.fatal === true) ? EXIT_FAILED : EXIT_OK;
  } catch (error) {
    reportFailure(error, flags.debug, io.stderr);
    return EXIT_FAILED;
  }
}

/** One line naming what failed (and the input it was, if the message does not); a stack trace only with --debug. */
function reportFailure(
  error: unknown,
  debug: boolean | undefined,
  stderr: NodeJS.WritableStream,
  input?: string,
): void {
  const message = error instanceof Error ? error.message : String(error);
  const prefix = input && !message.includes(input) ? `${relative(input)}: ` : '';
  if (debug) {
    stderr.write(`${prefix}${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  } else if (isUserFacingError(error)) {
    stderr.write(`banmian: error: ${prefix}${message}\n`);
  } else {
    stderr.write(`banmian: error: ${prefix}${message} (run with --debug for details)\n`);
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function markList(value: string): Mark[] {
  const marks = value.split(',').map((mark) => mark.trim());
  const unknown = marks.filter((mark) => mark !== 'crop' && mark !== 'cross');
  if (unknown.length > 0) {
    throw new CommanderError(
      EXIT_USAGE,
      'banmian.invalidArgument',
      `unknown marks: ${unknown.join(', ')} (crop, cross)`,
    );
  }
  return marks as Mark[];
}

function shard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new CommanderError(EXIT_USAGE, 'banmian.invalidArgument', `not a shard such as 1/2: ${value}`);
  }
  return { index, count };
}

function ratio(value: string): number {
  const number = Number(value);
  if (!(number >= 0 && number <= 1)) {
    throw new CommanderError(EXIT_USAGE, 'banmian.invalidArgument', `not a ratio from 0 to 1: ${value}`);
  }
  return number;
}

function portNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new CommanderError(EXIT_USAGE, 'banmian.invalidArgument', `not a port number: ${value}`);
  }
  return number;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new CommanderError(EXIT_USAGE, 'banmian.invalidArgument', `not a whole number of 1 or more: ${value}`);
  }
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!(number > 0)) throw new CommanderError(EXIT_USAGE, 'banmian.invalidArgument', `not a positive number: ${value}`);
  return number;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
