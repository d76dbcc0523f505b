import { type PreviewCommandOptions, previewCommandOptions } from '../options/schema.js';
import { type CliCommand, EXIT_OK, type Io, untilInterrupted } from './command.js';

/** `banmian preview`: serves the pages until interrupted. */
export const previewCommand: CliCommand<typeof previewCommandOptions, string> = {
  name: 'preview',
  description: 'Serve the laid-out pages to a browser and update them when a file is saved',
  argument: ['[input.md]', 'the Markdown to preview', 'input/digest.md'],
  options: previewCommandOptions,
  run: runPreview,
};

async function runPreview(input: string, options: PreviewCommandOptions, { stdout, stderr }: Io): Promise<number> {
  const { open, debug, ...settings } = options;
  const { startPreview } = await import('../preview/server.js');
  const preview = await startPreview({ ...settings, input, log: (line) => stderr.write(`${line}\n`) });
  stdout.write(`banmian preview: ${preview.url}\n`);
  if (open) {
    const { default: openInBrowser } = await import('open');
    await openInBrowser(preview.url).catch((error: unknown) => {
      stderr.write(`banmian preview: cannot open a browser (${error instanceof Error ? error.message : error})\n`);
    });
  }
  await untilInterrupted();
  await preview.close();
  return EXIT_OK;
}
