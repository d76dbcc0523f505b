// `npm run bench`: how fast banmian builds, measured on this machine. Timings live here, not in the tests.
//
// - first and cold: `banmian build` in a new process, as an editor runs it (the documents in turn, round
//   after round, so that a slow spell of the machine falls on all alike), for the seed (first:
//   with no font subsets cached yet) and for editions of about 6, 30 and 60 pages (the seed's
//   speeches repeated): stages, wall time, pages per second and peak memory (the proportional set
//   size of the whole process tree, Node and Chromium, sampled from /proc every 50 ms);
// - warm: the same documents built again in one process whose browser is already running;
// - watch: `banmian build --watch` on the seed, the time from each of 5 saves to the new PDF;
// - preview: `banmian preview` of the seed in a headless browser, from each of 5 saves to the page showing it;
// - pagedjs-cli 0.4.3 on the same page (installed on first use under node_modules/.cache), for scale,
//   with the browser banmian prints with and with the full Chromium.
//
// - hostile: each pattern of cmark's pathological tests (scripts/pathological.js) wrapped in Chinese, built
//   at n = 15,000 and 30,000: the time of each, and of its Markdown stage, and their ratio (doubling n
//   should at most double them); and a PNG declaring 20,000 × 20,000 pixels, with its peak memory.
//   `npm run bench -- hostile` runs this part alone.
//
// Prints a table (with the time of a fixed JavaScript loop before and after, for how busy the machine
// was) and writes the figures to output/bench.json. BENCH_RUNS sets the runs per figure
// (default 3; the median is shown).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hugePng, pathologicalPatterns, wrapInChinese } from './pathological.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = path.join(root, 'bin', 'banmian.js');
const runs = Number(process.env.BENCH_RUNS ?? 3);
// Which browser banmian prints with, as it finds it (compiled by `npm run bench` first).
const chromium = await import(path.join(root, 'dist', 'print', 'chromium.js'));
// The CLI's own formats, and the readers of its lines, so that the bench reads what the CLI writes.
const { formatDuration, readPageCount, readStageTimes } = await import(path.join(root, 'dist', 'cli', 'format.js'));
const { BUILD_STAGES: STAGES } = await import(path.join(root, 'dist', 'build.js'));
const { HOLD_STYLE_ID } = await import(path.join(root, 'dist', 'layout', 'browser', 'contract.js'));
const work = mkdtempSync(path.join(tmpdir(), 'banmian-bench-'));
const seed = path.join(root, 'input', 'digest.md');
const STAGE_NAMES = {
  read: 'read',
  markdown: 'parse + transform',
  document: 'template + fonts',
  launch: 'browser launch',
  load: 'page load + fonts',
  layout: 'layout',
  print: 'print',
  finish: 'post-process',
  write: 'write',
};

/** An edition: the seed's headline, then its speeches `times` times. */
function edition(times) {
  const text = readFileSync(seed, 'utf8');
  const firstArticle = text.indexOf('\n## ', text.indexOf('\n## ') + 1);
  return text.slice(0, firstArticle) + text.slice(firstArticle).repeat(times);
}

/** Memory of a process and all its descendants, in KiB (Linux /proc). */
function treePss(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop();
    try {
      // Proportional set size: memory shared between Chromium's processes counted once.
      const pss = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${current}/smaps_rollup`, 'utf8'))?.[1];
      total += Number(pss ?? 0);
    } catch {
      // gone
    }
    pending.push(...(children.get(current) ?? []));
  }
  return total;
}

/**
 * Runs a command to its end: wall time, its stderr and stdout, and with `memory` the peak memory of
 * its process tree. Reading /proc every 50 ms takes CPU from the build, so timed runs do not sample.
 */
function measure(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, cwd: options.cwd ?? root });
    let stderr = '';
    let stdout = '';
    let peak = 0;
    const sampler = options.memory
      ? setInterval(() => {
          peak = Math.max(peak, treePss(child.pid));
        }, 50)
      : undefined;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('exit', (code) => {
      clearInterval(sampler);
      const wall = performance.now() - started;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${stderr}`));
      resolve({ wall, peakMiB: peak / 1024, stderr, stdout });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Cold builds of each of `inputs`, each in a new process, in rounds (every input once a round), so
 * that a slow spell of the machine falls on all of them alike rather than on one. With `firstBuild`,
 * each build has an empty font-subset cache (as the first build of a text); otherwise one unmeasured
 * build fills it first (as when an edition is built again). Returns the figures by input.
 */
