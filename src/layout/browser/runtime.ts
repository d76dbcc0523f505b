/**
 * Runs in the page: lays the document out as a short sequence of named steps, each in its own file —
 * measure the spanning bands (measure-bands.ts), lay out the columns with Paged.js, one Paged.js page
 * per column (lay-out-columns.ts), balance the last sheet (balance-columns.ts), compose the sheets
 * (sheets.ts), verify the text (verify-text.ts) — and reports to Node through `window.banmian`.
 */
import { balanceLastSheet } from './balance-columns.js';
import { layOutDeferringFigures } from './defer-figures.js';
import { readSheetGeometry } from './geometry.js';
import { checkGrid, pitchWarnings } from './grid-report.js';
import { layOutWithFloats, prepareFloats } from './lay-out-floats.js';
import { layoutWarning, type PageLayoutReport } from './layout-report.js';
import { readLineGrid, reportGrid } from './line-grid.js';
import { measureBands } from './measure-bands.js';
import { styleIgnoredByPaged } from './paged-adapter.js';
import { placedImages } from './placed-images.js';
import { documentLoaded, prepareDocument } from './prepare-document.js';
import { composeSheets, sheetPrintCss } from './sheets.js';
import { printedWarnings, textOutsideArea, verifyText, visibleText } from './verify-text.js';

/** The report as the page gives it (Node parses it into its own LayoutReport: src/layout/report.ts). */
export type { PageLayoutReport as LayoutReport } from './layout-report.js';

declare global {
  interface Window {
    banmian: {
      layout: Promise<PageLayoutReport>;
      progress: { columns: number };
      replaceDocument(html: string): boolean;
    };
  }
}

async function layout(inPlace: boolean, stylesheets: Promise<void> | undefined): Promise<PageLayoutReport> {
  await documentLoaded(stylesheets);
  const started = performance.now();
  const { content, headline, repeated, warnings } = await prepareDocument();
  const fontsDone = performance.now();
  const geometry = readSheetGeometry();
  const grid = readLineGrid(content);
  reportGrid(grid, geometry); // where the handlers that set text on it read it
  warnings.push(...pitchWarnings(grid));
  const bands = measureBands(geometry, headline, grid.pitch);
  for (const part of repeated) part.remove();
  const floats = prepareFloats(content, geometry, grid.pitch);
  const deferred = await layOutDeferringFigures(
    content,
    () => grid.pitch,
    (source) =>
      layOutWithFloats(source, geometry, bands, floats, warnings, countColumn).then((floatLayout) => ({
        ...floatLayout,
        pages: floatLayout.columns.pages,
        discard: floatLayout.columns.discard,
      })),
  );
  const laidOut = deferred.laidOut;
  // A figure moved after the text that fills the gap it left: that order is what must print.
  const sourceText = visibleText(deferred.source);
  const { columns } = laidOut;
  const layoutDone = performance.now();
  const outside = (page: HTMLElement) => textOutsideArea(page, columns.pages.length);
  const balance = balanceLastSheet(columns.pages, geometry, grid, laidOut.bands, outside);
  const lastSheet = Math.ceil(columns.pages.length / geometry.columns);
  if (balance.warning) warnings.push(layoutWarning('balance-columns', balance.warning, { sheet: lastSheet }));
  collectGarbage();
  const sheets = composeSheets(balance.pages, geometry, {
    bands: laidOut.bands,
    repeated,
    balancedHeight: balance.balancedHeight,
  });
  columns.container.remove();
  document.head.append(styleIgnoredByPaged(sheetPrintCss(geometry)));
  const text = verifyText(balance.pages, sourceText);
  warnings.push(...printedWarnings(sheets));
  const gridReport = checkGrid(sheets, grid, geometry, warnings);
  return {
    sheets: sheets.length,
    columnPages: columns.pages.length,
    floats: floats.floats.length,
    passes: laidOut.passes,
    balanced: balance.balancedHeight !== undefined,
    balanceSpread: balance.spread,
    geometry,
    sourceCharacters: sourceText.length,
    laidOutCharacters: text.laidOut,
    textMismatch: text.mismatch,
    warnings,
    images: placedImages(sheets),
    grid: gridReport,
    timings: { fonts: fontsDone - started, layout: layoutDone - fontsDone, compose: performance.now() - layoutDone },
    inPlace,
  };
}

/** How far the layout got, for a timeout's message. */
function countColumn(): void {
  progress.columns++;
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

start(false);
