import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { h } from 'hastscript';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { FrontMatter } from '../config/front-matter.js';
import { formatIssueDate } from '../config/issue-date.js';
import { BanmianError } from '../errors.js';
import {
  BLEED_ATTRIBUTE,
  HOLD_STYLE_ID,
  MARKS_ATTRIBUTE,
  PAGEDJS_VERSION_ATTRIBUTE,
} from '../layout/browser/contract.js';
import { hasClass, isElement, textOf } from '../markdown/hast-utils.js';
import { layoutRuntime, packageFile } from '../paths.js';
import { AssetMap } from './assets.js';
import { type FontFaceSpec, fontFaces, preferTextPresentation } from './fonts.js';

/**
 * Characters the page prints that are not in the document: page numbers, and the list markers the
 * stylesheet counts with (1． （1） ① to ⑳, ● ○ ■).
 */
const GENERATED_TEXT = '0123456789/.．（）①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳●○■';

export interface DocumentOptions {
  /** The page template: an HTML file with `data-slot="headline"` and `data-slot="content"` elements. */
  template: string;
  /** Stylesheets, in cascade order. */
  styles: readonly string[];
  fonts: readonly FontFaceSpec[];
  /** Where the document's URLs point; a fresh map if not given. */
  assets?: AssetMap;
  lang?: string;
  /** The Markdown file's validated front matter (`file.data.frontMatter`): the sheet furniture. */
  frontMatter?: FrontMatter;
  /** Bleed around the trimmed page, a CSS length (`3mm`), and printer's marks outside it. */
  bleed?: string;
  marks?: readonly string[];
  /**
   * Put stylesheets that refer to no other file into the document: the page
   * need not ask for them before it can run its scripts, nor Paged.js again.
   * For builds; the preview links them, as a designer expects to see them.
   */
  inlineStyles?: boolean;
}

export interface HtmlDocument {
  html: string;
  assets: AssetMap;
  /** The headline, and its deck (副题) if it has one. */
  title: string;
  deck: string;
  /** Characters of the page that no declared face covers: printed as boxes (see missing-glyph-font.ts). */
  uncovered: string[];
}

/** A template or input problem, reported without a stack trace. */
export class DocumentError extends BanmianError {
  override name = 'DocumentError';
}

/**
 * hast content → the HTML document the browser lays out: the template parsed
 * with rehype-parse, its slots filled, stylesheets, fonts and the layout
 * scripts added to its head.
 */
export async function renderDocument(content: Root, options: DocumentOptions): Promise<HtmlDocument> {
  const assets = options.assets ?? new AssetMap();
  // Registered first, so that their URLs are the same in every document: a tab
  // holding one document takes the next in place of it only if they are.
  const scripts = await layoutScripts(assets);
  const { page, html, head, contentSlot, headlineSlot } = await parseTemplate(options.template);
  if (html.properties.lang === undefined) html.properties.lang = options.lang ?? 'zh-CN';
  const headline = fillSlots(content, contentSlot, headlineSlot);
  const title = headline ? textOf(select('h1', headline) ?? headline) : '';
  setTitle(head, title);
  fillFurniture(page, furnitureFields(options.frontMatter, title));
  html.properties.dataFirstPage = options.frontMatter?.page ?? 1;
  if (options.bleed) html.properties[dataProperty(BLEED_ATTRIBUTE)] = options.bleed;
  if (options.marks?.length) html.properties[dataProperty(MARKS_ATTRIBUTE)] = options.marks.join(' ');
  setTypeSizes(html, options.frontMatter?.sizes ?? {});
  linkLocalImages(page, assets);
  preferTextPresentation(page);

  // Text the page makes itself is not in the tree: the page numbers filled in at layout, list markers.
  const pageText = `${hastToString(page)}${GENERATED_TEXT}`;
  const fonts = await fontFaces(options.fonts, assets, pageText);
  head.children.push(
    // Nothing is drawn until the layout starts, once the fonts are in: laying the
    // whole text out first in fallback fonts would only cost time.
    h('style', { id: HOLD_STYLE_ID, dataPagedjsIgnore: '' }, 'body { display: none; }'),
    // The fonts are asked for as the page starts to load, not when text first needs them.
    ...fonts.urls.map((href) => h('link', { rel: 'preload', as: 'font', type: 'font/ttf', href, crossOrigin: '' })),
    // An empty icon keeps the browser from asking for /favicon.ico.
    h('link', { rel: 'icon', href: 'data:,' }),
    // Fonts are the document's, not Paged.js's: it would declare them again and load them twice.
    h('style', { dataBanmian: 'fonts', dataPagedjsIgnore: '' }, fonts.css),
    ...(await Promise.all(options.styles.map((style) => styleElement(style, assets, options.inlineStyles === true)))),
    ...scripts,
  );

  const deckElement = headline ? select('.deck', headline) : undefined;
  const deck = deckElement ? textOf(deckElement).replace(/^[—－-]+/, '') : '';
  return { html: unified().use(rehypeStringify).stringify(page), assets, title, deck, uncovered: fonts.uncovered };
}

