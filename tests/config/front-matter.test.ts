import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { formatIssueDate, readFrontMatter } from '../../src/config/front-matter.js';
import { readTomlFrontMatter } from '../../src/config/toml-front-matter.js';
import { remarkReadFrontMatter } from '../../src/markdown/remark-read-front-matter.js';

const origin = { line: 2, column: 1 };

/** Markdown through remark-frontmatter and remark-read-front-matter: the file with its data and messages. */
async function read(markdown: string): Promise<VFile> {
  const file = new VFile({ path: 'page.md', value: markdown });
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkReadFrontMatter);
  await processor.run(processor.parse(file), file);
  return file;
}

const messages = (file: VFile) => file.messages.map((message) => ({ text: String(message), fatal: message.fatal }));

describe('readFrontMatter', () => {
  it('reads the paper, date, edition, page, title and portraits', () => {
    const { data, problems } = readFrontMatter(
      'paper: 哈尔滨日报\ndate: 2026-11-28\nedition: 政协\npage: 3\ntitle: 发言摘编\nportraits:\n  曹宏峰: portraits/cao.jpg\n',
      origin,
    );
    expect(problems).toEqual([]);
    expect(data).toMatchObject({
      paper: '哈尔滨日报',
      date: '2026-11-28',
      edition: '政协',
      page: 3,
      title: '发言摘编',
    });
    expect(data?.portraits).toEqual([
      {
        name: '曹宏峰',
        src: 'portraits/cao.jpg',
        place: { start: { line: 8, column: 8 }, end: { line: 8, column: 25 } },
      },
    ]);
  });

  it('places a schema violation on its line and column in the Markdown file', () => {
    const { data, problems } = readFrontMatter('paper: 哈尔滨日报\ndate: not-a-date\npage: 0\n', origin);
    expect(data).toBeUndefined();
    expect(problems).toEqual([
      {
        reason: 'front matter: date must be a date such as 2026-11-28 (or 2026/11/28, 2026年11月28日)',
        place: { start: { line: 3, column: 7 }, end: { line: 3, column: 17 } },
        fatal: true,
      },
      {
        reason: 'front matter: page must be 1 or more',
        place: { start: { line: 4, column: 7 }, end: { line: 4, column: 8 } },
        fatal: true,
      },
    ]);
  });

  it('refuses dates that do not exist, and text where a number belongs', () => {
    expect(readFrontMatter('date: 2026-02-30', origin).data).toBeUndefined();
    expect(readFrontMatter('date: 2028-02-29', origin).data?.date).toBe('2028-02-29');
    // Dates as articles from elsewhere write them.
    for (const written of ['2023/05/03', '2023.5.3', '2023年5月3日', '2023-05-03 10:00:00', '2023-05-03T08:00:00Z']) {
      expect(readFrontMatter(`date: ${written}`, origin).data?.date, written).toBe('2023-05-03');
    }
    expect(readFrontMatter('date: 2023/13/03', origin).data).toBeUndefined();
    const { problems } = readFrontMatter('page: 三', origin);
    expect(problems.map((p) => p.reason)).toEqual(['front matter: page must be a whole number such as 3']);
    expect(readFrontMatter('paper: ""', origin).problems.map((p) => p.reason)).toEqual([
      'front matter: paper must not be empty',
    ]);
  });

  it('places a YAML syntax error', () => {
    const { data, problems } = readFrontMatter('paper: 哈尔滨日报\ndate: "2026-11-28\n', origin);
    expect(data).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.fatal).toBe(true);
    expect(problems[0]?.reason).toMatch(/^front matter is not valid YAML: /);
    expect(problems[0]?.place).toMatchObject({ line: 3 });
  });

  it('warns about an unknown key, at the key, and keeps the rest', () => {
    const { data, problems } = readFrontMatter('paper: 哈尔滨日报\neditor: 某某\n', origin);
    expect(data?.paper).toBe('哈尔滨日报');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ fatal: false, place: { start: { line: 3, column: 1 } } });
    expect(problems[0]?.reason).toMatch(/unknown key `editor`/);
  });

  it('reads type sizes as CSS lengths, and places a bad size or an unknown one at its key or value', () => {
    expect(
      readFrontMatter('sizes: { body: 五号, title: 小二, headline: 60级, deck: 16pt }', origin).data?.sizes,
    ).toEqual({
      body: '10.5pt',
      title: '18pt',
      headline: '60Q',
      deck: '16pt',
    });
    const { data, problems } = readFrontMatter(
      'paper: 哈尔滨日报\nsizes:\n  body: 九号\n  titel: 小二\n  deck: 11\n',
      origin,
    );
    expect(data).toBeUndefined();
    expect(problems).toEqual([
      {
        reason: expect.stringMatching(
          /^front matter: sizes: `九号` is not a type size: a 号 \(初号、小初、.*、八号\), 级/,
        ),
        place: { start: { line: 4, column: 9 }, end: { line: 4, column: 11 } },
        fatal: true,
      },
      {
        reason: expect.stringMatching(
          /^front matter: sizes: `titel` is not a size of the page \(body, headline, deck, title/,
        ),
        place: { start: { line: 5, column: 3 }, end: { line: 5, column: 8 } },
        fatal: true,
      },
      {
        reason: expect.stringMatching(/^front matter: sizes: `11` is not a type size/),
        place: { start: { line: 6, column: 9 }, end: { line: 6, column: 11 } },
        fatal: true,
      },
    ]);
    expect(readFrontMatter('sizes: 五号', origin).problems.map((p) => p.reason)).toEqual([
      'front matter: sizes must be a map of size to value, such as `body: 五号`',
    ]);
  });

  it('wants keys and values, not a list or a sentence', () => {
    expect(readFrontMatter('- paper\n- date\n', origin).problems[0]).toMatchObject({
      fatal: true,
      reason: 'front matter: expected keys and values, such as `paper: 哈尔滨日报`',
    });
    expect(readFrontMatter('', origin)).toEqual({ data: { portraits: [] }, problems: [] });
  });
});

