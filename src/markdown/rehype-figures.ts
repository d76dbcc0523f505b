import type { Element, ElementContent, Root, RootContent } from 'hast';
import { h } from 'hastscript';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { hasClass, isElement, nextElementIndex, soleImage } from './hast-utils.js';

export interface FiguresOptions {
  /** The image title that makes a figure span every column of its sheet: `![说明](photo.jpg "通栏")`. */
  spanMarker?: string;
  /** Whether the introduction's pictures (before the first title) span by default (default: true). */
  introductionSpans?: boolean;
  /** The heading that opens each article; what comes before the first one is the introduction. */
  titleHeading?: string;
}

interface Settings {
  spanMarker: string;
  introductionSpans: boolean;
}

/** Where a list of children stands: whether a figure there may span, and which of them are the introduction. */
interface Scope {
  canSpan: boolean;
  introduction: ReadonlySet<RootContent | ElementContent>;
}

type Children = Array<RootContent | ElementContent>;

const NO_INTRODUCTION: ReadonlySet<RootContent | ElementContent> = new Set();

/**
 * Pandoc's implicit figures: a picture alone in its paragraph becomes
 * `<figure class="figure"><img><figcaption><p class="caption">ALT</p><p class="credit">…</p></figcaption></figure>`,
 * the alt text its caption (none without alt text) and a credit line right
 * after it (`p.credit`, from rehype-credits) its credit. In the introduction
 * a photo without a credit of its own takes the introduction's credit line
 * wherever it stands (本报记者 李威文 刘洋 摄 under the text), and spans every
 * column, as a digest page sets it; elsewhere a figure is column-wide unless
 * its title is the span marker (`"通栏"`), which makes it `figure.figure.span`
 * and is dropped. Only a figure on the page's own level spans (not one in a
 * quotation or a list). Runs after rehype-credits, rehype-local-images (an
 * image that cannot be shown is a placeholder here, and stays a figure; one
 * refused has gone with its paragraph) and rehype-portraits (a portrait is
 * no figure in this sense).
 */
export const rehypeFigures: Plugin<[FiguresOptions?], Root> = (options = {}) => {
  const settings: Settings = {
    spanMarker: options.spanMarker ?? '通栏',
    introductionSpans: options.introductionSpans ?? true,
  };
  const titleHeading = options.titleHeading ?? 'h2';
  return (tree: Root, file: VFile) => {
    // Without any title the page is one text, not an introduction and articles.
    const titleIndex = tree.children.findIndex((node) => isElement(node, titleHeading));
    const introduction = new Set(titleIndex < 0 ? [] : tree.children.slice(0, titleIndex));
    setIn(tree.children, { canSpan: true, introduction }, settings, file);
    warnAboutInlineMarks(tree, settings.spanMarker, file);
  };
};

function setIn(children: Children, scope: Scope, settings: Settings, file: VFile): void {
  const uncredited: Element[] = [];
  const introductionCredits: Element[] = [];
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (!isElement(node)) continue;
    const image = soleImage(node);
    if (image) {
      const inIntroduction = scope.introduction.has(node);
      const credit = creditAfter(children, i);
      children[i] = makeFigure(node, image, credit, spans(image, inIntroduction, scope, settings, file));
      if (credit) children.splice(children.indexOf(credit), 1);
      else if (inIntroduction) uncredited.push(children[i] as Element);
      continue;
    }
    if (hasClass(node, 'credit') && scope.introduction.has(node)) {
      introductionCredits.push(node);
      continue;
    }
    setIn(node.children, innerScope(node), settings, file);
  }
  // The introduction's photos take its credit lines, in order.
  for (const [index, figure] of uncredited.entries()) {
    const credit = introductionCredits[index];
    if (!credit) break;
    children.splice(children.indexOf(credit), 1);
    addCredit(figure, credit);
  }
}

/** Sections and articles are the page's own level (when rehype-articles has run first); anything else is inside a block. */
function innerScope(node: Element): Scope {
  const sectioning = isElement(node, 'section', 'article');
  const introduction = sectioning && hasClass(node, 'introduction') ? new Set(node.children) : NO_INTRODUCTION;
  return { canSpan: sectioning, introduction };
}

/** The credit line right after the picture's paragraph, if there is one. */
function creditAfter(children: Children, index: number): Element | undefined {
  const next = children[nextElementIndex(children, index)];
  return isElement(next, 'p') && hasClass(next, 'credit') ? next : undefined;
}

function spans(image: Element, inIntroduction: boolean, scope: Scope, settings: Settings, file: VFile): boolean {
  const marked = String(image.properties.title ?? '').trim() === settings.spanMarker;
  if (marked) delete image.properties.title;
  if (marked && !scope.canSpan) {
    file.message(
      `Picture marked “${settings.spanMarker}” inside a quotation, list or box: it cannot span the columns there, and is set column-wide`,
      { place: image.position, ruleId: 'figure-span-nested', source: 'banmian' },
    );
    return false;
  }
  return marked || (inIntroduction && settings.introductionSpans && scope.canSpan);
}

function makeFigure(paragraph: Element, image: Element, credit: Element | undefined, span: boolean): Element {
  const alt = String(image.properties.alt ?? '').trim();
  const caption = alt ? [h('p', { className: ['caption'] }, alt)] : [];
  const figure = h('figure', { className: span ? ['figure', 'span'] : ['figure'] }, [image]);
  if (caption.length > 0) figure.children.push(h('figcaption', caption));
  figure.position = paragraph.position;
  if (credit) addCredit(figure, credit);
  return figure;
}

/** Puts a credit line after the caption, making the figcaption when the picture has no caption. */
function addCredit(figure: Element, credit: Element): void {
  const found = figure.children.find((child) => isElement(child, 'figcaption'));
  const figcaption: Element = isElement(found) ? found : h('figcaption');
  if (figcaption !== found) figure.children.push(figcaption);
  figcaption.children.push(credit);
  const start = figure.position?.start;
  const end = credit.position?.end;
  if (start && end && end.offset !== undefined && (start.offset ?? 0) < end.offset) figure.position = { start, end };
}

/** The span marker on a picture inside a line of text does nothing: say so, and drop it. */
function warnAboutInlineMarks(tree: Root, spanMarker: string, file: VFile): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'img' || String(node.properties.title ?? '').trim() !== spanMarker) return;
    delete node.properties.title;
    file.message(
      `Picture marked “${spanMarker}” inside a line of text: only a picture alone in its paragraph becomes a figure that can span`,
      { place: node.position, ruleId: 'figure-span-inline', source: 'banmian' },
    );
  });
}
