import { type CheckCommandOptions, checkCommandOptions } from '../options/schema.js';
import { type CliCommand, EXIT_FAILED, EXIT_OK, type Io } from './command.js';

/** `banmian check`: the report on stdout (it is the command's output); exit 1 when it holds an error. */
export const checkCommand: CliCommand<typeof checkCommandOptions, string> = {
  name: 'check',
  description: 'Check a Markdown file for editorial problems; exit 1 if there are errors',
  argument: ['<input.md>', 'the Markdown to check'],
  options: checkCommandOptions,
  run: runCheck,
};

async function runCheck(input: string, options: CheckCommandOptions, { stdout }: Io): Promise<number> {
  const { check } = await import('../check/check.js');
  const file = await check(input, { repair: options.repair });
  const report =
    options.format === 'json'
      ? (await import('vfile-reporter-json')).reporterJson(file, { pretty: 2 })
      : (await import('vfile-reporter')).reporter(file, { color: 'isTTY' in stdout && stdout.isTTY === true });
  stdout.write(`${report}\n`);
  return file.messages.some((message) => message.fatal === true) ? EXIT_FAILED : EXIT_OK;
}