/** The template, parsed, and the elements the document goes into. */
async function parseTemplate(template: string) {
  let source: string;
  try {
    source = await readFile(template, 'utf8');
  } catch (error) {
    throw new DocumentError(`${template}: cannot read the template (${(error as NodeJS.ErrnoException).code})`);
  }
  const page = unified().use(rehypeParse).parse(source);
  const html = select('html', page);
  const head = select('head', page);
  const contentSlot = select('[data-slot="content"]', page);
  const headlineSlot = select('[data-slot="headline"]', page);
  if (!html || !head || !contentSlot) {
    throw new DocumentError(`${template}: the template needs an element with data-slot="content"`);
  }
  return { page, html, head, contentSlot, headlineSlot };
}

/**
 * Puts the content into the slots: the headline group into the headline slot, if the template has one,
 * and the rest into the content slot. Returns the headline group.
 */
function fillSlots(content: Root, contentSlot: Element, headlineSlot: Element | undefined): Element | undefined {
  // The content goes into the page by copy: the build renders one tree twice (for the browser and for --html).
  const nodes = structuredClone(content).children.filter((node): node is ElementContent => node.type !== 'doctype');
  const headline = nodes.find((node): node is Element => isElement(node, 'hgroup') && hasClass(node, 'headline'));
  if (headline && headlineSlot) {
    headlineSlot.children = [headline];
    contentSlot.children = nodes.filter((node) => node !== headline);
  } else {
    contentSlot.children = nodes;
  }
  return headline;
}

/** The document's `<title>`: the headline, where there is one. */
function setTitle(head: Element, title: string): void {
  let titleElement = select('title', head);
  if (!titleElement) {
    titleElement = h('title');
    head.children.unshift(titleElement);
  }
  if (title) titleElement.children = [{ type: 'text', value: title }];
}

