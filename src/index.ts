// The package's entry (`import … from 'banmian'`): the build and its pieces, and the Markdown stage's unified
// plugins for another pipeline. Importing it starts nothing: Puppeteer loads when a browser is first started,
// and the only work done on import is the micromark adapter's install (src/markdown/processor.ts).
import type { BuildOptions, BuildResult } from './build.js';

export { type BatchItem, type BatchOptions, type BatchOutcome, batchItems, buildMany } from './batch.js';
export {
  BUILD_STAGES,
  BuildError,
  type BuildOptions,
  type BuildResult,
  type BuildStage,
  build,
  defaultOutput,
} from './build.js';
export { type CheckOptions, check, checkFile } from './check/check.js';
export { type FixOptions, type FixResult, fix, type TextEdit } from './check/fix.js';
export { type FrontMatter, frontMatterSchema, readFrontMatter } from './config/front-matter.js';
export { formatIssueDate } from './config/issue-date.js';
export { AssetMap } from './document/assets.js';
export { defaultFonts, type FontFaceSpec } from './document/fonts.js';
export { renderDocument } from './document/template.js';
export { BanmianError, type ErrorPlace, isBanmianError } from './errors.js';
export { FileError } from './files.js';
export {
  createMarkdownProcessor,
  type MarkdownProcessorOptions,
  markdownToHast,
  markdownToHtml,
} from './markdown/processor.js';
export { type ArticlesOptions, rehypeArticles } from './markdown/rehype-articles.js';
export { type BoxesOptions, rehypeBoxes } from './markdown/rehype-boxes.js';
export { type BylinesOptions, rehypeBylines } from './markdown/rehype-bylines.js';
export { type CreditsOptions, rehypeCredits } from './markdown/rehype-credits.js';
export { type FiguresOptions, rehypeFigures } from './markdown/rehype-figures.js';
export { type HeadlineGroupOptions, rehypeHeadlineGroup } from './markdown/rehype-headline-group.js';
export {
  JOIN_SPLIT_PARAGRAPH,
  type JoinSplitParagraphsOptions,
  remarkJoinSplitParagraphs,
} from './markdown/remark-join-split-paragraphs.js';
export { remarkSplitLeadIns, SPLIT_LEAD_IN, type SplitLeadInsOptions } from './markdown/remark-split-lead-ins.js';
export {
  batchSettings,
  buildSettings,
  checkSettings,
  OptionError,
  parseOptions,
  previewSettings,
  proofSettings,
  type Settings,
} from './options/schema.js';
export { type BrowserOptions, PrintBrowser } from './print/browser.js';
export { findBrowser } from './print/chromium.js';
export { printDocument, printIn } from './print/print.js';
export { type ProofOptions, type ProofReport, proof } from './proof/proof.js';
export { type BuildWatcher, type WatchBuildOptions, watchBuilds } from './watch.js';

/** A printer's mark outside the bleed (`BuildOptions.marks`). */
export type Mark = NonNullable<BuildOptions['marks']>[number];
/** What the layout in the browser reports (`BuildResult.layout`): sheets, columns, balance, warnings. */
export type LayoutReport = BuildResult['layout'];