describe('formatIssueDate', () => {
  it('prints the date and weekday as a Chinese paper does', () => {
    expect(formatIssueDate('2026-11-28')).toBe('2026年11月28日 星期六');
    expect(formatIssueDate('2027-01-03')).toBe('2027年1月3日 星期日');
  });
});

describe('remarkReadFrontMatter', () => {
  it('puts the validated front matter in file.data', async () => {
    const file = await read('---\npaper: 哈尔滨日报\ndate: 2026-11-28\n---\n\n# 标题\n');
    expect(file.data.frontMatter).toEqual({ paper: '哈尔滨日报', date: '2026-11-28', portraits: [] });
    expect(file.messages).toEqual([]);
  });

  it('reports errors as fatal messages with file:line:column, warnings as warnings', async () => {
    const file = await read('---\npaper: 哈尔滨日报\ncolour: red\ndate: not-a-date\n---\n\n# 标题\n');
    expect(messages(file)).toEqual([
      { text: expect.stringMatching(/^page\.md:3:1-3:7: front matter: unknown key `colour`/), fatal: false },
      {
        text: 'page.md:4:7-4:17: front matter: date must be a date such as 2026-11-28 (or 2026/11/28, 2026年11月28日)',
        fatal: true,
      },
    ]);
    expect(file.data.frontMatter).toEqual({ portraits: [] });
  });

  it('has nothing to read without front matter', async () => {
    const none = await read('# 标题\n\n正文。\n');
    expect(none.data.frontMatter).toEqual({ portraits: [] });
    expect(none.messages).toEqual([]);
  });

  it('reads TOML front matter (`+++`) as it reads YAML', async () => {
    const toml = await read('+++\ntitle = "政协发言摘编"\ndate = 2024-05-03\npage = 3\n+++\n\n# 标题\n');
    expect(toml.messages).toEqual([]);
    expect(toml.data.frontMatter).toEqual({ title: '政协发言摘编', date: '2024-05-03', page: 3, portraits: [] });
  });
});

