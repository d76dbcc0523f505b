import path from 'node:path';
import type { BuildResult, BuildStage } from '../build.js';

// What the CLI prints about a build, with the readers of the same lines (scripts/bench.js reads the
// stage times and page counts off `banmian build`'s output): each format is written once, here.

/** A duration: ms under a second, s above. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** `  layout      1.20 s`: one stage of a build and how long it took. */
export function stageLine(stage: BuildStage, ms: number): string {
  return `  ${stage.padEnd(9)}${formatDuration(ms).padStart(9)}`;
}

/** The stage times in ms, by stage, from a build's output (the lines of `stageLine`). */
export function readStageTimes(output: string): Partial<Record<BuildStage, number>> {
  const stages: Partial<Record<BuildStage, number>> = {};
  for (const match of output.matchAll(/^ {2}(\w+) +([\d.]+) (ms|s)$/gm)) {
    stages[match[1] as BuildStage] = Number(match[2]) * (match[3] === 's' ? 1000 : 1);
  }
  return stages;
}

/** `3 pages`: the sheets of a build. */
export function pagesOf(result: Pick<BuildResult, 'layout'>): string {
  return `${result.layout.sheets} ${result.layout.sheets === 1 ? 'page' : 'pages'}`;
}

/** The page count in a build's `wrote … (3 pages…` line. */
export function readPageCount(output: string): number {
  return Number(/\((\d+) pages?\b/.exec(output)?.[1]);
}

const PT_PER_PX = 0.75;

/** `grid: 18 pt pitch, 57 lines of 32 characters (11 pt) per column`: the line and character grid of a build. */
export function gridLine({ layout }: Pick<BuildResult, 'layout'>): string {
  const pt = (px: number) => `${Number((px * PT_PER_PX).toFixed(2))} pt`;
  return (
    `banmian: grid ${pt(layout.grid.pitch)} pitch, ${layout.grid.linesPerColumn} lines of ` +
    `${layout.geometry.columnCharacters} characters (${pt(layout.geometry.character)}) per column`
  );
}

/** A path as the user would type it from here. */
export function relative(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)) || file;
}
