import { type PreflightCommandOptions, preflightCommandOptions } from '../options/schema.js';
import { type CliCommand, EXIT_FAILED, EXIT_OK, type Io } from './command.js';

/** `banmian preflight`: the press's checks of a PDF on stdout; exit 1 on any error. */
export const preflightCommand: CliCommand<typeof preflightCommandOptions, string> = {
  name: 'preflight',
  description: 'Check a PDF the way a press does; exit 1 on any error',
  argument: ['<file.pdf>', 'the PDF to check'],
  options: preflightCommandOptions,
  run: runPreflight,
};

async function runPreflight(file: string, options: PreflightCommandOptions, { stdout }: Io): Promise<number> {
  const [{ preflight }, { formatPreflight }] = await Promise.all([
    import('../preflight/preflight.js'),
    import('../preflight/format.js'),
  ]);
  const report = await preflight(file, { profile: options.profile, inkLimit: options.inkLimit });
  stdout.write(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${formatPreflight(report)}\n`);
  return report.passed ? EXIT_OK : EXIT_FAILED;
}
