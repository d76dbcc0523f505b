// `npm run bench`: cold builds of the seed and of a long edition (the seed's speeches repeated to
// more than 60 pages), each in a new process as an editor runs it. Prints a table of the stages, the
// wall time, pages per second and peak memory, and writes the figures to output/bench.json.
// Peak memory is the largest proportional set size of the build's whole process tree (Node and
// Chromium), sampled from /proc every 50 ms. Timings live here, not in the tests.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const work = mkdtempSync(path.join(tmpdir(), 'banmian-bench-'));

/** The long edition: the seed's headline, then its speeches again and again. */
function edition(times) {
  const seed = readFileSync(path.join(root, 'input', 'digest.md'), 'utf8');
  const firstArticle = seed.indexOf('\n## ', seed.indexOf('\n## ') + 1);
  const head = seed.slice(0, firstArticle);
  const speeches = seed.slice(firstArticle);
  return head + speeches.repeat(times);
}

/** Memory of a process and all its descendants, in KiB (Linux /proc). */
function treeRss(pid) {
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

/** One cold build in a new process: its stages (ms), wall time, pages and peak memory. */
function build(input) {
  return new Promise((resolve, reject) => {
    const output = path.join(work, `${path.basename(input, '.md')}.pdf`);
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'bin', 'banmian.js'), 'build', input, '-o', output]);
    let stderr = '';
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, treeRss(child.pid));
    }, 50);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => {
      clearInterval(sampler);
      const wall = performance.now() - started;
      if (code !== 0) return reject(new Error(`build of ${input} failed:\n${stderr}`));
      const stages = {};
      for (const match of stderr.matchAll(/^\s+(\w+)\s+([\d.]+) (ms|s)$/gm)) {
        stages[match[1]] = Number(match[2]) * (match[3] === 's' ? 1000 : 1);
      }
      const pages = Number(/\((\d+) pages?,/.exec(stderr)?.[1] ?? 0);
      resolve({ stages, wall, pages, peakMiB: peak / 1024 });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function bench(name, input) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await build(input));
  const stages = {};
  for (const stage of Object.keys(results[0].stages)) {
    stages[stage] = median(results.map((result) => result.stages[stage] ?? 0));
  }
  const wall = median(results.map((result) => result.wall));
  const pages = results[0].pages;
  return {
    name,
    runs,
    pages,
    stages,
    wallMs: wall,
    pagesPerSecond: pages / (wall / 1000),
    peakMiB: Math.max(...results.map((result) => result.peakMiB)),
  };
}

const long = path.join(work, 'edition.md');
writeFileSync(long, edition(36));
const figures = [await bench('seed', path.join(root, 'input', 'digest.md')), await bench('edition', long)];

const stages = [...new Set(figures.flatMap((figure) => Object.keys(figure.stages)))];
const rows = [
  ['', ...figures.map((figure) => `${figure.name} (${figure.pages} p.)`)],
  ...stages.map((stage) => [stage, ...figures.map((figure) => `${Math.round(figure.stages[stage] ?? 0)} ms`)]),
  ['wall (median)', ...figures.map((figure) => `${(figure.wallMs / 1000).toFixed(2)} s`)],
  ['pages / s', ...figures.map((figure) => figure.pagesPerSecond.toFixed(2))],
  ['peak memory', ...figures.map((figure) => `${Math.round(figure.peakMiB)} MiB`)],
];
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
for (const row of rows) {
  process.stdout.write(
    `${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')}\n`,
  );
}
process.stdout.write(
  `cold builds, new process each, median of ${runs}; warm builds (a running browser) are not available yet\n`,
);
mkdirSync(path.join(root, 'output'), { recursive: true });
writeFileSync(
  path.join(root, 'output', 'bench.json'),
  `${JSON.stringify({ date: new Date().toISOString(), figures }, null, 2)}\n`,
);
