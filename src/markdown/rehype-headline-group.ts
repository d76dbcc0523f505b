import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { isElement, nextElementIndex, textOf } from './hast-utils.js';
import { DEFAULT_DECK_MARKERS, isDeckLine } from './text-predicates.js';

export interface HeadlineGroupOptions {
  /** Leading marks that make a line right after the headline its deck (副题). */
  deckMarkers?: readonly string[];
}

/**
 * Groups the page's headline (the first `h1`) with its deck, the dash subtitle
 * that follows it, into `<hgroup class="headline">`. The deck becomes a
 * paragraph so that outline and screen readers see one headline, not two.
 * Without an `h1`, the front matter's `title` is the headline.
 */
export const rehypeHeadlineGroup: Plugin<[HeadlineGroupOptions?], Root> = (options = {}) => {
  const deckMarkers = options.deckMarkers ?? DEFAULT_DECK_MARKERS;
  return (tree: Root, file: VFile) => {
    const index = tree.children.findIndex((node) => isElement(node, 'h1'));
    const headline = tree.children[index];
    if (!isElement(headline)) {
      // An article from elsewhere often carries its title in the front matter only.
      const title = file.data.frontMatter?.title;
      if (title) {
        tree.children.unshift(h('hgroup', { className: ['headline'] }, [h('h1', title)]));
        return;
      }
      file.message('No headline: the page needs a level-1 heading (`# …`)', {
        place: { line: 1, column: 1 },
        ruleId: 'headline-group',
        source: 'banmian',
      });
      return;
    }
    const group: Element = h('hgroup', { className: ['headline'] }, [headline]);
    group.position = headline.position;
    let end = index + 1;
    const nextIndex = nextElementIndex(tree.children, index);
    const next = tree.children[nextIndex];
    if (isElement(next, 'h2', 'h3', 'h4', 'h5', 'h6', 'p') && isDeckLine(textOf(next), deckMarkers)) {
      const deck = h('p', { className: ['deck'] }, next.children);
      deck.position = next.position;
      group.children.push(deck);
      end = nextIndex + 1;
    }
    tree.children.splice(index, end - index, group);
  };
};
