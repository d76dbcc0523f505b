import type { PreflightReport } from './preflight.js';

/** The report as a table, one check per row. */
export function formatPreflight(report: PreflightReport): string {
  const mark = { ok: 'ok', warning: 'warning', error: 'ERROR' } as const;
  const width = Math.max(...report.checks.map((check) => check.check.length));
  const rows = report.checks.map(
    (check) => `  ${check.check.padEnd(width)}  ${mark[check.severity].padEnd(7)}  ${check.detail}`,
  );
  const errors = report.checks.filter((check) => check.severity === 'error').length;
  return [
    `${report.file}${report.profile === 'newsprint' ? ' (newsprint)' : ''}`,
    ...rows,
    report.passed ? 'preflight passed' : `preflight failed: ${errors} ${errors === 1 ? 'error' : 'errors'}`,
  ].join('\n');
}
