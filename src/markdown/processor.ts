import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { rehypeArticles } from './rehype-articles.js';
import { rehypeBylines } from './rehype-bylines.js';
import { rehypeCredits } from './rehype-credits.js';
import { rehypeHeadlineGroup } from './rehype-headline-group.js';

/**
 * Markdown → mdast → hast. CommonMark's flanking rules do not let `**…。**正文`
 * close (CJK punctuation inside, a Han character outside), so remark-cjk-friendly
 * is what makes the digest's bold lead-ins bold at all.
 */
export function createMarkdownProcessor() {
  return (
    unified()
      .use(remarkParse)
      // Front matter is metadata, not text to print.
      .use(remarkFrontmatter, ['yaml', 'toml'])
      .use(remarkGfm)
      .use(remarkCjkFriendly)
      .use(remarkCjkFriendlyGfmStrikethrough)
      .use(remarkRehype)
      .use(rehypeHeadlineGroup)
      .use(rehypeCredits)
      .use(rehypeBylines)
      .use(rehypeArticles)
  );
}

/** The semantic content of a Markdown file as a hast tree; messages go to `file`. */
export async function markdownToHast(file: VFile): Promise<Root> {
  const processor = createMarkdownProcessor();
  return processor.run(processor.parse(file), file);
}

/** The content alone as an HTML fragment (for tests and inspection). */
export async function markdownToHtml(file: VFile): Promise<string> {
  const tree = await markdownToHast(file);
  return unified().use(rehypeStringify).stringify(tree);
}
