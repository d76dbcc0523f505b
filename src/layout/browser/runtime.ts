/// <reference path="./paged.d.ts" />
/**
 * Runs in the page: lays the document out with Paged.js, one Paged.js page per
 * column, then composes the columns into sheets. Paged.js's overflow search is
 * written for one column per page (NOTES §4), so giving it exactly that keeps
 * the flow column 1 → column 2 → next sheet correct whatever the font and
 * wherever a break falls.
 */
import { balanceLastSheet } from './balance-columns.js';
import { ColumnOverflow } from './column-overflow.js';
import { readSheetGeometry } from './geometry.js';
import { LoneCharacters, loneCharacterLines } from './lone-characters.js';
import { NoHyphenAtColumnBreak } from './no-hyphen-at-column-break.js';
import { composeSheets, sheetPrintCss } from './sheets.js';
import { StaticPages } from './static-pages.js';
import { replaceUndecodableImages } from './undecodable-images.js';

export interface LayoutReport {
  sheets: number;
  /** Columns Paged.js laid out, before the last sheet's were balanced. */
  columnPages: number;
  /** Whether the last sheet's columns were balanced. */
  balanced: boolean;
  /** How far apart the last sheet's columns end, in body lines, once balanced. */
  balanceSpread: number | undefined;
  geometry: ReturnType<typeof readSheetGeometry>;
  /** Non-space characters in the source content and in the laid-out columns. */
  sourceCharacters: number;
  laidOutCharacters: number;
  /** Where the laid-out text first differs from the source, if it does. */
  textMismatch: string | undefined;
  warnings: string[];
  timings: { fonts: number; layout: number; compose: number };
  /** Whether the document was put in place of one laid out before in the page, rather than loaded. */
  inPlace: boolean;
}

declare global {
  interface Window {
    banmian: {
      layout: Promise<LayoutReport>;
      progress: { columns: number };
      replaceDocument(html: string): boolean;
    };
  }
}

function visibleText(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, '');
}

function firstDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at character ${i}: source "${a.slice(i, i + 24)}" but laid out "${b.slice(i, i + 24)}"`;
}

/**
 * Text that Paged.js placed on a page but the browser drew outside the page
 * area (and so would not print): the proof that no text is lost, read from
 * the boxes of the laid-out lines rather than from the DOM's text.
 */
function textOutsideArea(page: HTMLElement, pageNumber: number): string[] {
  const area = page.querySelector('.pagedjs_page_content');
  if (!area) return [];
  const bounds = area.getBoundingClientRect();
  const found: string[] = [];
  const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const first = text.search(/\S/);
    if (first < 0) continue;
    // Only the printing characters: white space left at a break (a code block's
    // trailing newline and indent) may sit past the column and prints nothing.
    range.setStart(node, first);
    range.setEnd(node, text.trimEnd().length);
    const lineHeight = lineHeightOf(node);
    for (const rect of range.getClientRects()) {
      if (rect.width === 0) continue;
      // A glyph box taller than its line (a title set solid) reaches past the line box by half the
      // difference; the line box is what must lie in the column (as at the top of a balanced column).
      const excess = Math.max(0, (rect.height - lineHeight) / 2);
      const overflow = Math.max(
        rect.right - bounds.right,
        rect.bottom - excess - bounds.bottom,
        bounds.left - rect.left,
        bounds.top - (rect.top + excess),
      );
      if (overflow > 1) {
        found.push(`column ${pageNumber}, ${Math.round(overflow)} px out: "${text.trim().slice(0, 20)}…"`);
        break;
      }
    }
  }
  return found;
}

/** The line height of a text node's lines, to tell a glyph box reaching past its line from a line outside. */
function lineHeightOf(node: Node): number {
  const parent = node.parentElement;
  const height = parent ? Number.parseFloat(getComputedStyle(parent).lineHeight) : Number.NaN;
  return Number.isFinite(height) ? height : Number.POSITIVE_INFINITY;
}

async function loadFonts(): Promise<void> {
  // Load every declared face up front: the headline is measured before Paged.js
  // starts, and a late font would change the line breaks under its feet.
  await Promise.all([...document.fonts].map((face) => face.load()));
  await document.fonts.ready;
}

async function layout(inPlace: boolean, stylesheets: Promise<void> | undefined): Promise<LayoutReport> {
  // Stylesheets must have loaded before the custom properties are read.
  if (document.readyState !== 'complete') {
    await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
  }
  await stylesheets;
  const warnings: string[] = [];
  const started = performance.now();
  const content = document.querySelector<HTMLElement>('[data-slot="content"]');
  if (!content) throw new Error('The template has no element with data-slot="content"');
  const headline = document.querySelector<HTMLElement>('[data-slot="headline"]') ?? undefined;
  const repeated = [...document.querySelectorAll<HTMLElement>('[data-sheet]')];

  await loadFonts();
  // While the pictures are still in the page, and before anything measures them.
  warnings.push(...(await replaceUndecodableImages(document)));
  // Out of the page before anything is laid out: the content goes to Paged.js,
  // and laying all of it out here first, as one long column, is a whole layout
  // for nothing (0.15 s at 60 pages).
  content.remove();
  document.getElementById('banmian-hold')?.remove();
  const fontsDone = performance.now();

  const geometry = readSheetGeometry();
  let headlineHeight = 0;
  if (headline?.textContent?.trim()) {
    headline.style.width = `${geometry.width - geometry.marginLeft - geometry.marginRight}px`;
    headlineHeight = Math.ceil(headline.getBoundingClientRect().height);
    if (headlineHeight >= geometry.columnHeight) {
      throw new Error('The headline group is taller than the page area');
    }
  }
  headline?.remove();
  for (const part of repeated) part.remove();
  const sourceText = visibleText(content);

  // Each Paged.js page is one column. This rule goes through Paged.js's polisher.
  const pageRule = document.createElement('style');
  pageRule.textContent = `@page { size: ${geometry.columnWidth}px ${geometry.columnHeight}px; margin: 0; }`;
  document.head.append(pageRule);
  const layoutRules = document.createElement('style');
  layoutRules.dataset.pagedjsIgnore = '';
  layoutRules.textContent = [
    // The first sheet's columns start below the headline group.
    `.banmian-layout > .pagedjs_pages > .pagedjs_page:nth-child(-n+${geometry.columns}) { --pagedjs-margin-top: ${headlineHeight}px !important; }`,
    // Paged.js decides every break itself. Chromium's own widow and orphan
    // control inside Paged.js's page box would move lines Paged.js counted as
    // placed out of sight, so it is off; keeping lines together is a handler's job.
    '.pagedjs_page_content * { orphans: 1 !important; widows: 1 !important; }',
    // The balanced last sheet is set by the browser's multi-column layout: there
    // its own rules keep a heading with two lines and leave no single line alone.
    '.banmian-balanced .pagedjs_page_content * { orphans: 2 !important; widows: 2 !important; }',
    '.banmian-balanced :is(h1, h2, h3, h4, h5, h6, header, hgroup) { break-after: avoid; }',
    '.banmian-balanced :is(tr, figure, img) { break-inside: avoid; }',
    // Printing repeats a table's head at the top of each column it runs into, which the
    // layout on screen does not: the rows it pushes down would run past the last column.
    '.banmian-balanced thead { display: table-row-group; }',
  ].join('\n');
  document.head.append(layoutRules);

  const renderTo = document.createElement('div');
  renderTo.className = 'banmian-layout';
  document.body.append(renderTo);
  const previewer = new Paged.Previewer();
  // Paged.js lays out a page per animation frame. A short column takes less than a
  // frame, and the rest of the frame was spent waiting: 28 ms of the seed's 100.
  // The next page follows as the next task instead, which still lets the browser
  // render (and run Paged.js's resize observers) between pages.
  previewer.chunker.q.tick = nextTask;
  // How far the layout got, for a timeout's message.
  previewer.on('page', () => {
    progress.columns++;
  });
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    originalWarn(...args);
  };
  try {
    await previewer.preview(content, undefined, renderTo);
  } finally {
    console.warn = originalWarn;
  }
  const layoutDone = performance.now();

  const laidOut = [...renderTo.querySelectorAll<HTMLElement>('.pagedjs_page')];
  const lastSheetTop = laidOut.length <= geometry.columns ? headlineHeight : 0;
  const balance = balanceLastSheet(laidOut, geometry, lastSheetTop, (page) => textOutsideArea(page, laidOut.length));
  const { pages: columnPages, balancedHeight } = balance;
  if (balance.warning) warnings.push(balance.warning);
  const laidOutText = columnPages
    .map((page) => visibleText(page.querySelector('.pagedjs_page_content') ?? page))
    .join('');
  collectGarbage();
  const sheets = composeSheets(columnPages, geometry, { headline, headlineHeight, repeated, balancedHeight });
  renderTo.remove();
  const printRules = document.createElement('style');
  printRules.dataset.pagedjsIgnore = '';
  printRules.textContent = sheetPrintCss(geometry);
  document.head.append(printRules);
  // Checked on the composed sheets, the layout that prints.
  const hidden = columnPages.flatMap((page, index) => textOutsideArea(page, index + 1));
  if (hidden.length > 0) throw new Error(`Text fell outside its column: ${hidden.slice(0, 3).join('; ')}`);
  // Pictures taller than a column are shown smaller (styles: max-height); say so.
  for (const image of document.querySelectorAll<HTMLImageElement>('.banmian-sheet img')) {
    const box = image.getBoundingClientRect();
    if (
      image.naturalWidth > 0 &&
      box.width > 0 &&
      box.height + 1 < (box.width * image.naturalHeight) / image.naturalWidth
    ) {
      warnings.push(`an image taller than a column was scaled to fit: ${image.getAttribute('src') ?? ''}`);
    }
  }
  // The lone-character handler checks each change it makes; this finds what it could not fix.
  for (const sheet of sheets) {
    for (const line of loneCharacterLines(sheet)) {
      warnings.push(`page ${sheet.dataset.sheet}: a paragraph ends with a line of one character: "${line}"`);
    }
  }

  return {
    sheets: sheets.length,
    columnPages: laidOut.length,
    balanced: balancedHeight !== undefined,
    balanceSpread: balance.spread,
    geometry,
    sourceCharacters: sourceText.length,
    laidOutCharacters: laidOutText.length,
    textMismatch: firstDifference(sourceText, laidOutText),
    warnings,
    timings: { fonts: fontsDone - started, layout: layoutDone - fontsDone, compose: performance.now() - layoutDone },
    inPlace,
  };
}

/**
 * Moving a column into its sheet makes Blink update every live Range of the document, and a layout
 * leaves tens of thousands until they are collected: composing a long edition took 0.1 s or 2 s as
 * the collector happened to run. A full collection first costs about 35 ms there and makes it 20 ms.
 * `gc` is there when banmian started the browser (`--expose-gc`).
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Calls back in a new task, at once: setTimeout(…, 0) is held 4 ms once nested. */
function nextTask(callback: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    callback();
  };
  channel.port2.postMessage(undefined);
}

/** Settles when every stylesheet link of `head` has loaded or failed; listening before they are in the page. */
function stylesheetsLoaded(head: HTMLHeadElement): Promise<void> {
  const links = [...head.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
  return Promise.all(
    links.map(
      (link) =>
        new Promise((resolve) => {
          link.addEventListener('load', resolve, { once: true });
          link.addEventListener('error', resolve, { once: true });
        }),
    ),
  ).then(() => {});
}

/** The elements that load Paged.js and this runtime. */
const SCRIPTS = 'script, link[rel="modulepreload"]';

/** The scripts that make a document a banmian page: the same in two documents, one runtime serves both. */
function scriptsOf(root: ParentNode): string {
  return [...root.querySelectorAll(SCRIPTS)]
    .map((element) => element.getAttribute('src') ?? element.getAttribute('href') ?? element.textContent)
    .join('\n');
}

/**
 * Puts the next document (a rebuild, or the next file of a batch) in place of
 * the one laid out here and starts its layout: a navigation would load and run
 * Paged.js and this runtime again (50 of the 300 ms of a rebuild of the seed)
 * and lose what the JavaScript engine learnt from the last layout. Paged.js
 * keeps its state in each Previewer, and everything this page added is in the
 * head and body that are replaced. Refused (the caller navigates) while a
 * layout is running or after one failed, and when the document has other
 * scripts.
 */
function replaceDocument(html: string): boolean {
  if (state !== 'done') return false;
  const next = new DOMParser().parseFromString(html, 'text/html');
  if (scriptsOf(next) !== scriptsOf(document) || next.body.querySelector('script')) return false;
  const root = document.documentElement;
  for (const name of root.getAttributeNames()) root.removeAttribute(name);
  for (const name of next.documentElement.getAttributeNames()) {
    root.setAttribute(name, next.documentElement.getAttribute(name) ?? '');
  }
  const isScript = (node: Node) => node instanceof Element && node.matches(SCRIPTS);
  const stylesheets = stylesheetsLoaded(next.head);
  for (const node of [...document.head.childNodes]) if (!isScript(node)) node.remove();
  document.head.append(...[...next.head.childNodes].filter((node) => !isScript(node)));
  root.replaceChild(document.adoptNode(next.body), document.body);
  start(true, stylesheets);
  return true;
}

let state: 'running' | 'done' | 'failed' = 'running';
const progress = { columns: 0 };

function start(inPlace: boolean, stylesheets?: Promise<void>): void {
  state = 'running';
  progress.columns = 0;
  const report = layout(inPlace, stylesheets);
  report.then(
    () => {
      state = 'done';
    },
    () => {
      state = 'failed';
    },
  );
  window.banmian = { layout: report, progress, replaceDocument };
}

Paged.registerHandlers(StaticPages, ColumnOverflow, NoHyphenAtColumnBreak, LoneCharacters);
start(false);
