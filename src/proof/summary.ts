import path from 'node:path';
import type { ProofReport } from './proof.js';
import { type ArticleChange, escapeMarkdown } from './text-diff.js';

/** summary.md: the proof for a reader — pages, fonts, warnings and, against a baseline, what changed. */
export function proofSummary(report: ProofReport): string {
  const lines = [
    `# Proof of ${path.basename(report.input)}`,
    '',
    `- PDF: \`${path.basename(report.pdf)}\`, ${report.pages} ${report.pages === 1 ? 'page' : 'pages'}`,
    `- Fonts: ${report.fonts.join(', ')}`,
    `- Stages (ms): ${Object.entries(report.timings)
      .map(([stage, ms]) => `${stage} ${ms}`)
      .join(', ')}`,
    `- Warnings: ${report.warnings.length === 0 ? 'none' : ''}`,
    ...report.warnings.map((warning) => `  - ${warning.replaceAll('\n', ' ')}`),
  ];
  if (report.baseline) {
    const { baseline } = report;
    lines.push(
      '',
      `## Against the baseline (${baseline.pages} pages, threshold ${baseline.threshold})`,
      '',
      '| page | changed | diff |',
      '| ---: | ---: | --- |',
      ...baseline.comparisons.map(
        (comparison) =>
          `| ${comparison.page} | ${(comparison.changed * 100).toFixed(3)} % ${comparison.overThreshold ? '**changed**' : ''} | ${comparison.diff ? `\`${path.basename(comparison.diff)}\`` : ''} |`,
      ),
      '',
      baseline.pageCountChanged ? `The page count changed: ${baseline.pages} → ${report.pages}.` : '',
      baseline.comparisons.some((comparison) => comparison.overThreshold)
        ? 'Pages changed beyond the threshold.'
        : 'No page changed beyond the threshold.',
      '',
      ...textSection(baseline),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The text changes, article by article: each changed passage old and new, changed characters marked. */
function textSection(baseline: NonNullable<ProofReport['baseline']>): string[] {
  const { text } = baseline;
  if (text === undefined) return ['The baseline kept no article texts (an older proof): the text was not compared.'];
  if (text.length === 0) {
    return [
      baseline.layoutOnly
        ? '## Text\n\nThe text is the same in every article: a change of the layout only (lines moved).'
        : '## Text\n\nThe text is the same in every article.',
    ];
  }
  const accepted = baseline.textAccepted ? ' (accepted: --accept-text)' : '';
  return [
    `## Text changed in ${text.length} ${text.length === 1 ? 'article' : 'articles'}${accepted}`,
    ...text.flatMap(articleSection),
  ];
}

function articleSection(change: ArticleChange): string[] {
  const note = { changed: '', added: ' (new in this round)', removed: ' (removed in this round)' }[change.kind];
  return [
    '',
    `### ${escapeMarkdown(change.title)}${note}`,
    ...change.passages.flatMap((passage) => [
      '',
      `- old: ${passage.oldMarked || '—'}`,
      `- new: ${passage.newMarked || '—'}`,
    ]),
  ];
}