async function cold(inputs, { firstBuild = false } = {}) {
  const cacheDir = () => mkdtempSync(path.join(work, 'cache-'));
  const caches = new Map(inputs.map((input) => [input, cacheDir()]));
  const buildOnce = (input, options = {}) =>
    measure(process.execPath, [cli, 'build', input, '-o', path.join(work, `${path.basename(input, '.md')}.pdf`)], {
      ...options,
      env: { BANMIAN_CACHE_DIR: firstBuild ? cacheDir() : caches.get(input) },
    });
  if (!firstBuild) for (const input of inputs) await buildOnce(input);
  const results = new Map(inputs.map((input) => [input, []]));
  for (let i = 0; i < runs; i++) {
    for (const input of inputs) {
      const run = await buildOnce(input);
      results.get(input).push({ ...run, stages: readStageTimes(run.stderr), pages: readPageCount(run.stderr) });
    }
  }
  const figures = {};
  for (const input of inputs) {
    const sampled = await buildOnce(input, { memory: true });
    figures[input] = { ...summarise(results.get(input)), peakMiB: sampled.peakMiB };
  }
  return figures;
}

function summarise(results) {
  const stages = {};
  for (const stage of STAGES) {
    const values = results.map((result) => result.stages[stage]).filter((value) => value !== undefined);
    if (values.length > 0) stages[stage] = median(values);
  }
  const wallMs = median(results.map((result) => result.wall));
  const pages = results[0].pages;
  return {
    runs: results.length,
    pages,
    stages,
    wallMs,
    pagesPerSecond: pages / (wallMs / 1000),
    peakMiB: Math.max(...results.map((result) => result.peakMiB)),
  };
}

/** Warm builds: one process, the browser started once, each document built once to warm up, then `runs` times. */
async function warm(inputs) {
  const script = `
    import { build } from ${JSON.stringify(path.join(root, 'dist', 'build.js'))};
    import { PrintBrowser } from ${JSON.stringify(path.join(root, 'dist', 'print', 'browser.js'))};
    const inputs = ${JSON.stringify(inputs)};
    const browser = await PrintBrowser.start({ singleProcess: true });
    const figures = {};
    for (const input of inputs) {
      figures[input] = [];
      for (let i = 0; i <= ${runs}; i++) {
        const started = performance.now();
        const result = await build({ input, output: ${JSON.stringify(work)} + '/warm.pdf', browser });
        if (i > 0) figures[input].push({ wall: performance.now() - started, stages: result.timings, pages: result.layout.sheets });
      }
    }
    await browser.close();
    process.stdout.write(JSON.stringify(figures));
  `;
  const run = await measure(process.execPath, ['--input-type=module', '-e', script]);
  const figures = JSON.parse(run.stdout);
  // The memory of the same process, in a run of its own.
  const sampled = await measure(process.execPath, ['--input-type=module', '-e', script], { memory: true });
  return Object.fromEntries(
    inputs.map((input) => [input, { ...summarise(figures[input].map((f) => ({ ...f, peakMiB: sampled.peakMiB }))) }]),
  );
}

/**
 * Five saves of `input`, each adding a phrase (`第i次修订`) to the first speech of `original`, and the
 * time from each to `shown(phrase)`, asked for just before the save, settling; with a pause between
 * saves, as an editor makes them.
 */
async function timeSaves(input, original, shown) {
  const paragraph = original.indexOf('。', original.indexOf('\n## ')) + 1;
  const latencies = [];
  for (let i = 1; i <= 5; i++) {
    const mark = `第${i}次修订`;
    const seen = shown(mark);
    const saved = performance.now();
    writeFileSync(input, `${original.slice(0, paragraph)}（${mark}）${original.slice(paragraph)}`);
    await seen;
    latencies.push(performance.now() - saved);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { saves: latencies.length, latenciesMs: latencies, medianMs: median(latencies) };
}

/** `build --watch` on a copy of the seed: from each of 5 saves (a phrase added to a paragraph) to the new PDF. */
async function watch() {
  const input = path.join(work, 'watched.md');
  const original = readFileSync(seed, 'utf8');
  writeFileSync(input, original);
  const child = spawn(process.execPath, [cli, 'build', input, '-o', path.join(work, 'watched.pdf'), '--watch']);
  let stderr = '';
  const waitFor = (pattern, from) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stderr.slice(from));
        if (match) {
          child.stderr.off('data', check);
          clearTimeout(timer);
          resolve(match);
        }
      };
      const timer = setTimeout(() => reject(new Error(`build --watch: no ${pattern} in:\n${stderr}`)), 60_000);
      child.stderr.on('data', check);
      check();
    });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  try {
    await waitFor(/watching for saves/, 0);
    return await timeSaves(input, original, () => waitFor(/saved → PDF in/, stderr.length));
  } finally {
    child.kill('SIGINT');
  }
}