describe('readTomlFrontMatter', () => {
  it('reads the keys banmian knows, TOML dates as the date, portraits from a table', () => {
    const { data, problems } = readTomlFrontMatter(
      'paper = "哈尔滨日报"\ndate = 2026-11-28\nedition = "政协"\npage = 3\nkeywords = ["政协", "党建"]\n\n[portraits]\n"曹宏峰" = "portraits/cao.jpg"\n',
      origin,
    );
    expect(problems).toEqual([]);
    expect(data).toMatchObject({ paper: '哈尔滨日报', date: '2026-11-28', edition: '政协', page: 3 });
    expect(data?.keywords).toEqual(['政协', '党建']);
    expect(data?.portraits).toEqual([
      {
        name: '曹宏峰',
        src: 'portraits/cao.jpg',
        place: { start: { line: 9, column: 9 }, end: { line: 9, column: 28 } },
      },
    ]);
  });

  it('takes the date of a TOML date-time as written, not in UTC', () => {
    for (const [written, date] of [
      ['2024-05-03', '2024-05-03'],
      ['2024-05-03T01:30:00+08:00', '2024-05-03'],
      ['2024-05-03 23:30:00-05:00', '2024-05-03'],
      ['2024-05-03T08:00:00', '2024-05-03'],
      ['"2024年5月3日"', '2024-05-03'],
    ]) {
      expect(readTomlFrontMatter(`date = ${written}`, origin).data?.date, written).toBe(date);
    }
    // A time of day is no date.
    expect(readTomlFrontMatter('date = 08:00:00', origin).problems).toMatchObject([
      { fatal: true, place: { start: { line: 2, column: 8 } }, reason: expect.stringMatching(/date must be a date/) },
    ]);
  });

  it('places a TOML syntax error at its line and column in the Markdown file', () => {
    const { data, problems } = readTomlFrontMatter('paper = "哈尔滨日报"\ndate = 2026-11-28\npage = = 3\n', origin);
    expect(data).toBeUndefined();
    expect(problems).toEqual([
      {
        reason: expect.stringMatching(/^front matter is not valid TOML: /),
        place: { line: 4, column: 8 },
        fatal: true,
      },
    ]);
    // An unclosed string at the end: on its own line, not on the closing `+++`.
    expect(readTomlFrontMatter('paper = "哈尔滨日报\n', origin).problems[0]?.place).toMatchObject({ line: 2 });
  });

  it('places a bad value at its key’s line, and warns about an unknown key at the key', () => {
    const { data, problems } = readTomlFrontMatter(
      'paper = "哈尔滨日报"\n  editor = "某某"\npage = 0\ntags.one = "x"\n[extra]\nfoo = 1\n',
      origin,
    );
    expect(data).toBeUndefined();
    expect(problems).toEqual([
      {
        reason: expect.stringMatching(/^front matter: unknown key `editor` \(ignored; banmian reads paper, date/),
        place: { start: { line: 3, column: 3 }, end: { line: 3, column: 9 } },
        fatal: false,
      },
      {
        reason: expect.stringMatching(/unknown key `tags`/),
        place: { start: { line: 5, column: 1 }, end: { line: 5, column: 9 } },
        fatal: false,
      },
      {
        reason: expect.stringMatching(/unknown key `extra`/),
        place: { start: { line: 6, column: 2 }, end: { line: 6, column: 7 } },
        fatal: false,
      },
      {
        reason: 'front matter: page must be 1 or more',
        place: { start: { line: 4, column: 8 }, end: { line: 4, column: 9 } },
        fatal: true,
      },
    ]);
  });

  it('places a bad item of an array or inline table on the line that holds it', () => {
    const { problems } = readTomlFrontMatter(
      'keywords = [\n  "政协",\n  "",\n]\nportraits = { "曹宏峰" = 3 }\n',
      origin,
    );
    expect(problems.map((problem) => [problem.reason, (problem.place as { start: unknown }).start])).toEqual([
      ['front matter: a keyword must not be empty', { line: 2, column: 12 }],
      ['front matter: a portrait’s image path must be text', { line: 6, column: 13 }],
    ]);
  });

  it('does not take a line of a multi-line string for a key', () => {
    const { data, problems } = readTomlFrontMatter('subject = """\nfoo = bar\n"""\npage = 0\n', origin);
    expect(data).toBeUndefined();
    expect(problems).toMatchObject([{ reason: 'front matter: page must be 1 or more', place: { start: { line: 5 } } }]);
  });
});
