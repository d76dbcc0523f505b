import { Command, CommanderError } from 'commander';
import { buildCommand } from './build.js';
import { checkCommand } from './check.js';
import { addCommand, EXIT_OK, EXIT_USAGE, type Io } from './command.js';
import { preflightCommand } from './preflight.js';
import { previewCommand } from './preview.js';
import { proofCommand } from './proof.js';

export { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './command.js';

/** Runs the CLI; resolves to the exit code instead of exiting, so it can be tested. */
export async function run(
  argv: readonly string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let exitCode = EXIT_OK;
  const done = (code: number) => {
    exitCode = code;
  };
  const program = new Command('banmian')
    .description('Typeset a Chinese newspaper page from Markdown and print it as PDF')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // commander's own complaints (an unknown flag, a missing argument) in the CLI's one form.
      outputError: (text, write) => write(text.replace(/^error: /, 'banmian: error: ')),
    });
  addCommand(program, buildCommand, io, done);
  addCommand(program, checkCommand, io, done);
  addCommand(program, previewCommand, io, done);
  addCommand(program, proofCommand, io, done);
  addCommand(program, preflightCommand, io, done);

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
