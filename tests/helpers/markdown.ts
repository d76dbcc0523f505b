import type { Root } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { type PluggableList, unified } from 'unified';
import { VFile } from 'vfile';

/** Markdown through remark-rehype and the given rehype plugins, to HTML, with the file's messages. */
export async function rehypeFixture(markdown: string, plugins: PluggableList): Promise<{ html: string; file: VFile }> {
  const file = new VFile({ path: 'fixture.md', value: markdown });
  const processor = unified().use(remarkParse).use(remarkRehype).use(plugins);
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  return { html: unified().use(rehypeStringify).stringify(tree), file };
}

/**
 * Markdown parsed as the build parses it (GFM, CJK-friendly emphasis), then run
 * through the given remark plugins: the mdast and the file's messages.
 */
export async function remarkFixture(
  markdown: string,
  plugins: PluggableList,
): Promise<{ tree: MdastRoot; file: VFile }> {
  const file = new VFile({ path: 'fixture.md', value: markdown });
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkCjkFriendly).use(plugins);
  const tree = (await processor.run(processor.parse(file), file)) as MdastRoot;
  return { tree, file };
}
