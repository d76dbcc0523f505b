import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { remarkReadFrontMatter } from '../../src/markdown/remark-read-front-matter.js';

/** Markdown through the front-matter steps, as src/markdown/processor.ts runs them: the file and its messages. */
async function build(markdown: string): Promise<VFile> {
  const file = new VFile({ path: 'page.md', value: markdown });
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkReadFrontMatter);
  await processor.run(processor.parse(file), file);
  return file;
}

const messages = (file: VFile) => file.messages.map((message) => ({ text: String(message), fatal: message.fatal }));

describe('remarkReadFrontMatter with TOML (`+++`, as Hugo and Zola write it)', () => {
  it('reads the title and the date', async () => {
    const file = await build(
      '+++\ntitle = "政协党建发言摘编"\ndate = 2024-05-03\n[portraits]\n"曹宏峰" = "portraits/cao.jpg"\n+++\n\n# 标题\n',
    );
    expect(messages(file)).toEqual([]);
    expect(file.data.frontMatter).toMatchObject({ title: '政协党建发言摘编', date: '2024-05-03' });
    expect(file.data.frontMatter?.portraits).toMatchObject([{ name: '曹宏峰', place: { start: { line: 5 } } }]);
  });

  it('stops on a TOML syntax error, at file:line:column', async () => {
    const file = await build('+++\ntitle = "发言摘编"\ndate = 2024-05-03 x\n+++\n\n# 标题\n');
    expect(messages(file)).toEqual([
      { text: expect.stringMatching(/^page\.md:3:\d+: front matter is not valid TOML: /), fatal: true },
    ]);
    expect(file.data.frontMatter).toEqual({ portraits: [] });
  });

  it('warns about an unknown key at its line and reads the rest', async () => {
    const file = await build('+++\ntitle = "发言摘编"\n\ndraft = true\ndate = 2024-05-03\n+++\n\n# 标题\n');
    expect(messages(file)).toEqual([
      { text: expect.stringMatching(/^page\.md:4:1-4:6: front matter: unknown key `draft` \(ignored;/), fatal: false },
    ]);
    expect(file.data.frontMatter).toEqual({ title: '发言摘编', date: '2024-05-03', portraits: [] });
  });

  it('places a wrong value on its key’s line', async () => {
    const file = await build('+++\ntitle = "发言摘编"\npage = "三"\n+++\n\n# 标题\n');
    expect(messages(file)).toEqual([
      { text: 'page.md:3:8-3:11: front matter: page must be a whole number such as 3', fatal: true },
    ]);
  });
});
