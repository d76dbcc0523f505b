import path from 'node:path';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import type { BuildResult, BuildStage } from '../build.js';
import { points } from '../layout/browser/contract.js';

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

/** `grid: 18 pt pitch, 57 lines of 32 characters (11 pt) per column`: the line and character grid of a build. */
export function gridLine({ layout }: Pick<BuildResult, 'layout'>): string {
  return (
    `banmian: grid ${points(layout.grid.pitch)} pitch, ${layout.grid.linesPerColumn} lines of ` +
    `${layout.geometry.columnCharacters} characters (${points(layout.geometry.character)}) per column`
  );
}

/** A path as the user would type it from here. */
export function relative(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)) || file;
}

// — `banmian check`'s reports for CI: GitHub workflow commands and reviewdog's rdjson —

type Message = VFile['messages'][number];

/** A message's place as start and end points (the end is the start when it has none). */
function pointsOf(message: Message): { start: Point; end: Point } | undefined {
  const place = message.place;
  if (!place) return undefined;
  return 'start' in place ? { start: place.start, end: place.end } : { start: place, end: place };
}

function severityOf(message: Message): 'error' | 'warning' | 'notice' {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'notice';
}

/** A workflow command's value, escaped as GitHub's toolkit does (and its properties, with `:` and `,`). */
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * GitHub Actions workflow commands, one line per message — `::warning file=a.md,line=3,col=5,endLine=3,
 * endColumn=6,title=dash::…` — which a workflow step shows as annotations on the lines of a pull request.
 */
export function githubAnnotations(files: readonly VFile[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const message of file.messages) {
      const points = pointsOf(message);
      const properties = [
        `file=${escapeProperty(relative(file.path))}`,
        ...(points
          ? [
              `line=${points.start.line}`,
              `col=${points.start.column}`,
              `endLine=${points.end.line}`,
              `endColumn=${points.end.column}`,
            ]
          : []),
        ...(message.ruleId ? [`title=${escapeProperty(message.ruleId)}`] : []),
      ];
      lines.push(`::${severityOf(message)} ${properties.join(',')}::${escapeData(message.reason)}`);
    }
  }
  return lines.join('\n');
}

interface RdPosition {
  line: number;
  column: number;
}
interface RdRange {
  start: RdPosition;
  end: RdPosition;
}

/** A point as reviewdog counts it: columns in UTF-8 bytes from 1. */
function rdPosition(file: VFile, point: Point): RdPosition {
  const text = String(file.value ?? '');
  const before =
    point.offset === undefined
      ? (text.split('\n')[point.line - 1] ?? '').slice(0, point.column - 1)
      : text.slice(point.offset - (point.column - 1), point.offset);
  return { line: point.line, column: Buffer.byteLength(before, 'utf8') + 1 };
}

/**
 * reviewdog's Diagnostic Format as JSON (rdjson): each message with its path, range (end exclusive, columns
 * in UTF-8 bytes), severity and rule, and a message's fix as a suggestion (the range's new text), so that
 * `reviewdog -f=rdjson` comments on a pull request's lines and can offer the fix.
 */
export function rdjson(files: readonly VFile[]): string {
  const diagnostics = files.flatMap((file) =>
    file.messages.map((message) => {
      const points = pointsOf(message);
      const range: RdRange | undefined = points
        ? { start: rdPosition(file, points.start), end: rdPosition(file, points.end) }
        : undefined;
      const fix = message.expected?.length === 1 ? message.expected[0] : undefined;
      return {
        message: message.reason,
        location: { path: relative(file.path), ...(range ? { range } : {}) },
        severity: { error: 'ERROR', warning: 'WARNING', notice: 'INFO' }[severityOf(message)],
        ...(message.ruleId ? { code: { value: message.ruleId } } : {}),
        ...(fix !== undefined && range ? { suggestions: [{ range, text: fix }] } : {}),
      };
    }),
  );
  return JSON.stringify({ source: { name: 'banmian' }, diagnostics }, null, 2);
}
