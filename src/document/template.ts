import { readFile } from 'node:fs/promises';
import type { ElementContent, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { h } from 'hastscript';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { hasClass, isElement, textOf } from '../markdown/hast-utils.js';
import { layoutRuntime, packageFile } from '../paths.js';
import { AssetMap } from './assets.js';
import { type FontFaceSpec, fontFaceCss } from './fonts.js';

export interface DocumentOptions {
  /** The page template: an HTML file with `data-slot="headline"` and `data-slot="content"` elements. */
  template: string;
  /** Stylesheets, in cascade order. */
  styles: readonly string[];
  fonts: readonly FontFaceSpec[];
  /** Where the document's URLs point; a fresh map if not given. */
  assets?: AssetMap;
  lang?: string;
}

export interface HtmlDocument {
  html: string;
  assets: AssetMap;
  title: string;
}

/** A template or input problem, reported without a stack trace. */
export class DocumentError extends Error {
  override name = 'DocumentError';
}

/**
 * hast content → the HTML document the browser lays out: the template parsed
 * with rehype-parse, its slots filled, stylesheets, fonts and the layout
 * scripts added to its head.
 */
export async function renderDocument(content: Root, options: DocumentOptions): Promise<HtmlDocument> {
  const assets = options.assets ?? new AssetMap();
  let source: string;
  try {
    source = await readFile(options.template, 'utf8');
  } catch (error) {
    throw new DocumentError(`${options.template}: cannot read the template (${(error as NodeJS.ErrnoException).code})`);
  }
  const page = unified().use(rehypeParse).parse(source);

  const html = select('html', page);
  const head = select('head', page);
  const contentSlot = select('[data-slot="content"]', page);
  const headlineSlot = select('[data-slot="headline"]', page);
  if (!html || !head || !contentSlot) {
    throw new DocumentError(`${options.template}: the template needs an element with data-slot="content"`);
  }
  if (html.properties.lang === undefined) html.properties.lang = options.lang ?? 'zh-CN';

  const nodes = content.children.filter((node): node is ElementContent => node.type !== 'doctype');
  const headline = nodes.find((node) => isElement(node, 'hgroup') && hasClass(node, 'headline'));
  if (headline && headlineSlot) {
    headlineSlot.children = [headline];
    contentSlot.children = nodes.filter((node) => node !== headline);
  } else {
    contentSlot.children = nodes;
  }

  const title = headline && isElement(headline) ? textOf(select('h1', headline) ?? headline) : '';
  let titleElement = select('title', head);
  if (!titleElement) {
    titleElement = h('title');
    head.children.unshift(titleElement);
  }
  if (title) titleElement.children = [{ type: 'text', value: title }];
  for (const field of selectAll('[data-field="title"]', page)) field.children = [{ type: 'text', value: title }];

  // The page numbers filled in at layout are digits; everything else is in the tree now.
  const pageText = `${hastToString(page)}0123456789/`;
  head.children.push(
    // An empty icon keeps the browser from asking for /favicon.ico.
    h('link', { rel: 'icon', href: 'data:,' }),
    h('style', { dataBanmian: 'fonts' }, await fontFaceCss(options.fonts, assets, pageText)),
    ...options.styles.map((style) => h('link', { rel: 'stylesheet', href: assets.add(style) })),
    h('script', { src: assets.add(packageFile('pagedjs', 'dist/paged.js')) }),
    h('script', { type: 'module', src: assets.add(layoutRuntime) }),
  );

  return { html: unified().use(rehypeStringify).stringify(page), assets, title };
}
