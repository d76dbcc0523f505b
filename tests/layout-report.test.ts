import { describe, expect, it } from 'vitest';
import type { PageLayoutReport } from '../src/layout/browser/layout-report.js';
import { LayoutReportError, parseLayoutReport } from '../src/layout/report.js';

/* The page's report is checked when it reaches Node, and its warnings become check-style messages. */
const report: PageLayoutReport = {
  sheets: 2,
  columnPages: 4,
  floats: 0,
  passes: 1,
  balanced: true,
  balanceSpread: 0.4,
  geometry: {
    width: 1122.5,
    height: 1587.4,
    marginTop: 83.1,
    marginRight: 68,
    marginBottom: 75.6,
    marginLeft: 68,
    columns: 2,
    gap: 34,
    columnWidth: 476.2,
    character: 14,
    columnCharacters: 30,
    columnHeight: 1428.7,
    bleed: 0,
    marks: ['crop'],
    mediaWidth: 1122.5,
    mediaHeight: 1587.4,
    trimOffset: 0,
  },
  sourceCharacters: 100,
  laidOutCharacters: 100,
  warnings: [
    {
      reason: 'page 1: a paragraph ends with a line of one character: "…|字"',
      severity: 'warning',
      ruleId: 'lone-character',
      sheet: 1,
    },
    { reason: 'a note', severity: 'info', ruleId: 'pagedjs' },
  ],
  images: [],
  grid: { pitch: 24, baseline: 17, linesPerColumn: 59, offGrid: 0 },
  timings: { fonts: 1, layout: 2, compose: 3 },
  inPlace: false,
};

describe('parseLayoutReport', () => {
  it('keeps the printed text of each warning and gives it as a message with its rule and place', () => {
    // As it comes through the DevTools protocol: undefined fields are left out.
    const parsed = parseLayoutReport(JSON.parse(JSON.stringify(report)));
    expect(parsed.warnings).toEqual(report.warnings.map((warning) => warning.reason));
    const [lone, note] = parsed.messages;
    expect(lone).toMatchObject({
      reason: report.warnings[0]?.reason,
      ruleId: 'lone-character',
      fatal: false,
      sheet: 1,
    });
    expect(lone?.source).toBe('banmian-layout');
    expect(note?.fatal).toBeUndefined();
    expect(parsed.geometry).toEqual(report.geometry);
  });

  it('fails naming the field when the page gives another shape', () => {
    const broken = { ...report, geometry: { ...report.geometry, columns: '2' } };
    expect(() => parseLayoutReport(broken)).toThrow(LayoutReportError);
    expect(() => parseLayoutReport(broken)).toThrow(/geometry\.columns/);
    expect(() => parseLayoutReport(undefined)).toThrow(/layout report is malformed/);
  });
});
