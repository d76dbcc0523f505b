import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMany } from '../src/batch.js';
import { build } from '../src/build.js';
import { PRINTER_MARKS } from '../src/layout/browser/contract.js';
import { cliFlags } from '../src/options/fields.js';
import {
  buildCommandOptions,
  buildSettings,
  checkCommandOptions,
  OptionError,
  parseOptions,
  preflightCommandOptions,
  previewCommandOptions,
  proofCommandOptions,
} from '../src/options/schema.js';
import { proof } from '../src/proof/proof.js';
import { seedInput } from './helpers/cli.js';

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-options-'));

/** The message `parseOptions` refuses `value` with, or undefined if it takes it. */
function refusal(schema: Parameters<typeof parseOptions>[0], value: unknown): string | undefined {
  try {
    parseOptions(schema, value);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OptionError);
    return (error as OptionError).message;
  }
}

describe('the options schema', () => {
  it('fills in the defaults and reads numbers and lists from text', () => {
    expect(parseOptions(buildSettings, {})).toMatchObject({ styles: [], repair: true });
    expect(
      parseOptions(buildCommandOptions, { jobs: '3', shard: '2/4', marks: 'crop, cross', timeout: '1.5' }),
    ).toMatchObject({
      jobs: 3,
      shard: { index: 2, count: 4 },
      marks: ['crop', 'cross'],
      timeout: 1500,
    });
    expect(parseOptions(buildCommandOptions, {}).timeout).toBe(60_000);
  });

  it('takes a CSS length with an absolute unit as the bleed, and nothing else', () => {
    for (const bleed of ['0', '3mm', '0.5in', '12pt', '1pc', '4px', '2Q', '.3cm', ' 3mm ']) {
      expect(refusal(buildSettings, { bleed }), bleed).toBeUndefined();
    }
    for (const bleed of ['3', '3parsecs', '-3mm', 'mm', '', '3 mm', '1em', 'calc(3mm)']) {
      expect(refusal(buildSettings, { bleed }), bleed).toMatch(/^bleed: not a length such as 3mm .*: /);
    }
  });

  it('names the option and the value it refuses, in one line', () => {
    expect(refusal(buildSettings, { marks: ['crop', 'glitter'] })).toBe(
      `marks: unknown mark: glitter (${PRINTER_MARKS.join(', ')})`,
    );
    expect(refusal(buildCommandOptions, { jobs: '-1' })).toBe('jobs: not a whole number of 1 or more: -1');
    expect(refusal(buildCommandOptions, { jobs: 'many' })).toBe('jobs: not a whole number of 1 or more: many');
    expect(refusal(buildCommandOptions, { shard: '5/2' })).toBe('shard: not a shard such as 1/2: 5/2');
    expect(refusal(buildCommandOptions, { shard: 'half' })).toBe('shard: not a shard such as 1/2: half');
    expect(refusal(buildCommandOptions, { timeout: '-5' })).toBe('timeout: not a positive number: -5');
    expect(refusal(buildSettings, { timeout: 0 })).toBe('timeout: not a positive number: 0');
    expect(refusal(proofCommandOptions, { outDir: 'x', threshold: '2' })).toBe('threshold: not a ratio from 0 to 1: 2');
    expect(refusal(buildSettings, { pdfx: 'rgb' })).toBe('pdfx: not gray or cmyk: rgb');
    expect(refusal(previewCommandOptions, { port: '70000' })).toBe('port: not a port number: 70000');
  });

  it('refuses an option given without the one it works with, and takes it with that one', () => {
    expect(refusal(buildSettings, { inkLimit: 200 })).toBe('inkLimit: only with --pdfx cmyk');
    expect(refusal(buildSettings, { inkLimit: 200, pdfx: 'gray' })).toBe('inkLimit: only with --pdfx cmyk');
    expect(parseOptions(buildSettings, { inkLimit: 200, pdfx: 'cmyk' }).inkLimit).toBe(200);
    // Preflight has no --pdfx: its ink limit is the TAC it checks against.
    expect(parseOptions(preflightCommandOptions, { inkLimit: 220 }).inkLimit).toBe(220);
  });

  it('gives every option of every command a flag and a description', () => {
    const commands = [
      buildCommandOptions,
      checkCommandOptions,
      previewCommandOptions,
      proofCommandOptions,
      preflightCommandOptions,
    ];
    for (const schema of commands) {
      for (const [key, field] of Object.entries(schema.shape)) {
        expect(cliFlags.get(field)?.flag, key).toBeTruthy();
        expect(field.description, key).toBeTruthy();
      }
    }
  });

  it('has a build flag for every build setting but the browser’s path', () => {
    const settings = Object.keys(buildSettings.shape).filter((key) => key !== 'browserPath');
    expect(Object.keys(buildCommandOptions.shape)).toEqual(expect.arrayContaining(settings));
  });
});

describe('the API', () => {
  // A browser that cannot start: had one been started, the error would say so.
  const noBrowser = { browserPath: path.join(workDir, 'no-such-browser') };

  it('refuses a bad option of build() before it reads the input or starts a browser', async () => {
    const output = path.join(workDir, 'bad.pdf');
    await expect(build({ input: seedInput, output, bleed: '3parsecs', ...noBrowser })).rejects.toThrow(
      new OptionError('bleed: not a length such as 3mm (mm, cm, in, pt, pc, px or Q): 3parsecs'),
    );
    await expect(build({ input: path.join(workDir, 'missing.md'), output, timeout: -5, ...noBrowser })).rejects.toThrow(
      'timeout: not a positive number: -5',
    );
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('refuses a bad option of buildMany() and proof() the same way', async () => {
    const items = [{ input: seedInput, output: path.join(workDir, 'many.pdf') }];
    await expect(buildMany({ items, jobs: 0, ...noBrowser })).rejects.toThrow(
      new OptionError('jobs: not a whole number of 1 or more: 0'),
    );
    await expect(proof({ input: seedInput, outDir: path.join(workDir, 'proof'), threshold: 2 })).rejects.toThrow(
      new OptionError('threshold: not a ratio from 0 to 1: 2'),
    );
    expect(readdirSync(workDir)).toEqual([]);
  });
});
