export { type BatchItem, type BatchOptions, type BatchOutcome, batchItems, buildMany } from './batch.js';
export { BuildError, type BuildOptions, type BuildResult, type BuildStage, build, defaultOutput } from './build.js';
export { type CheckOptions, check, checkFile } from './check/check.js';
export { type FrontMatter, frontMatterSchema, readFrontMatter } from './config/front-matter.js';
export { formatIssueDate } from './config/issue-date.js';
export { AssetMap } from './document/assets.js';
export { defaultFonts, type FontFaceSpec } from './document/fonts.js';
export { renderDocument } from './document/template.js';
export { FileError } from './files.js';
export {
  createMarkdownProcessor,
  type MarkdownProcessorOptions,
  markdownToHast,
  markdownToHtml,
} from './markdown/processor.js';
export { type BrowserOptions, PrintBrowser } from './print/browser.js';
export { findBrowser } from './print/chromium.js';
export { printDocument, printIn } from './print/print.js';
export { type BuildWatcher, type WatchBuildOptions, watchBuilds } from './watch.js';
