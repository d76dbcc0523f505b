import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

/**
 * Reads the front matter — YAML between `---` lines, or TOML between `+++`
 * lines as Hugo and Zola write it (the `yaml` or `toml` node
 * remark-frontmatter made) — into `file.data.frontMatter`, where the later
 * steps — portraits, the template's masthead strip — find it. Both are
 * validated by the one schema (src/config/front-matter.ts). Problems become
 * messages placed on their line in the Markdown file; errors are fatal
 * (`message.fatal === true`), and the build stops on them after the Markdown
 * step, having reported them all. The parser and the schema are loaded only
 * for a file that has front matter (0.1 s of a cold build otherwise).
 */
export const remarkReadFrontMatter: Plugin<[], Root> = () => async (tree: Root, file: VFile) => {
  file.data.frontMatter = { portraits: [] };
  const [first] = tree.children;
  // remark-frontmatter's `toml` node is not in mdast's own types.
  const node = first as { type: string; value?: string; position?: Position } | undefined;
  if (node?.type !== 'yaml' && node?.type !== 'toml') return;
  // The front matter's text starts on the line after the opening `---` or `+++`.
  const origin = { line: (node.position?.start.line ?? 1) + 1, column: 1 };
  const { data, problems } =
    node.type === 'yaml'
      ? (await import('../config/front-matter.js')).readFrontMatter(node.value ?? '', origin)
      : (await import('../config/toml-front-matter.js')).readTomlFrontMatter(node.value ?? '', origin);
  for (const problem of problems) message(file, problem.reason, problem.place, problem.fatal);
  if (data) file.data.frontMatter = data;
};

function message(file: VFile, reason: string, place: Point | Position | undefined, fatal: boolean): void {
  const message = file.message(reason, { place, ruleId: 'front-matter', source: 'banmian' });
  message.fatal = fatal;
}
