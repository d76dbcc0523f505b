import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/cli.js';

// banmian as another project uses it: installed as node_modules/banmian (a link to this checkout, so the
// built dist/ and package.json's `exports` and `types` are what resolve), beside the packages such a
// project installs itself (taken from ours). Needs `npm run build` first, as `npm test` does.

const CONSUMER_PACKAGES = [
  'unified',
  'remark-parse',
  'remark-cjk-friendly',
  'remark-rehype',
  'rehype-stringify',
  'vfile',
  '@types/node',
];

/** Typed options for `build()` and for each plugin, a Markdown stage of its own, and banmian's. */
const CONSUMER = `
import {
  type BuildOptions,
  type BuildResult,
  build,
  type FixResult,
  fix,
  JOIN_SPLIT_PARAGRAPH,
  markdownToHast,
  rehypeArticles,
  rehypeBylines,
  rehypeCredits,
  rehypeHeadlineGroup,
  remarkJoinSplitParagraphs,
  remarkSplitLeadIns,
  SPLIT_LEAD_IN,
} from 'banmian';
import rehypeStringify from 'rehype-stringify';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';

export async function punctuationFixes(input: string): Promise<string[]> {
  const result: FixResult = await fix(input, { dryRun: true, repair: false });
  return result.edits.map((edit) => \`\${edit.actual} → \${edit.replacement} (\${edit.message.ruleId})\`);
}

export function typeset(input: string): Promise<BuildResult> {
  const options: BuildOptions = { input, output: 'page.pdf', marks: ['crop'], repair: true, pdfx: 'gray' };
  return build(options);
}

const processor = unified()
  .use(remarkParse)
  .use(remarkCjkFriendly)
  .use(remarkJoinSplitParagraphs, { creditSuffixes: ['摄'] })
  .use(remarkSplitLeadIns, {})
  .use(remarkRehype)
  .use(rehypeHeadlineGroup, { deckMarkers: ['——'] })
  .use(rehypeCredits, { suffixes: ['摄'], maxLength: 20 })
  .use(rehypeBylines, { after: ['h3'] })
  .use(rehypeArticles, { titleHeading: 'h2' })
  .use(rehypeStringify);

const markdown = process.argv[2] ?? '';
const file = new VFile({ path: 'page.md', value: markdown });
const html: string = String(await processor.process(file));
const rules: string[] = file.messages.map((message) => \`\${message.ruleId}@\${message.line}\`);
const tree = await markdownToHast(new VFile({ path: 'page.md', value: markdown }));
console.log(JSON.stringify({ html, rules, ruleIds: [JOIN_SPLIT_PARAGRAPH, SPLIT_LEAD_IN], root: tree.type }));
`;

/** One option of the wrong type a line (lines 4–6): each must be an error, which `any` would not be. */
const WRONG = `import { build, rehypeCredits, remarkSplitLeadIns } from 'banmian';
import { unified } from 'unified';

await build({ input: 42 });
unified().use(rehypeCredits, { suffixes: '摄' });
unified().use(remarkSplitLeadIns, { depth: 2 });
`;

/** Prints every module the consumer loads, to see what importing banmian brings in. */
const LOAD_HOOKS = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stderr.write(\`loaded \${resolved.url}\\n\`);
  return resolved;
}
`;
const REGISTER_HOOKS = `import { register } from 'node:module';
register('./load-hooks.mjs', import.meta.url);
`;

const PAGE = [
  '# 标题',
  '——副题',
  '## 第一篇',
  '### 市工商联',
  '市工商联党组书记 曹宏峰',
  '健全制度机制，制定责任清单，构建职责明晰',
  '党建工作格局。**加强机关党的建设，提供坚强政治保证。**发挥作用。',
  '本报记者 李威文 摄',
].join('\n\n');

const tscPath = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
let consumerDir: string;

function tsc(...args: string[]): SpawnSyncReturns<string> {
  const strict = ['--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext'];
  return spawnSync(process.execPath, [tscPath, ...strict, ...args], { cwd: consumerDir, encoding: 'utf8' });
}

function node(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, args, { cwd: consumerDir, encoding: 'utf8', timeout: 60_000 });
}