/**
 * `banmian preview` of a copy of the seed, opened in the browser banmian prints with: from each of 5 saves
 * to the changed text shown in the page (the page reloads itself).
 */
async function preview() {
  const input = path.join(work, 'previewed.md');
  const original = readFileSync(seed, 'utf8');
  writeFileSync(input, original);
  const server = spawn(process.execPath, [cli, 'preview', input, '--port', '0']);
  const { default: puppeteer } = await import('puppeteer-core');
  let browser;
  try {
    const url = await new Promise((resolve, reject) => {
      let stdout = '';
      server.stdout.on('data', (chunk) => {
        stdout += chunk;
        const match = /(http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1]);
      });
      server.once('exit', (code) => reject(new Error(`banmian preview exited (${code})`)));
    });
    const executablePath = chromium.findBrowser();
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: chromium.chromiumArgsFor(executablePath),
    });
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    await page.setViewport({ width: 1400, height: 1000 });
    const shows = (text) =>
      page.waitForFunction(
        (wanted) => [...document.querySelectorAll('.pagedjs_page')].some((sheet) => sheet.textContent.includes(wanted)),
        { timeout: 30_000, polling: 5 },
        text,
      );
    await page.goto(url);
    await shows(
      original
        .slice(original.lastIndexOf('。', original.length - 2) - 8)
        .trim()
        .slice(0, 8),
    );
    return { ...(await timeSaves(input, original, shows)), viewer: executablePath };
  } finally {
    await browser?.close();
    server.kill('SIGINT');
  }
}

/** pagedjs-cli 0.4.3, installed on first use (Puppeteer's browser download skipped: it prints with the system Chromium). */
function pagedjsCli() {
  const prefix = path.join(root, 'node_modules', '.cache', 'banmian-bench', 'pagedjs-cli');
  const bin = path.join(prefix, 'node_modules', '.bin', 'pagedjs-cli');
  if (!existsSync(bin)) {
    process.stderr.write('bench: installing pagedjs-cli 0.4.3 for the comparison…\n');
    mkdirSync(prefix, { recursive: true });
    try {
      execFileSync(
        'npm',
        ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', 'pagedjs-cli@0.4.3'],
        {
          env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
    } catch (error) {
      return { error: `could not install pagedjs-cli: ${error.message.split('\n')[0]}` };
    }
  }
  return { bin };
}

/**
 * The seed's page for pagedjs-cli: the HTML document banmian lays out (`build --html`: the same
 * content, stylesheet and npm fonts, whole), without banmian's scripts, which pagedjs-cli replaces
 * with its own Paged.js.
 */
async function pagedjsPage() {
  const html = path.join(work, 'seed.html');
  await measure(process.execPath, [cli, 'build', seed, '-o', path.join(work, 'for-html.pdf'), '--html', html, '-q']);
  const plain = path.join(work, 'seed-plain.html');
  writeFileSync(
    plain,
    readFileSync(html, 'utf8')
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
      .replace(/<link rel="modulepreload"[^>]*>/g, '')
      .replace(new RegExp(`<style id="${HOLD_STYLE_ID}"[^>]*>[^<]*</style>`), ''),
  );
  return plain;
}

/**
 * The browsers pagedjs-cli is measured with: the one banmian prints with (the headless shell where
 * it is installed) and the full Chromium, which is what pagedjs-cli users have.
 */
function benchBrowsers() {
  const full = chromium.systemBrowserPaths.find((file) => !chromium.isHeadlessShell(file) && existsSync(file));
  return [...new Set([chromium.findBrowser(), full].filter(Boolean))];
}

async function pagedjsCliFigures(page, bin, browser) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const output = path.join(work, 'pagedjs-cli.pdf');
    const run = await measure(bin, [page, '-o', output, '--browserArgs=--no-sandbox'], {
      env: { PUPPETEER_EXECUTABLE_PATH: browser },
      cwd: work,
      memory: i === runs - 1,
    });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [output]).toString())?.[1]);
    results.push({ ...run, stages: {}, pages });
  }
  return { browser, ...summarise(results) };
}

