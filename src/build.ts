import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { RelativeAssetLinks } from './document/assets.js';
import type { FontFaceSpec } from './document/fonts.js';
import type { DocumentOptions, HtmlDocument } from './document/template.js';
import { BanmianError } from './errors.js';
import { readInput, requireReadable, writeAtomically } from './files.js';
import type { PdfFont } from './finish/pdf-fonts.js';
import { PT_PER_PX } from './layout/browser/contract.js';
import type { LayoutReport } from './layout/report.js';
import { buildSettings, parseOptions, type Settings } from './options/schema.js';
import { defaultStyles, defaultTemplate } from './paths.js';
import { type BrowserOptions, PrintBrowser } from './print/browser.js';
import { type PrintResult, printIn } from './print/print.js';

// Each stage's code is loaded as the stage begins (`await import`), not with
// this module: a cold build then starts the browser before Node has loaded
// the Markdown, document and PDF libraries, and loads them while it starts.

/**
 * A build's options: the settings of src/options/schema.ts (template, styles, repair, timeout in ms,
 * browserPath, browserWSEndpoint, trusted, bleed, marks, pdfx, output, html), each described in fields.ts,
 * and what only code can pass.
 */
export interface BuildOptions extends Settings<typeof buildSettings> {
  /** The Markdown file to typeset. */
  input: string;
  fonts?: readonly FontFaceSpec[];
  /** A browser already started (for many documents): used and left open. */
  browser?: PrintBrowser;
  /** Called as each stage ends, with its duration in ms. */
  onStage?: (stage: BuildStage, ms: number) => void;
}

/** A build's stages, in the order they run. */
export const BUILD_STAGES = [
  'read',
  'markdown',
  'document',
  'launch',
  'load',
  'layout',
  'print',
  'finish',
  'write',
] as const;
export type BuildStage = (typeof BUILD_STAGES)[number];

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

/** Where the browser of a build comes from: a local executable, or a running Chrome's endpoint. */
export function browserOptionsFor(options: Pick<BuildOptions, 'browserPath' | 'browserWSEndpoint'>): BrowserOptions {
  return {
    ...(options.browserPath ? { browserPath: options.browserPath } : {}),
    ...(options.browserWSEndpoint ? { browserWSEndpoint: options.browserWSEndpoint } : {}),
  };
}

/** A failed build: the message names the file and what went wrong. */
export class BuildError extends BanmianError {
  override name = 'BuildError';
}

export function defaultOutput(input: string, cwd = process.cwd()): string {
  return path.join(cwd, 'output', `${path.basename(input, path.extname(input))}.pdf`);
}

/**
 * The Markdown's content as hast. Errors in it (invalid front matter) stop
 * here, before anything is printed: the message lists them all, then the
 * warnings, each as file:line:column.
 */
export async function readContent(
  file: VFile,
  options: { repair?: boolean | undefined; trusted?: boolean | undefined } = {},
): Promise<Root> {
  // The punctuation rules of `banmian check` run in the build too, so its summary line can count their findings.
  const [{ markdownToHast }, { punctuationPreset }] = await Promise.all([
    import('./markdown/processor.js'),
    import('./check/preset.js'),
  ]);
  const content = await markdownToHast(file, {
    repair: options.repair !== false,
    trusted: options.trusted === true,
    remarkPlugins: [punctuationPreset],
  });
  const errors = file.messages.filter((message) => message.fatal === true);
  if (errors.length > 0) {
    const warnings = file.messages.filter((message) => message.fatal === false);
    throw new BuildError([...errors.map(String), ...warnings.map((w) => `warning: ${String(w)}`)].join('\n'));
  }
  return content;
}

/** The template, stylesheets, fonts and furniture a document is made with; the files checked readable. */
export async function documentOptionsFor(
  options: Pick<BuildOptions, 'template' | 'styles' | 'fonts' | 'bleed' | 'marks'>,
  file: VFile,
): Promise<DocumentOptions> {
  const { defaultFonts } = await import('./document/fonts.js');
  const documentOptions = {
    template: options.template ?? defaultTemplate,
    styles: [...defaultStyles, ...(options.styles ?? [])],
    fonts: options.fonts ?? defaultFonts,
    ...(file.data.frontMatter ? { frontMatter: file.data.frontMatter } : {}),
    ...(options.bleed ? { bleed: options.bleed } : {}),
    ...(options.marks ? { marks: options.marks } : {}),
  };
  await Promise.all([documentOptions.template, ...documentOptions.styles].map(requireReadable));
  return documentOptions;
}

/** Markdown longer than this (some 12 pages) is a long edition: see collectGarbage. */
const LONG_MARKDOWN_CHARACTERS = 100_000;

/**
 * A full garbage collection of this process (about 20 ms after a 60-page
 * edition's Markdown, saving 20 MiB of the build's peak). Node has no call
 * for it without --expose-gc, which a context created after setting the flag gets.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Markdown → mdast → hast → HTML document → paged DOM → PDF bytes → PDF file. */
export async function build(given: BuildOptions): Promise<BuildResult> {
  const options: BuildOptions = { ...given, ...parseOptions(buildSettings, given) };
  const timings: BuildResult['timings'] = {};
  let last = performance.now();
  const stage = (name: BuildStage, ms = performance.now() - last) => {
    timings[name] = ms;
    options.onStage?.(name, ms);
    last = performance.now();
  };

  const output = path.resolve(options.output ?? defaultOutput(options.input));
  const file = await readInput(options.input);
  stage('read');

  // A browser of our own starts while the Markdown is turned into a document.
  const ownBrowser = options.browser
    ? undefined
    : PrintBrowser.launch({ singleProcess: true, ...browserOptionsFor(options) });
  try {
    return await buildIn(options.browser ?? (ownBrowser as PrintBrowser), options, { output, file, stage, timings });
  } finally {
    await ownBrowser?.close();
  }
}