/** The hast property of a `data-*` attribute (`data-bleed` → `dataBleed`). */
function dataProperty(attribute: string): string {
  return attribute.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The front matter's type sizes (CSS lengths by then) on the root's own style: over what any stylesheet's
 * :root gives, as the document's own choice.
 */
function setTypeSizes(html: Element, sizes: Record<string, string>): void {
  const declarations = Object.entries(sizes).map(([name, length]) => `--${name}-size: ${length};`);
  if (declarations.length === 0) return;
  const own = String(html.properties.style ?? '').trim();
  html.properties.style = [own && !own.endsWith(';') ? `${own};` : own, ...declarations].filter(Boolean).join(' ');
}

/** A `<style>` with the stylesheet's text where it can be, else a `<link>` to it. */
async function styleElement(style: string, assets: AssetMap, inline: boolean): Promise<Element> {
  if (inline) {
    const text = await readFile(style, 'utf8');
    // Relative URLs and imports would resolve against the document instead.
    if (!/url\(|@import|<\/style/i.test(text)) return h('style', { dataBanmianStylesheet: path.basename(style) }, text);
  }
  return h('link', { rel: 'stylesheet', href: assets.add(style) });
}

/** Paged.js and the layout runtime, for the document's head. */
async function layoutScripts(assets: AssetMap): Promise<Element[]> {
  return [
    // The minified build: half the bytes to send and parse. It names its global PagedModule.
    // Its version, for the page to name when Paged.js lacks something the layout uses.
    h('script', {
      src: assets.add(packageFile('pagedjs', 'dist/paged.min.js')),
      [dataProperty(PAGEDJS_VERSION_ATTRIBUTE)]: await pagedVersion(),
    }),
    h('script', 'globalThis.Paged ??= globalThis.PagedModule;'),
    // Every module of the layout asked for at once, not import by import.
    ...(await layoutModules()).map((module) =>
      h('link', { rel: 'modulepreload', href: assets.add(module, { versioned: false }) }),
    ),
    h('script', { type: 'module', src: assets.add(layoutRuntime, { versioned: false }) }),
  ];
}

let pagedVersionRead: Promise<string> | undefined;

/** The installed Paged.js's version, read once. */
function pagedVersion(): Promise<string> {
  pagedVersionRead ??= readFile(packageFile('pagedjs', 'package.json'), 'utf8').then((text) =>
    String((JSON.parse(text) as { version?: unknown }).version),
  );
  return pagedVersionRead;
}

/** The layout runtime's modules (compiled, in the browser folder of dist/). */
async function layoutModules(): Promise<string[]> {
  const folder = path.dirname(layoutRuntime);
  const files = await readdir(folder);
  return files.filter((file) => file.endsWith('.js')).map((file) => path.join(folder, file));
}

/**
 * The static fields of the sheet furniture, by `data-field` name: what the
 * front matter gives, and the running title (its `title`, else the headline).
 * The page numbers are not here: they are filled in per sheet at layout
 * (src/layout/browser/sheets.ts), counting on from `page`.
 */
export function furnitureFields(frontMatter: FrontMatter | undefined, headline: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const title = frontMatter?.title ?? headline;
  if (title) fields.title = title;
  if (frontMatter?.paper) fields.paper = frontMatter.paper;
  if (frontMatter?.date) fields.date = formatIssueDate(frontMatter.date);
  if (frontMatter?.edition) fields.edition = frontMatter.edition;
  // Named for `data-if` / `data-unless` only: the number itself is set per sheet.
  if (frontMatter?.page !== undefined) fields.page = String(frontMatter.page);
  return fields;
}

/**
 * Fills the template's static fields. An element marked `data-if="a b"` is
 * kept only when one of the named fields has a value, `data-unless="a b"` only
 * when none has: so one template carries both the plain running head (no front
 * matter) and the masthead strip, and the text of the one not used is neither
 * printed nor put in the font subset.
 */
function fillFurniture(page: Root, fields: Record<string, string>): void {
  const given = (names: unknown) =>
    String(names ?? '')
      .split(/\s+/)
      .some((name) => name !== '' && fields[name] !== undefined);
  for (const element of selectAll('[data-if], [data-unless]', page)) {
    const keep =
      (element.properties.dataIf === undefined || given(element.properties.dataIf)) &&
      (element.properties.dataUnless === undefined || !given(element.properties.dataUnless));
    if (!keep) removeElement(page, element);
  }
  for (const field of selectAll('[data-field]', page)) {
    const name = String(field.properties.dataField);
    // `page` and `pages` are the layout's to fill.
    if (name === 'page' || name === 'pages') continue;
    field.children = fields[name] === undefined ? [] : [{ type: 'text', value: fields[name] }];
  }
}

/** Gives each local image (`data-file`, set by rehype-local-images) a URL the browser may load. */
function linkLocalImages(page: Root, assets: AssetMap): void {
  for (const img of selectAll('img[data-file]', page)) {
    img.properties.src = assets.add(String(img.properties.dataFile));
    delete img.properties.dataFile;
  }
}

function removeElement(tree: Root, target: Element): void {
  const parents: Array<Root | Element> = [tree];
  for (const parent of parents) {
    const index = parent.children.indexOf(target);
    if (index >= 0) {
      parent.children.splice(index, 1);
      return;
    }
    for (const child of parent.children) if (child.type === 'element') parents.push(child);
  }
}
