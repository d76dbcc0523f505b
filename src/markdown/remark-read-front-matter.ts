import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

/**
 * Reads the YAML front matter (the `yaml` node remark-frontmatter made) into
 * `file.data.frontMatter`, where the later steps — portraits, the template's
 * masthead strip — find it. Problems become messages placed on their line in
 * the Markdown file; errors are fatal (`message.fatal === true`), and the
 * build stops on them after the Markdown step, having reported them all. The
 * YAML parser and the schema are loaded only for a file that has front matter
 * (0.1 s of a cold build otherwise).
 */
export const remarkReadFrontMatter: Plugin<[], Root> = () => async (tree: Root, file: VFile) => {
  file.data.frontMatter = { portraits: [] };
  const [first] = tree.children;
  // remark-frontmatter's `toml` node is not in mdast's own types.
  if ((first?.type as string | undefined) === 'toml') {
    message(file, 'TOML front matter is not read: write it in YAML between `---` lines', first?.position, false);
    return;
  }
  if (first?.type !== 'yaml') return;
  // The YAML text starts on the line after the opening `---`.
  const origin = { line: (first.position?.start.line ?? 1) + 1, column: 1 };
  const { readFrontMatter } = await import('../config/front-matter.js');
  const { data, problems } = readFrontMatter(first.value, origin);
  for (const problem of problems) message(file, problem.reason, problem.place, problem.fatal);
  if (data) file.data.frontMatter = data;
};

function message(file: VFile, reason: string, place: Point | Position | undefined, fatal: boolean): void {
  const message = file.message(reason, { place, ruleId: 'front-matter', source: 'banmian' });
  message.fatal = fatal;
}
