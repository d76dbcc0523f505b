import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import type { VFile } from 'vfile';
import { editable, proseBlocks, report } from './prose-text.js';

const SIMPLIFIED: Record<string, string> = { '「': '“', '」': '”', '『': '‘', '』': '’' };

/** Front matter `lang` values of 繁體 text (BCP 47: zh-Hant, zh-TW, zh-HK, zh-MO), where 「」 are right. */
const TRADITIONAL = /^zh[-_](?:hant|tw|hk|mo)\b/i;

/**
 * GB/T 15834: 简体 text quotes with “” and ‘’, not the corner brackets 「」『』 of 繁體 and Japanese:
 * `「引号」` → `“引号”`, `『书名』` → `‘书名’`. Off for text whose front matter says it is 繁體
 * (`lang: zh-Hant`, `zh-TW`, `zh-HK`).
 */
export const checkCornerQuotes = lintRule<Root>({ origin: 'banmian:corner-quotes' }, (tree, file) => {
  if (isTraditional(file)) return;
  for (const block of proseBlocks(tree, file)) {
    for (let at = 0; at < block.text.length; at++) {
      const mark = block.text[at] ?? '';
      const replacement = SIMPLIFIED[mark];
      if (!replacement || !editable(block, at)) continue;
      report(file, block, {
        from: at,
        to: at + 1,
        reason: `Corner bracket \`${mark}\` in 简体 text: use \`${replacement}\``,
        replacement,
      });
    }
  }
});

function isTraditional(file: VFile): boolean {
  return TRADITIONAL.test(file.data.frontMatter?.lang ?? '');
}
