import type { VFile } from 'vfile';
import type { FixResult } from '../check/fix.js';
import { type CheckCommandOptions, checkCommandOptions } from '../options/schema.js';
import { type CliCommand, EXIT_FAILED, EXIT_OK, type Io } from './command.js';
import { githubAnnotations, rdjson, relative } from './format.js';

/**
 * `banmian check`: the report on stdout (it is the command's output), in the format asked for; exit 1 when
 * it holds an error. With `--fix`, the fixes are made in each file first, each change listed on stderr, and
 * the report is of what is left; `--fix --dry-run` prints the changes as a unified diff instead.
 */
export const checkCommand: CliCommand<typeof checkCommandOptions, string[]> = {
  name: 'check',
  description:
    'Check Markdown files for editorial problems (and fix punctuation with --fix); exit 1 if there are errors',
  argument: ['<input.md...>', 'the Markdown to check'],
  options: checkCommandOptions,
  run: runCheck,
};

async function runCheck(inputs: string[], options: CheckCommandOptions, io: Io): Promise<number> {
  if (options.fix) return fixAll(inputs, options, io);
  return reportOn(await checkAll(inputs, options), options.format, io);
}

/** The report on stdout; exit 1 when it holds an error. */
async function reportOn(files: VFile[], format: CheckCommandOptions['format'], { stdout }: Io): Promise<number> {
  const text = await report(files, format, stdout);
  if (text !== '') stdout.write(`${text}\n`);
  return files.some((file) => file.messages.some((message) => message.fatal === true)) ? EXIT_FAILED : EXIT_OK;
}

async function checkAll(inputs: string[], options: CheckCommandOptions): Promise<VFile[]> {
  const { check } = await import('../check/check.js');
  const files: VFile[] = [];
  for (const input of inputs) files.push(await check(input, { repair: options.repair }));
  return files;
}

/**
 * The fixes in each file, listed on stderr, then the report of what is left; for a dry run, the diff instead
 * (it is the output). Exit 1 too when a file was refused (not UTF-8): what was asked was not done.
 */
async function fixAll(inputs: string[], options: CheckCommandOptions, io: Io): Promise<number> {
  const { fix } = await import('../check/fix.js');
  const results: FixResult[] = [];
  for (const input of inputs)
    results.push(await fix(input, { repair: options.repair, dryRun: options.dryRun === true }));
  let exit = EXIT_OK;
  if (options.dryRun) await printDiffs(results, io);
  else {
    for (const result of results) io.stderr.write(changeLog(result));
    exit = await reportOn(
      results.map((result) => result.remaining),
      options.format,
      io,
    );
  }
  return results.some((result) => result.refused) ? EXIT_FAILED : exit;
}

/** The changes as a unified diff on stdout; a file refused, one line on stderr. */
async function printDiffs(results: FixResult[], { stdout, stderr }: Io): Promise<void> {
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = await import('diff');
  const patchOptions = { context: 3, headerOptions: FILE_HEADERS_ONLY };
  for (const { file, before, after, refused } of results) {
    const name = relative(file.path);
    if (refused) stderr.write(`banmian: ${name}: ${refused}\n`);
    else if (after !== before)
      stdout.write(createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, '', '', patchOptions));
  }
}

/** `a.md:3:5: `,` → `，` (halfwidth-punctuation)` for each change, then how many. */
function changeLog({ file, edits, refused }: FixResult): string {
  const name = relative(file.path);
  if (refused) return `banmian: ${name}: ${refused}\n`;
  const lines = edits.map(({ message, actual, replacement }) => {
    const point = message.place && 'start' in message.place ? message.place.start : message.place;
    const at = point ? `:${point.line}:${point.column}` : '';
    return `${name}${at}: \`${actual}\` → \`${replacement}\` (${message.ruleId})\n`;
  });
  const count = edits.length === 1 ? '1 fix' : `${edits.length} fixes`;
  return `${lines.join('')}banmian: ${edits.length === 0 ? 'nothing to fix' : count} in ${name}\n`;
}

async function report(
  files: VFile[],
  format: CheckCommandOptions['format'],
  stdout: NodeJS.WritableStream,
): Promise<string> {
  if (format === 'github') return githubAnnotations(files);
  if (format === 'rdjson') return rdjson(files);
  if (format === 'json') return (await import('vfile-reporter-json')).reporterJson(files, { pretty: 2 });
  return (await import('vfile-reporter')).reporter(files, { color: 'isTTY' in stdout && stdout.isTTY === true });
}
