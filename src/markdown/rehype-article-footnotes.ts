import type { Element, ElementContent, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { h } from 'hastscript';
import type { Plugin } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { isWhitespaceText } from './hast-utils.js';

/**
 * GFM footnotes at the end of the article that cites them, as a newspaper sets notes, instead of in one
 * list at the end of the document under an English "Footnotes" label. Each note keeps its number (GFM
 * numbers them in the order they are first cited) and loses its back-link arrow, which means nothing on
 * paper. Notes cited in the introduction end it; any left (cited only in the headline) end the document.
 * Runs after rehype-articles, which makes the articles.
 */
export const rehypeArticleFootnotes: Plugin<[], Root> = () => (tree: Root) => {
  const section = select('section[data-footnotes]', tree);
  if (!section) return;
  removeElements(tree, (element) => element === section);
  const notes = new Map<string, Element>();
  for (const [index, note] of selectAll('ol > li[id]', section).entries()) {
    removeElements(note, (element) => element.properties.dataFootnoteBackref !== undefined);
    note.properties.value = String(index + 1);
    notes.set(String(note.properties.id), note);
  }
  for (const container of selectAll('article, section.introduction', tree)) {
    const cited = citedNotes(container, notes);
    if (cited.length > 0) container.children.push(footnoteList(cited));
  }
  if (notes.size > 0) tree.children.push(footnoteList([...notes.values()]));
};

/** The notes `container` cites, in order, each taken out of `notes` so that it is placed once. */
function citedNotes(container: Element, notes: Map<string, Element>): Element[] {
  const cited: Element[] = [];
  for (const reference of selectAll('a[data-footnote-ref]', container)) {
    const id = String(reference.properties.href ?? '').replace(/^#/, '');
    // The label it was described by is gone with the document's note list.
    delete reference.properties.ariaDescribedBy;
    const note = notes.get(id);
    if (!note) continue;
    notes.delete(id);
    cited.push(note);
  }
  return cited;
}

function footnoteList(notes: Element[]): Element {
  const items: ElementContent[] = notes.map((note) => ({
    ...note,
    children: note.children.filter((child) => !isWhitespaceText(child)),
  }));
  return h('section', { className: ['footnotes'] }, [h('ol', items)]);
}

/** Takes the elements that pass `test` out of the tree, with the white space before each. */
function removeElements(tree: Root | Element, test: (element: Element) => boolean): void {
  visit(tree, 'element', (element, index, parent) => {
    if (!parent || index === undefined || !test(element)) return;
    const before = parent.children[index - 1];
    const from = before?.type === 'text' && before.value.trim() === '' ? index - 1 : index;
    if (before?.type === 'text' && from === index) before.value = before.value.trimEnd();
    parent.children.splice(from, index - from + 1);
    return [SKIP, from];
  });
}