function linkPackage(name: string, target: string): void {
  const link = path.join(consumerDir, 'node_modules', name);
  mkdirSync(path.dirname(link), { recursive: true });
  symlinkSync(target, link, 'dir');
}

let compiled: SpawnSyncReturns<string>;
let wrong: SpawnSyncReturns<string>;

beforeAll(() => {
  if (!existsSync(path.join(projectRoot, 'dist', 'index.d.ts'))) throw new Error('No dist/index.d.ts: npm run build');
  consumerDir = mkdtempSync(path.join(tmpdir(), 'banmian-consumer-'));
  linkPackage('banmian', projectRoot);
  for (const name of CONSUMER_PACKAGES) linkPackage(name, path.join(projectRoot, 'node_modules', name));
  writeFileSync(path.join(consumerDir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(consumerDir, 'consumer.ts'), CONSUMER);
  writeFileSync(path.join(consumerDir, 'wrong.ts'), WRONG);
  writeFileSync(path.join(consumerDir, 'load-hooks.mjs'), LOAD_HOOKS);
  writeFileSync(path.join(consumerDir, 'register-hooks.mjs'), REGISTER_HOOKS);
  compiled = tsc('--outDir', 'out', 'consumer.ts');
  wrong = tsc('--noEmit', 'wrong.ts');
});

afterAll(() => {
  if (consumerDir) rmSync(consumerDir, { recursive: true, force: true });
});

describe('banmian as a package', () => {
  it('compiles a strict TypeScript consumer of build() and the plugins against the declarations', () => {
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
  });

  it('rejects options of the wrong type, so the declarations are not `any`', () => {
    const errors = [...wrong.stdout.matchAll(/^wrong\.ts\((\d+),\d+\): error (TS\d+)/gm)].map((m) => [m[1], m[2]]);
    expect(errors).toEqual([
      ['4', 'TS2322'],
      ['5', 'TS2345'],
      ['6', 'TS2345'],
    ]);
    expect(wrong.status).not.toBe(0);
  });

  it("runs the consumer's own unified pipeline with banmian's plugins in plain Node ESM", () => {
    const run = node(path.join('out', 'consumer.js'), PAGE);
    expect(run.stderr).toBe('');
    const { html, rules, ruleIds, root } = JSON.parse(run.stdout);
    expect(html).toBe(
      '<hgroup class="headline"><h1>标题</h1><p class="deck">——副题</p></hgroup>' +
        '<article><header><h2>第一篇</h2><h3>市工商联</h3>' +
        '<p class="byline"><span class="role">市工商联党组书记</span> <span class="name">曹宏峰</span></p></header>' +
        '<p>健全制度机制，制定责任清单，构建职责明晰党建工作格局。</p>' +
        '<p><strong>加强机关党的建设，提供坚强政治保证。</strong>发挥作用。</p>' +
        '<p class="credit">本报记者 李威文 摄</p></article>',
    );
    // The join is placed where the cut paragraph starts, the split at the lead-in.
    expect(rules).toEqual(['join-split-paragraph@11', 'split-lead-in@13']);
    expect(ruleIds).toEqual(['join-split-paragraph', 'split-lead-in']);
    expect(root).toBe('root');
  });

  it('loads neither Puppeteer nor a browser when the package is imported', () => {
    const run = node('--import', './register-hooks.mjs', '--input-type=module', '-e', "await import('banmian')");
    expect(run.status).toBe(0);
    const loaded = run.stderr.split('\n').filter((line) => line.startsWith('loaded '));
    expect(loaded.some((line) => line.endsWith('/dist/index.js'))).toBe(true);
    expect(loaded.filter((line) => /node_modules\/puppeteer/.test(line))).toEqual([]);
  });

  it('packs what a consumer needs: the compiled code and declarations, the CLI, styles and template', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(pack.status).toBe(0);
    const files = (JSON.parse(pack.stdout)[0].files as { path: string }[]).map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/banmian.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/markdown/remark-split-lead-ins.d.ts',
        'dist/bundle/main.js',
        'dist/layout/browser/runtime.js',
        'styles/newspaper.css',
        'templates/newspaper.html',
      ]),
    );
    expect(files.filter((file) => file.startsWith('tests/') || file.startsWith('input/'))).toEqual([]);
  });
});