/** pagedjs-cli on the seed's page, with each browser. */
async function pagedjsCliRuns() {
  const found = pagedjsCli();
  if (found.error) return found;
  const page = await pagedjsPage();
  const figures = [];
  for (const browser of benchBrowsers()) figures.push(await pagedjsCliFigures(page, found.bin, browser));
  return { figures };
}

/** A duration for the tables, as the CLI prints one; blank where there is none. */
const fmt = (ms) => (ms === undefined ? '' : formatDuration(ms));

// — hostile input —
async function hostile() {
  const sizes = [15_000, 30_000];
  const figures = {};
  for (const n of sizes) {
    for (const [name, body] of Object.entries(pathologicalPatterns(n))) {
      const file = path.join(work, `hostile-${n}-${name.replace(/\W+/g, '-')}.md`);
      const text = wrapInChinese(body);
      writeFileSync(file, text);
      const run = await measure(process.execPath, [cli, 'build', file, '-o', file.replace(/\.md$/, '.pdf')]);
      figures[name] ??= {};
      figures[name][n] = { wallMs: run.wall, markdownMs: readStageTimes(run.stderr).markdown, characters: text.length };
    }
  }
  const picture = path.join(work, 'huge.png');
  writeFileSync(picture, hugePng(20_000, 20_000));
  const page = path.join(work, 'huge.md');
  writeFileSync(page, '# 标题\n\n图前的正文。\n\n![巨图](huge.png)\n\n图后的正文。\n');
  const image = await measure(process.execPath, [cli, 'build', page, '-o', path.join(work, 'huge.pdf')], {
    memory: true,
  });
  return { sizes, patterns: figures, hugeImage: { wallMs: image.wall, peakMiB: image.peakMiB } };
}

function hostileTable({ sizes, patterns, hugeImage }) {
  const [small, large] = sizes;
  let out = `hostile input (cmark's pathological patterns in Chinese): build, and its Markdown stage, at n = ${small} and ${large}\n`;
  const width = Math.max(...Object.keys(patterns).map((name) => name.length));
  for (const [name, runs] of Object.entries(patterns)) {
    const [a, b] = [runs[small], runs[large]];
    out += `${name.padEnd(width)}  ${fmt(a.wallMs).padStart(8)} → ${fmt(b.wallMs).padStart(8)} (× ${(b.wallMs / a.wallMs).toFixed(2)})`;
    out += `   markdown ${fmt(a.markdownMs).padStart(7)} → ${fmt(b.markdownMs).padStart(7)} (× ${(b.markdownMs / a.markdownMs).toFixed(2)})`;
    // "backticks" grows with the square of n: its time is to be read against its length.
    out += `   input × ${(b.characters / a.characters).toFixed(2)}\n`;
  }
  out += `a PNG declaring 20,000 × 20,000 pixels: ${fmt(hugeImage.wallMs)}, peak memory ${Math.round(hugeImage.peakMiB)} MiB\n`;
  return out;
}

if (process.argv[2] === 'hostile') {
  process.stdout.write(hostileTable(await hostile()));
  process.exit(0);
}

// — run everything —
const editions = [
  ['edition-6', 3],
  ['edition-30', 17],
  ['edition-60', 34],
].map(([name, times]) => {
  const file = path.join(work, `${name}.md`);
  writeFileSync(file, edition(times));
  return { name, file };
});
const documents = [{ name: 'seed', file: seed }, ...editions];

/**
 * The machine's speed at the moment: a fixed JavaScript loop, in ms. Shared machines here vary by half
 * from one hour to the next; this says which kind of hour the figures come from.
 */
function machineSpeed() {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 3e8; i++) sum += i % 7;
  if (sum < 0) throw new Error('unreachable');
  return performance.now() - started;
}

