import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import writeFileAtomic from 'write-file-atomic';
import { RelativeAssetLinks } from './document/assets.js';
import { defaultFonts, type FontFaceSpec } from './document/fonts.js';
import { DocumentError, renderDocument } from './document/template.js';
import type { LayoutReport } from './layout/browser/runtime.js';
import { markdownToHast } from './markdown/processor.js';
import { defaultStyles, defaultTemplate } from './paths.js';
import { BrowserNotFoundError } from './print/chromium.js';
import { BrowserStartError, LayoutError, printDocument } from './print/print.js';

export interface BuildOptions {
  /** The Markdown file to typeset. */
  input: string;
  /** The PDF to write; default `output/<input name>.pdf` under the working folder. */
  output?: string;
  /** Also write the HTML document the browser lays out. */
  html?: string;
  /** Page template; default templates/newspaper.html. */
  template?: string;
  /** Stylesheets added after the default ones. */
  styles?: readonly string[];
  fonts?: readonly FontFaceSpec[];
  /** Longest wait for layout, in ms. */
  timeout?: number;
  browserPath?: string;
  /** Called as each stage ends, with its duration in ms. */
  onStage?: (stage: BuildStage, ms: number) => void;
}

export type BuildStage = 'read' | 'markdown' | 'document' | 'launch' | 'load' | 'layout' | 'print' | 'write';

export interface BuildResult {
  output: string;
  html: string | undefined;
  /** Sheets (PDF pages) and the columns laid out on them. */
  layout: LayoutReport;
  /** Messages about the Markdown, with positions. */
  file: VFile;
  /** Refused or missing resources, layout warnings. */
  warnings: string[];
  timings: Partial<Record<BuildStage, number>>;
}

/** A failed build: the message names the file and what went wrong. */
export class BuildError extends Error {
  override name = 'BuildError';
}

export function defaultOutput(input: string, cwd = process.cwd()): string {
  return path.join(cwd, 'output', `${path.basename(input, path.extname(input))}.pdf`);
}

/** Markdown → mdast → hast → HTML document → paged DOM → PDF bytes → PDF file. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const timings: BuildResult['timings'] = {};
  let last = performance.now();
  const stage = (name: BuildStage, ms = performance.now() - last) => {
    timings[name] = ms;
    options.onStage?.(name, ms);
    last = performance.now();
  };

  const output = path.resolve(options.output ?? defaultOutput(options.input));
  const file = new VFile({ path: options.input, value: await readInput(options.input) });
  stage('read');

  const content = await markdownToHast(file);
  stage('markdown');

  const documentOptions = {
    template: options.template ?? defaultTemplate,
    styles: [...defaultStyles, ...(options.styles ?? [])],
    fonts: options.fonts ?? defaultFonts,
  };
  await Promise.all([documentOptions.template, ...documentOptions.styles].map(requireReadable));
  const document = await renderDocument(content, documentOptions);
  let htmlOutput: string | undefined;
  if (options.html) {
    htmlOutput = path.resolve(options.html);
    const standalone = await renderDocument(content, {
      ...documentOptions,
      assets: new RelativeAssetLinks(path.dirname(htmlOutput)),
    });
    await writeAtomically(htmlOutput, standalone.html);
  }
  stage('document');

  const printed = await printDocument(document.html, document.assets, {
    ...(options.browserPath ? { browserPath: options.browserPath } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
    onStage: (name, ms) => stage(name, ms),
  });

  await writeAtomically(output, printed.pdf);
  stage('write');

  return { output, html: htmlOutput, layout: printed.layout, file, warnings: printed.warnings, timings };
}

async function readInput(input: string): Promise<string> {
  try {
    return await readFile(input, 'utf8');
  } catch (error) {
    throw new BuildError(`${input}: ${describeFsError(error)}`);
  }
}

async function requireReadable(file: string): Promise<void> {
  try {
    await readFile(file);
  } catch (error) {
    throw new BuildError(`${file}: ${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Writes via a temporary file in the same folder and a rename: a failed build leaves the old file. */
async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, typeof data === 'string' ? data : Buffer.from(data));
}

/** Errors a user can act on; anything else is a bug and keeps its stack. */
export function isUserFacingError(error: unknown): error is Error {
  return (
    error instanceof BuildError ||
    error instanceof DocumentError ||
    error instanceof LayoutError ||
    error instanceof BrowserNotFoundError ||
    error instanceof BrowserStartError
  );
}
