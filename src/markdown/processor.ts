import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { type PluggableList, unified } from 'unified';
import type { VFile } from 'vfile';
import { limitSourceDelimiters, limitSourceNesting } from './limit-source-nesting.js';
import { installMicromarkAdapter } from './micromark-adapter.js';
import { rehypeArticleFootnotes } from './rehype-article-footnotes.js';
import { rehypeArticles } from './rehype-articles.js';
import { rehypeBoxes } from './rehype-boxes.js';
import { rehypeBylines } from './rehype-bylines.js';
import { rehypeChunkLongText } from './rehype-chunk-long-text.js';
import { rehypeCredits } from './rehype-credits.js';
import { rehypeFigures } from './rehype-figures.js';
import { rehypeHeadlineGroup } from './rehype-headline-group.js';
import { rehypeLocalImages } from './rehype-local-images.js';
import { rehypeNumericCells } from './rehype-numeric-cells.js';
import { rehypePortraits } from './rehype-portraits.js';
import { remarkCjkSpacing } from './remark-cjk-spacing.js';
import { remarkJoinSplitParagraphs } from './remark-join-split-paragraphs.js';
import { remarkLimitNesting } from './remark-limit-nesting.js';
import { remarkReadFrontMatter } from './remark-read-front-matter.js';
import { remarkRestoreLimitedMarks } from './remark-restore-limited-marks.js';
import { remarkSplitLeadIns } from './remark-split-lead-ins.js';
import { remarkUncoveredCharacters } from './remark-uncovered-characters.js';
import { checkDeadline, MARKDOWN_BUDGET_MS, MarkdownDeadlineError } from './stage-deadline.js';

// Before any parse: two of micromark's walks are otherwise quadratic in the length of a paragraph.
// It runs once, when this module is first imported — and so when the package entry is, even by a pipeline
// that takes only the plugins: it starts nothing, but it bounds those walks in the copy of micromark that
// banmian resolves, for every parser in the process that shares it (trees come out the same, but for a
// literal autolink whose walk back gives up, MAX_AUTOLINK_WALK, and which stays text). Top-level await
// makes the entry ESM-only: `require('banmian')` cannot load it.
await installMicromarkAdapter();

/**
 * GitHub's schema (what Markdown from outside may hold), without its
 * user-content- prefix on ids (footnote links already carry one) and with
 * the inline marks Chinese text uses (ruby annotations, emphasis marks).
 */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: '',
  // Elements whose content is not text to print either.
  strip: ['script', 'style', 'template', 'title', 'textarea', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math'],
  tagNames: [...(defaultSchema.tagNames ?? []), 'ruby', 'rt', 'rp', 'mark', 'u'],
};

export interface MarkdownProcessorOptions {
  /** Join paragraphs cut mid-sentence and split off run-on bold lead-ins (default: true). */
  repair?: boolean;
  /** Remark plugins run on the finished mdast before it becomes hast: `banmian check`'s rules. */
  remarkPlugins?: PluggableList;
  /**
   * Raw HTML in the Markdown is kept only as far as a newspaper page needs it
   * (rehype-sanitize: no script, event handler, iframe, object, style or
   * link, no javascript: URLs). `trusted` keeps it all, for sources the
   * editor controls.
   */
  trusted?: boolean;
}

/**
 * Markdown → mdast → hast. CommonMark's flanking rules do not let `**…。**正文`
 * close (CJK punctuation inside, a Han character outside), so remark-cjk-friendly
 * is what makes the digest's bold lead-ins bold at all.
 */
export function createMarkdownProcessor(options: MarkdownProcessorOptions = {}) {
  return (
    unified()
      .use(remarkParse)
      .use(checkDeadline('parsing'))
      // Before any plugin walks the tree: nesting thousands deep would exhaust their stacks.
      .use(remarkLimitNesting)
      .use(remarkRestoreLimitedMarks)
      // Front matter is metadata, not text to print.
      .use(remarkFrontmatter, ['yaml', 'toml'])
      // …but it names the paper, date, edition and portraits (src/config/front-matter.ts).
      .use(remarkReadFrontMatter)
      .use(remarkGfm)
      .use(remarkCjkFriendly)
      .use(remarkCjkFriendlyGfmStrikethrough)
      // A paragraph hard-wrapped mid-sentence is one line of Chinese, not words with spaces between.
      .use(remarkCjkSpacing)
      // Text copied off a laid-out page: paragraphs cut mid-sentence, lead-ins run on (join first, then split).
      .use(options.repair === false ? [] : [remarkJoinSplitParagraphs, remarkSplitLeadIns])
      .use(checkDeadline('repairing'))
      .use(options.remarkPlugins ?? [])
      .use(remarkUncoveredCharacters)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeRaw)
      .use(options.trusted ? [] : [[rehypeSanitize, sanitizeSchema]])
      .use(checkDeadline('making HTML'))
      .use(rehypeHeadlineGroup)
      .use(rehypeCredits)
      .use(rehypeLocalImages)
      // Before the bylines and the articles: a box's heading (编者按, 相关链接) is neither an organisation nor a title.
      .use(rehypeBoxes)
      .use(rehypeBylines)
      .use(rehypePortraits)
      // After the credits (it takes a photo's credit line), the images (a placeholder is a figure too) and the
      // portraits (they claim their pictures first).
      .use(rehypeFigures)
      .use(rehypeArticles)
      .use(rehypeArticleFootnotes)
      .use(rehypeNumericCells)
      .use(rehypeChunkLongText)
      .use(checkDeadline('setting up the page'))
  );
}

/**
 * The semantic content of a Markdown file as a hast tree; messages go to `file`, and so does a fatal
 * one if the stage takes longer than its budget.
 */
export async function markdownToHast(file: VFile, options: MarkdownProcessorOptions = {}): Promise<Root> {
  file.data.markdownDeadline = performance.now() + MARKDOWN_BUDGET_MS;
  limitSourceNesting(file);
  limitSourceDelimiters(file);
  const processor = createMarkdownProcessor(options);
  try {
    return await processor.run(processor.parse(file), file);
  } catch (error) {
    // The fatal message is in the file, for the caller to report with the others.
    if (error instanceof MarkdownDeadlineError) return { type: 'root', children: [] };
    throw error;
  }
}

/** The content alone as an HTML fragment (for tests and inspection). */
export async function markdownToHtml(file: VFile, options: MarkdownProcessorOptions = {}): Promise<string> {
  const tree = await markdownToHast(file, options);
  return unified().use(rehypeStringify).stringify(tree);
}
