import path from 'node:path';
import { shardOf } from '../batch.js';
import { type ProofCommandOptions, proofCommandOptions } from '../options/schema.js';
import type { ProofReport } from '../proof/proof.js';
import { type CliCommand, EXIT_FAILED, EXIT_OK, type Io, reportFailure } from './command.js';

/** `banmian proof`: a proof of each input, one line each; exit 1 if one failed or changed beyond the threshold. */
export const proofCommand: CliCommand<typeof proofCommandOptions, string[]> = {
  name: 'proof',
  description: 'Build a PDF with one PNG per page and a report; compare with a baseline proof',
  argument: ['<input.md...>', 'the Markdown to proof (several: each in its own folder under --out-dir)'],
  options: proofCommandOptions,
  run: runProof,
};

async function runProof(inputs: string[], options: ProofCommandOptions, { stdout, stderr }: Io): Promise<number> {
  const { proof } = await import('../proof/proof.js');
  const { shard, debug, outDir, baseline, ...settings } = options;
  // One file proofs into --out-dir itself; several, each into a folder of its own name.
  const folder = (dir: string, input: string) =>
    inputs.length === 1 ? dir : path.join(dir, path.basename(input, path.extname(input)));
  let exit = EXIT_OK;
  for (const input of shardOf([...inputs].sort(), shard)) {
    try {
      const report = await proof({
        ...settings,
        input,
        outDir: folder(outDir, input),
        baseline: baseline ? folder(baseline, input) : undefined,
      });
      stdout.write(`${proofLine(input, report)}\n`);
      if (!report.passed) exit = EXIT_FAILED;
    } catch (error) {
      exit = Math.max(exit, reportFailure(error, stderr, { debug, input }));
    }
  }
  return exit;
}

/** `banmian proof: digest.md: 2 pages in proof; 1 changed beyond 0.001; text changed in 1 article` */
function proofLine(input: string, report: ProofReport): string {
  const changed = report.baseline?.comparisons.filter((page) => page.overThreshold).length;
  const text = report.baseline?.text;
  return (
    `banmian proof: ${input}: ${report.pages} pages in ${path.relative(process.cwd(), path.dirname(report.pdf)) || '.'}` +
    (report.baseline ? `; ${changed} changed beyond ${report.baseline.threshold}` : '') +
    (report.baseline?.pageCountChanged ? `, page count ${report.baseline.pages} → ${report.pages}` : '') +
    (text && text.length > 0
      ? `; text changed in ${text.length} ${text.length === 1 ? 'article' : 'articles'}${report.baseline?.textAccepted ? ' (accepted)' : ''}`
      : '') +
    (report.baseline?.layoutOnly ? '; layout only, the text is the same' : '')
  );
}
