import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import type { VFile } from 'vfile';
import { editable, type ProseBlock, proseBlocks, report } from './prose-text.js';

/** Front matter `lang` values of 繁體 text (BCP 47: zh-Hant, zh-TW, zh-HK, zh-MO), where 「」 are right. */
const TRADITIONAL = /^zh[-_](?:hant|tw|hk|mo)\b/i;

/**
 * GB/T 15834: 简体 text quotes with “” and, inside them, ‘’ — not the corner brackets 「」『』 of 繁體 and
 * Japanese: `「老师，『紊』是什么意思？」` → `“老师，‘紊’是什么意思？”`. 『』 inside a quotation become ‘’; 『』
 * that quote on their own (`请查看『全角和半角』`) become “”, as a quotation at the outer level is. Off for
 * text whose front matter says it is 繁體 (`lang: zh-Hant`, `zh-TW`, `zh-HK`).
 */
export const checkCornerQuotes = lintRule<Root>({ origin: 'banmian:corner-quotes' }, (tree, file) => {
  if (isTraditional(file)) return;
  for (const block of proseBlocks(tree, file)) checkBlock(file, block);
});

function checkBlock(file: VFile, block: ProseBlock): void {
  // How deep in quotation marks the text is, and whether each open 『 stands inside another quotation.
  let depth = 0;
  const inner: boolean[] = [];
  for (let at = 0; at < block.text.length; at++) {
    const mark = block.text[at] ?? '';
    if (mark === '「' || mark === '“') depth++;
    if ((mark === '」' || mark === '”') && depth > 0) depth--;
    if (mark === '『') inner.push(depth > 0);
    const nested = mark === '』' ? (inner.pop() ?? true) : mark === '『' ? inner.at(-1) : undefined;
    const replacement = simplified(mark, nested);
    if (!replacement || !editable(block, at)) continue;
    report(file, block, {
      from: at,
      to: at + 1,
      reason: `Corner bracket \`${mark}\` in 简体 text: use \`${replacement}\``,
      replacement,
    });
  }
}

function simplified(mark: string, nested: boolean | undefined): string | undefined {
  if (mark === '「') return '“';
  if (mark === '」') return '”';
  if (mark === '『') return nested ? '‘' : '“';
  if (mark === '』') return nested ? '’' : '”';
  return undefined;
}

function isTraditional(file: VFile): boolean {
  return TRADITIONAL.test(file.data.frontMatter?.lang ?? '');
}
