import type { Root } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { lintRule } from 'unified-lint-rule';
import { visit } from 'unist-util-visit';

/** A heading without text (`##` alone on a line): an error, since it prints as an empty gap in the page. */
export const checkEmptyHeading = lintRule<Root>({ origin: 'banmian:empty-heading' }, (tree, file) => {
  visit(tree, 'heading', (heading) => {
    if (mdastToString(heading).trim() !== '') return;
    file.message(`Empty heading: \`${'#'.repeat(heading.depth)}\` with no text`, {
      ...(heading.position ? { place: heading.position } : {}),
    });
  });
});
