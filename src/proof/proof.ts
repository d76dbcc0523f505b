import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { type BuildOptions, build } from '../build.js';
import { check } from '../check/check.js';
import { writeAtomically } from '../files.js';
import { parseOptions, proofSettings, type Settings } from '../options/schema.js';
import { runTool } from '../tools.js';
import { type ArticleText, articleTexts } from './article-text.js';
import { proofSummary } from './summary.js';
import { type ArticleChange, compareArticles } from './text-diff.js';

/**
 * `banmian proof`: a build, one PNG per page, and — against a baseline from
 * an earlier proof — how much each page changed, with a diff image for each
 * page that did. The pages are rasterised with MuPDF (`mutool draw`, Debian
 * mupdf-tools): it draws the PDF itself (what goes to press, not the HTML),
 * exactly and fast, and it is already what the tests read PDFs with; pdf.js
 * would need a second round in a browser for the same pixels.
 */
export interface ProofOptions
  extends Omit<BuildOptions, 'output' | 'html' | 'onStage'>,
    Omit<Settings<typeof proofSettings>, 'outDir'> {
  /** Where the PDF, the page images, report.json and summary.md go. */
  outDir: string;
  onStage?: BuildOptions['onStage'];
}

export interface PageComparison {
  page: number;
  /** Share of the page's pixels that differ from the baseline (1 when the baseline has no such page). */
  changed: number;
  overThreshold: boolean;
  diff?: string;
}

export interface ProofReport {
  input: string;
  /** The text of each article, for a later round to compare with. */
  articles: ArticleText[];
  pdf: string;
  pages: number;
  images: string[];
  fonts: string[];
  warnings: string[];
  timings: Record<string, number>;
  baseline?: {
    dir: string;
    threshold: number;
    pages: number;
    pageCountChanged: boolean;
    comparisons: PageComparison[];
    /** The articles whose text changed (none listed that did not); undefined: the baseline kept no texts. */
    text: ArticleChange[] | undefined;
    /** The text is the same but pages changed beyond the threshold: lines moved, not words. */
    layoutOnly: boolean;
    /** --accept-text: a change of the text does not fail the proof. */
    textAccepted: boolean;
  };
  /**
   * False when a baseline was given and the pages changed beyond the threshold or in number, or the
   * text changed (unless accepted).
   */
  passed: boolean;
}

export async function proof(given: ProofOptions): Promise<ProofReport> {
  const options = { ...given, ...parseOptions(proofSettings, given) };
  const name = path.basename(options.input, path.extname(options.input));
  const outDir = path.resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const pdf = path.join(outDir, `${name}.pdf`);
  const result = await build({ ...options, output: pdf });

  const images = await rasterise(pdf, outDir, name, options.resolution);
  const checked = await check(options.input, { repair: options.repair !== false });
  const report: ProofReport = {
    input: options.input,
    articles: await articleTexts(options.input, { repair: options.repair !== false }),
    pdf,
    pages: images.length,
    images,
    fonts: await fontsOf(pdf),
    warnings: [...checked.messages.filter((message) => message.fatal !== undefined).map(String), ...result.warnings],
    timings: Object.fromEntries(Object.entries(result.timings).map(([stage, ms]) => [stage, Math.round(ms ?? 0)])),
    passed: true,
  };

  // A diff image from an earlier run of the same name would be read as this run's.
  for (const old of await pageImages(outDir, name, 'diff.png')) await rm(old, { force: true });
  if (options.baseline) {
    report.baseline = await againstBaseline(path.resolve(options.baseline), report, { ...options, outDir, name });
    const { baseline } = report;
    const pagesPassed = !baseline.pageCountChanged && baseline.comparisons.every((page) => !page.overThreshold);
    const textChanged = baseline.text !== undefined && baseline.text.length > 0;
    report.passed = pagesPassed && (!textChanged || baseline.textAccepted);
  }

  await writeAtomically(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomically(path.join(outDir, 'summary.md'), proofSummary(report));
  return report;
}

/** The pages and the article texts compared with the proof in `dir`; a diff image for each page over the threshold. */
async function againstBaseline(
  dir: string,
  report: ProofReport,
  options: { threshold: number; acceptText?: boolean | undefined; outDir: string; name: string },
): Promise<NonNullable<ProofReport['baseline']>> {
  const { threshold, outDir, name } = options;
  const baselineImages = await pageImages(dir, name);
  const comparisons: PageComparison[] = [];
  for (const [index, image] of report.images.entries()) {
    const page = index + 1;
    const before = baselineImages[index];
    const comparison = before ? await compare(before, image) : { changed: 1, diff: undefined };
    const overThreshold = comparison.changed > threshold;
    const entry: PageComparison = { page, changed: comparison.changed, overThreshold };
    if (overThreshold && comparison.diff) {
      entry.diff = path.join(outDir, `${name}-${page}.diff.png`);
      await writeAtomically(entry.diff, PNG.sync.write(comparison.diff));
    }
    comparisons.push(entry);
  }
  const pageCountChanged = baselineImages.length !== report.images.length;
  const earlier = await baselineArticles(dir);
  const text = earlier && compareArticles(earlier, report.articles);
  const pagesPassed = !pageCountChanged && comparisons.every((comparison) => !comparison.overThreshold);
  return {
    dir,
    threshold,
    pages: baselineImages.length,
    pageCountChanged,
    comparisons,
    text,
    layoutOnly: text !== undefined && text.length === 0 && !pagesPassed,
    textAccepted: options.acceptText === true,
  };
}

/** The article texts an earlier proof kept in its report.json (none before proofs kept them). */
async function baselineArticles(dir: string): Promise<ArticleText[] | undefined> {
  try {
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as Partial<ProofReport>;
    return Array.isArray(report.articles) ? report.articles : undefined;
  } catch {
    return undefined;
  }
}

/** One PNG per page: <name>-1.png, <name>-2.png … (earlier ones of the same name removed first). */
async function rasterise(pdf: string, outDir: string, name: string, resolution: number): Promise<string[]> {
  for (const old of await pageImages(outDir, name)) await rm(old, { force: true });
  await runTool(
    'mutool',
    ['draw', '-q', '-r', String(resolution), '-o', path.join(outDir, `${name}-%d.png`), pdf],
    'proof',
  );
  return pageImages(outDir, name);
}

/** The page images (or the diff images) of a proof in `dir`, in page order. */
async function pageImages(dir: string, name: string, suffix = 'png'): Promise<string[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)\\.${suffix.replace('.', '\\.')}$`);
  return files
    .map((file) => ({ file, page: Number(pattern.exec(file)?.[1]) }))
    .filter((entry) => entry.page > 0)
    .sort((a, b) => a.page - b.page)
    .map((entry) => path.join(dir, entry.file));
}

async function compare(before: string, after: string): Promise<{ changed: number; diff: PNG | undefined }> {
  const [a, b] = await Promise.all([before, after].map(async (file) => PNG.sync.read(await readFile(file))));
  if (!a || !b || a.width !== b.width || a.height !== b.height) return { changed: 1, diff: undefined };
  const diff = new PNG({ width: a.width, height: a.height });
  const different = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
  return { changed: different / (a.width * a.height), diff };
}

async function fontsOf(pdf: string): Promise<string[]> {
  const stdout = await runTool('mutool', ['info', '-F', pdf], 'proof');
  return [
    ...new Set([...stdout.matchAll(/'([^']+)'/g)].map((match) => (match[1] as string).replace(/^[A-Z]{6}\+/, ''))),
  ];
}
