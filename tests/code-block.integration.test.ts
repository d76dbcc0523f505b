import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { pdfText } from './helpers/pdf.js';

/*
 * Code keeps its spaces and wraps inside its column. With `white-space: pre-wrap` a space at the end of
 * a wrapped line hangs past the column's edge; the build checks that no text prints outside its column
 * and failed on real code (a spreadsheet formula with spaced arguments). `break-spaces` breaks after the
 * space instead. The lines below end in spaces at every width from a column's, so one falls at its edge.
 */
const lines = Array.from({ length: 24 }, (_, i) => `${'ab '.repeat(17 + i)}end${i}`);
const markdown = `# 代码\n\n正文一段。\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n\n正文二段。\n`;

describe('a code block whose lines wrap at a space', () => {
  it('prints inside its column, every line of it', async () => {
    const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-code-'));
    const input = path.join(workDir, 'code.md');
    const output = path.join(workDir, 'code.pdf');
    writeFileSync(input, markdown);
    await build({ input, output });
    const text = pdfText(output).replace(/\s+/g, '');
    for (let i = 0; i < 24; i++) expect(text).toContain(`end${i}`);
  });
});