const speedBefore = machineSpeed();
process.stderr.write(`bench: ${runs} runs each, ${availableParallelism()} cores; cold builds…\n`);
const coldFigures = {};
const firstBuild = (await cold([seed], { firstBuild: true }))[seed];
const coldByFile = await cold(documents.map((document) => document.file));
for (const { name, file } of documents) coldFigures[name] = coldByFile[file];
process.stderr.write('bench: warm builds…\n');
const warmByFile = await warm(documents.map((document) => document.file));
const warmFigures = Object.fromEntries(documents.map(({ name, file }) => [name, warmByFile[file]]));
process.stderr.write('bench: build --watch…\n');
const watchFigures = await watch();
process.stderr.write('bench: preview…\n');
const previewFigures = await preview();
process.stderr.write('bench: pagedjs-cli…\n');
const pagedjs = await pagedjsCliRuns();
const speedAfter = machineSpeed();

// — the table —
const columns = [
  { title: 'seed first', figure: firstBuild },
  ...documents.map(({ name }) => ({ title: `${name} cold`, figure: coldFigures[name] })),
  ...documents.map(({ name }) => ({ title: `${name} warm`, figure: warmFigures[name] })),
];
const rows = [
  ['', ...columns.map((column) => column.title)],
  ['pages', ...columns.map((column) => String(column.figure.pages))],
  ...STAGES.map((stage) => [STAGE_NAMES[stage], ...columns.map((column) => fmt(column.figure.stages[stage]))]),
  ['wall (median)', ...columns.map((column) => fmt(column.figure.wallMs))],
  ['pages / s', ...columns.map((column) => column.figure.pagesPerSecond.toFixed(1))],
  ['peak memory', ...columns.map((column) => `${Math.round(column.figure.peakMiB)} MiB`)],
];
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
let out = '';
for (const row of rows) {
  out += `${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}\n`;
}
out += `first: a new process, no font subsets cached yet; cold: a new process, the font subsets cached by an\n`;
out += `earlier build; warm: one process, its browser already running; times: median of ${runs}; memory: peak\n`;
out += `proportional set size of the process tree, sampled every 50 ms in one more run\n\n`;

const perPage = (a, b) =>
  (coldFigures[b].wallMs - coldFigures[a].wallMs) / (coldFigures[b].pages - coldFigures[a].pages);
const early = perPage('edition-6', 'edition-30');
const late = perPage('edition-30', 'edition-60');
out += `editions: ${coldFigures['edition-60'].pages} pages in ${fmt(coldFigures['edition-60'].wallMs)} cold; `;
out += `cost per added page ${fmt(early)} (6→30) and ${fmt(late)} (30→60): ratio ${(late / early).toFixed(2)}\n`;
out += `build --watch: save → PDF ${watchFigures.latenciesMs.map(fmt).join(', ')}; median ${fmt(watchFigures.medianMs)}\n`;
out += `preview: save → page shown ${previewFigures.latenciesMs.map(fmt).join(', ')}; median ${fmt(previewFigures.medianMs)}\n`;
if (pagedjs.error) {
  out += `pagedjs-cli: not measured (${pagedjs.error})\n`;
} else {
  for (const figures of pagedjs.figures) {
    const ratio = (figure) => (figure.wallMs / figures.wallMs).toFixed(2);
    out += `pagedjs-cli 0.4.3 on the seed's page with ${figures.browser}: ${fmt(figures.wallMs)} wall, `;
    out += `${figures.pages} pages, ${Math.round(figures.peakMiB)} MiB; banmian on the seed: `;
    out += `first build ${fmt(firstBuild.wallMs)} = ${ratio(firstBuild)} ×, cold ${fmt(coldFigures.seed.wallMs)} = `;
    out += `${ratio(coldFigures.seed)} ×, warm ${fmt(warmFigures.seed.wallMs)} = ${ratio(warmFigures.seed)} × that\n`;
  }
}
out += `banmian printed with ${chromium.findBrowser()}\n`;
out += `machine: a fixed JavaScript loop took ${fmt(speedBefore)} before and ${fmt(speedAfter)} after (about 360 ms on an idle machine here)\n`;
process.stdout.write(out);

mkdirSync(path.join(root, 'output'), { recursive: true });
writeFileSync(
  path.join(root, 'output', 'bench.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      cores: availableParallelism(),
      runs,
      machineLoopMs: { before: speedBefore, after: speedAfter },
      firstBuild: { seed: firstBuild },
      cold: coldFigures,
      warm: warmFigures,
      editions: { costPerPage6to30Ms: early, costPerPage30to60Ms: late, ratio: late / early },
      watch: watchFigures,
      preview: previewFigures,
      browser: chromium.findBrowser(),
      pagedjsCli: pagedjs,
    },
    null,
    2,
  )}\n`,
);
