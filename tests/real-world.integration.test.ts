import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { banmian, seedInput } from './helpers/cli.js';
import { hardWrap } from './helpers/hard-wrap.js';
import { pdfText } from './helpers/pdf.js';

/* Markdown as it comes from elsewhere: text copied off a PDF, articles from blogs and reports. */

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-real-world-'));

function build(name: string, markdown: string): { pdf: string; stderr: string } {
  const input = path.join(workDir, `${name}.md`);
  const pdf = path.join(workDir, `${name}.pdf`);
  writeFileSync(input, markdown);
  const result = banmian(['build', input, '-o', pdf]);
  expect(result.status, result.stderr).toBe(0);
  return { pdf, stderr: result.stderr };
}

describe('text hard-wrapped inside its paragraphs', () => {
  it('prints the text layer of the unwrapped text: every character, no space between Chinese characters', () => {
    const seed = readFileSync(seedInput, 'utf8');
    const wrapped = hardWrap(seed, 22);
    const { pdf: wrappedPdf } = build('seed-wrapped', wrapped);
    const { pdf: seedPdf } = build('seed', seed);
    // The wrap cut the first paragraph after its 22nd character, mid-word.
    expect(wrapped).toContain('党的建设是党进行\n伟大自我革命');
    expect(pdfText(wrappedPdf)).toBe(pdfText(seedPdf));
  });
});
