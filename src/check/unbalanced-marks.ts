import type { Heading, Paragraph, Root, TableCell, Text } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { closingMarkFor, isApostrophe, openingMarkFor } from './paired-marks.js';
import { characterPoint } from './source-location.js';

type Block = Paragraph | Heading | TableCell;

const blockNames: Record<Block['type'], string> = {
  paragraph: 'paragraph',
  heading: 'heading',
  tableCell: 'table cell',
};

/**
 * Quotation marks and brackets left without their partner in a paragraph,
 * heading or table cell: a “ without ”, a （ without ）, a 》 with no 《. Each
 * kind is matched on its own, so one stray mark is one message, at the mark.
 * A cut paragraph (“银企 / 对接……”) shows up here when it is not repaired.
 */
export const checkUnbalancedMarks = lintRule<Root>({ origin: 'banmian:unbalanced-marks' }, (tree, file) => {
  visit(tree, (node) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return;
    checkBlock(node, file);
    return SKIP;
  });
});

function checkBlock(block: Block, file: VFile): void {
  const where = blockNames[block.type];
  const open = new Map<string, Array<{ node: Text; index: number }>>();
  visit(block, 'text', (node) => {
    for (let index = 0; index < node.value.length; index++) {
      const mark = node.value[index] ?? '';
      if (closingMarkFor(mark)) {
        open.set(mark, [...(open.get(mark) ?? []), { node, index }]);
        continue;
      }
      const opener = openingMarkFor(mark);
      if (!opener || isApostrophe(node.value, index)) continue;
      if (open.get(opener)?.pop()) continue;
      file.message(`Unmatched \`${mark}\`: no \`${opener}\` before it in this ${where}`, {
        place: characterPoint(file, node, index),
      });
    }
  });
  for (const [opener, marks] of open) {
    for (const { node, index } of marks) {
      file.message(`Unclosed \`${opener}\`: no \`${closingMarkFor(opener)}\` after it in this ${where}`, {
        place: characterPoint(file, node, index),
      });
    }
  }
}
