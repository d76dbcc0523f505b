import { type Command, Option } from 'commander';
import * as z from 'zod';
import { isBanmianError } from '../errors.js';
import { cliFlags } from '../options/fields.js';
import { OptionError, parseOptions } from '../options/schema.js';
import { relative } from './format.js';

/** Exit codes: 0 done (or checked without errors), 1 the work failed (or the check found errors), 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** A command: its one argument (commander's syntax), its options' schema, and what it does with them. */
export interface CliCommand<S extends z.ZodObject, A> {
  name: string;
  description: string;
  argument: readonly [syntax: string, description: string, defaultValue?: string];
  options: S;
  /** Resolves to the exit code; a failure it throws is reported by `addCommand`. */
  run(argument: A, options: z.output<S>, io: Io): Promise<number>;
}

/**
 * Adds `spec` to `program`: a flag for each option of its schema (the schema's flag, description and
 * default), and an action that parses the flags through the schema, so that a bad value is refused
 * (exit 2, one line naming the flag) before the command starts anything.
 */
export function addCommand<S extends z.ZodObject, A>(
  program: Command,
  spec: CliCommand<S, A>,
  io: Io,
  done: (exitCode: number) => void,
): void {
  const command = program
    .command(spec.name)
    .description(spec.description)
    .argument(...spec.argument);
  const flagOf = declareFlags(command, spec.options);
  command.action(async (argument: A) => {
    const flags = command.opts();
    try {
      const options = parseOptions(spec.options, keyedByOption(flags, flagOf), (key) => flagOf.get(key)?.long ?? key);
      done(await spec.run(argument, options, io));
    } catch (error) {
      done(reportFailure(error, io.stderr, { debug: flags.debug === true }));
    }
  });
}

/** The commander option of each of the schema's keys. */
function declareFlags(command: Command, schema: z.ZodObject): Map<string, Option> {
  const flagOf = new Map<string, Option>();
  for (const [key, field] of Object.entries(schema.shape)) {
    const flag = cliFlags.get(field);
    if (!flag) throw new Error(`the option ${key} of banmian ${command.name()} has no flag`);
    const option = new Option(flag.flag, field.description);
    if (flag.repeatable) option.argParser((value: string, previous: string[] = []) => [...previous, value]);
    if (flag.preset) option.preset(flag.preset);
    if (!field.isOptional()) option.makeOptionMandatory();
    const fallback = defaultOf(field);
    // For the help text; the schema would supply it anyway.
    if (typeof fallback === 'number' || typeof fallback === 'string') option.default(fallback);
    command.addOption(option);
    flagOf.set(key, option);
  }
  return flagOf;
}

/** commander's values (by the flag's name: `style`) by the option's name (`styles`). */
function keyedByOption(flags: Record<string, unknown>, flagOf: Map<string, Option>): Record<string, unknown> {
  return Object.fromEntries([...flagOf].map(([key, option]) => [key, flags[option.attributeName()]]));
}

function defaultOf(field: z.ZodType): unknown {
  if (field instanceof z.ZodDefault) return field.def.defaultValue;
  if (field instanceof z.ZodPipe) return defaultOf(field.in as z.ZodType);
  return undefined;
}

/**
 * How the CLI reports every failure: `banmian: error: <file:line:column: message>` on one line (the
 * input named in front when the message does not name it), and with --debug the stack below it. An
 * error that is not a BanmianError is a bug: the line says so. Returns the exit code it calls for.
 */
export function reportFailure(
  error: unknown,
  stderr: NodeJS.WritableStream,
  { debug = false, input }: { debug?: boolean; input?: string | undefined } = {},
): number {
  const message = isBanmianError(error) ? error.located : error instanceof Error ? error.message : String(error);
  const prefix = input && !message.includes(input) ? `${relative(input)}: ` : '';
  const hint = isBanmianError(error) || debug ? '' : ' (run with --debug for details)';
  stderr.write(`banmian: error: ${prefix}${message}${hint}\n`);
  if (debug) stderr.write(`${stackOf(error)}\n`);
  return error instanceof OptionError ? EXIT_USAGE : EXIT_FAILED;
}

/** The error's stack, and its causes'. */
function stackOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const stack = error.stack ?? error.message;
  return error.cause === undefined ? stack : `${stack}\ncaused by: ${stackOf(error.cause)}`;
}

/** Resolves on Ctrl-C (or a SIGTERM): how `build --watch` and `preview` are stopped. */
export function untilInterrupted(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