async function buildIn(
  browser: PrintBrowser,
  options: BuildOptions,
  {
    output,
    file,
    stage,
    timings,
  }: { output: string; file: VFile; stage: (name: BuildStage, ms?: number) => void; timings: BuildResult['timings'] },
): Promise<BuildResult> {
  const content = await readContent(file, options);
  stage('markdown');

  const { document, html } = await renderDocuments(content, file, options);
  stage('document');
  // The syntax trees of a long edition are garbage now, but V8 would keep
  // their memory until after the browser has printed, adding the two peaks.
  if (String(file.value).length > LONG_MARKDOWN_CHARACTERS) collectGarbage();

  const printOptions = {
    ...(options.timeout ? { timeout: options.timeout } : {}),
    onStage: (name: BuildStage, ms: number) => stage(name, ms),
  };
  await browser.ready;
  if (!options.browser) stage('launch');
  // Loaded while the page is laid out.
  const finishing = import('./finish/finish-pdf.js');
  finishing.catch(() => {});
  const printed = await printIn(browser, document.html, document.assets, printOptions);
  const { pdf, fonts, pdfxWarnings } = await finish(printed, document, file, options, await finishing);
  stage('finish');

  await writeAtomically(output, pdf);
  stage('write');

  const { printResolutionWarnings } = await import('./layout/print-resolution.js');
  const warnings = [
    ...printed.warnings,
    ...printResolutionWarnings(file, printed.layout.images),
    ...(await fontWarnings(file, document.uncovered, fonts)),
    ...pdfxWarnings,
  ];
  return { output, html, layout: printed.layout, file, warnings, timings };
}

/** The document the browser lays out, and with `--html` the same document written standalone. */
async function renderDocuments(
  content: Root,
  file: VFile,
  options: BuildOptions,
): Promise<{ document: HtmlDocument; html: string | undefined }> {
  const documentOptions = await documentOptionsFor(options, file);
  const { renderDocument } = await import('./document/template.js');
  const document = await renderDocument(content, { ...documentOptions, inlineStyles: true });
  if (!options.html) return { document, html: undefined };
  const html = path.resolve(options.html);
  const standalone = await renderDocument(content, {
    ...documentOptions,
    assets: new RelativeAssetLinks(path.dirname(html)),
  });
  await writeAtomically(html, standalone.html);
  return { document, html };
}

/**
 * The printed PDF with its metadata and page boxes, converted to PDF/X when asked; its fonts; and why it
 * is labelled PDF/X-3 rather than X-1a, when it is.
 */
async function finish(
  printed: PrintResult,
  document: HtmlDocument,
  file: VFile,
  options: BuildOptions,
  { documentDate, finishPdf }: typeof import('./finish/finish-pdf.js'),
): Promise<{ pdf: Uint8Array; fonts: readonly PdfFont[]; pdfxWarnings: string[] }> {
  const frontMatter = file.data.frontMatter;
  const px = PT_PER_PX;
  const { geometry } = printed.layout;
  const finished = await finishPdf(printed.pdf, {
    title: document.title || path.basename(options.input),
    author: frontMatter?.author ?? frontMatter?.paper,
    subject: frontMatter?.subject ?? document.deck,
    keywords: typeof frontMatter?.keywords === 'string' ? [frontMatter.keywords] : frontMatter?.keywords,
    language: 'zh-CN',
    date: documentDate(process.env, frontMatter?.date),
    boxes: {
      trim: { width: geometry.width * px, height: geometry.height * px },
      trimOffset: geometry.trimOffset * px,
      bleed: geometry.bleed * px,
    },
  });
  if (!options.pdfx) return { pdf: finished.bytes, fonts: finished.fonts, pdfxWarnings: [] };
  const [{ convertToPdfx }, { pdfFontsOfBytes }] = await Promise.all([
    import('./finish/pdfx.js'),
    import('./finish/pdf-fonts.js'),
  ]);
  const { pdf, version, problems } = await convertToPdfx(finished.bytes, {
    colour: options.pdfx,
    inkLimit: options.inkLimit,
  });
  const pdfxWarnings = problems.length > 0 ? [`written as ${version}, not PDF/X-1a: ${problems.join('; ')}`] : [];
  return { pdf, fonts: await pdfFontsOfBytes(pdf), pdfxWarnings };
}

/**
 * Characters printed as boxes (no declared face has them), with their places,
 * and Type 3 fonts in the PDF, by name and page: warnings, not failures — the
 * PDF is still a good proof, and `banmian preflight` is where the press's rule
 * fails it (a Type 3 font can only come from outside banmian's faces: a
 * stylesheet's own font, text in an SVG image).
 */
async function fontWarnings(file: VFile, uncovered: readonly string[], fonts: readonly PdfFont[]): Promise<string[]> {
  const [{ uncoveredCharacterWarnings }, { type3Check }] = await Promise.all([
    import('./markdown/remark-uncovered-characters.js'),
    import('./finish/pdf-fonts.js'),
  ]);
  const type3 = type3Check(fonts);
  return [
    ...uncoveredCharacterWarnings(file, uncovered),
    ...(type3.passed ? [] : [`${type3.detail}: a press's preflight refuses Type 3 fonts`]),
  ];
}
