import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { PrintBrowser } from '../src/print/browser.js';
import { pdfText } from './helpers/pdf.js';
import { han } from './helpers/typography.js';

/*
 * A table that reaches a column's foot just as Paged.js starts its next row. Paged.js had appended an
 * empty copy of the flow's root for that row, found the overflow before it, and made no break token for a
 * node it does not track: it filled the column on past its foot and the rest of the table was lost (the
 * build failed: "Text was lost in layout"). The break now falls before the last row laid out. Found on a
 * real article (a list of tools in a table); the lengths below put the table's foot where it was.
 */
const section = (i: number) =>
  `## 第${i + 1}节 ${han(6, i)}\n\n${han(150 + i * 40, i)}。\n\n> ${han(50, i)}。\n\n错误：\n\n> ${han(30, i + 2)}。`;
const rows = Array.from(
  { length: 24 },
  (_, i) =>
    `[tool-${i}](https://example.org/${i}) | pangu | ${i % 3 ? 'JavaScript' : 'Intellij Platform Plugin for editors'}`,
);
const document = (lead: number) =>
  [
    '# 表格续排',
    `${han(lead)}。`,
    ...Array.from({ length: 6 }, (_, i) => section(i)),
    `## 工具\n\n仓库 | 系列 | 语言\n--- | ---- | ---\n${rows.join('\n')}`,
    `## 谁在这样做？\n\n网站 | 文案 | UGC\n--- | --- | ---\n${Array.from({ length: 12 }, (_, i) => `[站点${i}](https://example.com/${i}) | 是 | N/A`).join('\n')}`,
    `${han(200)}。`,
  ].join('\n\n');

const workDir = mkdtempSync(path.join(tmpdir(), 'banmian-table-break-'));
let browser: PrintBrowser;

beforeAll(async () => {
  browser = await PrintBrowser.start();
});

afterAll(async () => {
  await browser?.close();
});

describe('a table whose next row starts at a column foot', () => {
  // 158 to 186 characters before the sections all failed; three of them, and one either side.
  it.each([154, 158, 170, 186, 190])('prints every row, in order (%i characters of lead)', async (lead) => {
    const input = path.join(workDir, `lead-${lead}.md`);
    const output = path.join(workDir, `lead-${lead}.pdf`);
    writeFileSync(input, `${document(lead)}\n`);
    const result = await build({ input, output, browser });
    expect(result.layout.textMismatch).toBeUndefined();
    const text = pdfText(output).replace(/\s+/g, '');
    let from = 0;
    for (let i = 0; i < 24; i++) {
      const at = text.indexOf(`tool-${i}`, from);
      expect(at, `tool-${i}`).toBeGreaterThanOrEqual(0);
      from = at;
    }
    expect(text.indexOf('站点11', from)).toBeGreaterThan(from);
  });
});
