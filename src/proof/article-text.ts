import { readFile } from 'node:fs/promises';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString as textOf } from 'hast-util-to-string';
import { VFile } from 'vfile';
import { markdownToHast } from '../markdown/processor.js';

/**
 * The text of each article of a document, as the build sets it (the same
 * Markdown stage, repair and all), kept in a proof's report.json so that a
 * later round can say what changed in the words: the headline group and the
 * introduction under the headline, each article under its title, one string
 * per block (paragraph, heading, list item, caption, table cell).
 */
export interface ArticleText {
  title: string;
  blocks: string[];
}

/** The title of an article without a heading. */
export const UNTITLED = 'Untitled article';

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, dt, dd, th, td, figcaption, pre';

export async function articleTexts(input: string, options: { repair?: boolean } = {}): Promise<ArticleText[]> {
  const file = new VFile({ path: input, value: await readFile(input, 'utf8') });
  const tree = await markdownToHast(file, { repair: options.repair !== false, trusted: false });
  return articlesOf(tree);
}

export function articlesOf(tree: Root): ArticleText[] {
  const articles: ArticleText[] = [];
  const headline = select('hgroup.headline', tree);
  const introduction = select('section.introduction', tree);
  if (headline || introduction) {
    const title = textOf(select('h1', headline ?? tree) ?? { type: 'root', children: [] }).trim();
    articles.push({
      title: title || 'Introduction',
      blocks: [headline, introduction].flatMap((part) => (part ? blocksOf(part) : [])),
    });
  }
  for (const article of selectAll('article', tree)) {
    const heading = select('header h2, header h1, h2', article);
    articles.push({
      // Untitled articles share one title, not a number that would shift when one is inserted before them.
      title: heading ? textOf(heading).trim() : UNTITLED,
      blocks: blocksOf(article),
    });
  }
  return articles;
}

/** The text of each innermost block, in order (a list item's paragraph once, not also as the item). */
function blocksOf(root: Element): string[] {
  return (
    selectAll(BLOCKS, root)
      // select() matches the node itself too: look for a block among its children.
      .filter((block) => !block.children.some((child) => child.type === 'element' && select(BLOCKS, child)))
      .map((block) => textOf(block).replace(/\s+/g, ' ').trim())
      .filter(Boolean)
  );
}
