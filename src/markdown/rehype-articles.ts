import type { Element, Root, RootContent } from 'hast';
import { h } from 'hastscript';
import type { Plugin } from 'unified';
import { hasClass, isElement, isWhitespaceText } from './hast-utils.js';

export interface ArticlesOptions {
  /** The heading that opens each article (one speech of a digest). */
  titleHeading?: string;
  /** Headings and classes that belong in an article's header after its title. */
  headerHeadings?: readonly string[];
  headerClasses?: readonly string[];
}

/**
 * Sections the page: everything between the headline group and the first title
 * becomes `section.introduction`; each title heading opens an `<article>` whose
 * `<header>` holds the title, the organisation heading and the byline, so they
 * move between columns as one block.
 */
export const rehypeArticles: Plugin<[ArticlesOptions?], Root> = (options = {}) => {
  const titleHeading = options.titleHeading ?? 'h2';
  const headerHeadings = options.headerHeadings ?? ['h3'];
  // A portrait (figure.portrait) carries the byline as its caption: it belongs in the header too.
  const headerClasses = options.headerClasses ?? ['byline', 'portrait'];

  return (tree: Root) => {
    const out: RootContent[] = [];
    let introduction: Element | undefined;
    let article: Element | undefined;
    let header: Element | undefined;

    for (const node of tree.children) {
      if (node.type === 'doctype' || node.type === 'comment') {
        out.push(node);
        continue;
      }
      if (node.type !== 'element' && (node.type !== 'text' || isWhitespaceText(node))) continue;
      if (isElement(node, 'hgroup', 'h1')) {
        out.push(node);
        article = header = introduction = undefined;
        continue;
      }
      if (node.type === 'element' && node.tagName === titleHeading) {
        header = h('header', [node]);
        article = h('article', [header]);
        article.position = node.position;
        out.push(article);
        introduction = undefined;
        continue;
      }
      if (article) {
        if (
          header &&
          isElement(node) &&
          (headerHeadings.includes(node.tagName) || headerClasses.some((c) => hasClass(node, c)))
        ) {
          header.children.push(node);
        } else {
          header = undefined;
          article.children.push(node);
        }
        continue;
      }
      if (!introduction) {
        introduction = h('section', { className: ['introduction'] });
        introduction.position = node.position;
        out.push(introduction);
      }
      introduction.children.push(node);
    }
    tree.children = out;
  };
};
