/**
 * Layout step 2: Paged.js lays the content out with one Paged.js page per column. Its overflow search
 * is written for pages of one column, so giving it exactly that keeps the flow column 1 → column 2 →
 * next sheet correct whatever the font and wherever a break falls. The columns under a band start
 * lower or end higher (bands.ts); the handlers registered here adjust each column as it is laid out.
 */
import { type Band, reservedSpace, sheetsWithBands } from './bands.js';
import { ColumnOverflow } from './column-overflow.js';
import type { SheetGeometry } from './geometry.js';
import { type LayoutWarning, layoutWarning } from './layout-report.js';
import { LoneCharacters } from './lone-characters.js';
import { NoHyphenAtColumnBreak } from './no-hyphen-at-column-break.js';
import { layOutPages, PAGE_CONTENT, reservedSpaceCss, styleIgnoredByPaged } from './paged-adapter.js';
import { SnapToLineGrid } from './snap-to-line-grid.js';
import { StaticPages } from './static-pages.js';

const HANDLERS = [StaticPages, SnapToLineGrid, ColumnOverflow, NoHyphenAtColumnBreak, LoneCharacters];

/** The element the columns are laid out in, until they are composed into sheets. */
const CONTAINER = 'banmian-layout';

export interface LaidOutColumns {
  /** One page per column, in order. */
  pages: HTMLElement[];
  container: HTMLElement;
  /** Takes this layout out of the page (its columns and the rules of its bands), for another one. */
  discard(): void;
}

export async function layOutColumns(
  content: HTMLElement,
  geometry: SheetGeometry,
  bands: readonly Band[],
  warnings: LayoutWarning[],
  onColumn: () => void,
): Promise<LaidOutColumns> {
  // Each Paged.js page is one column. This rule goes through Paged.js's polisher.
  const pageRule = document.createElement('style');
  pageRule.textContent = `@page { size: ${geometry.columnWidth}px ${geometry.columnHeight}px; margin: 0; }`;
  document.head.append(pageRule);
  const rules = styleIgnoredByPaged([...bandRules(geometry, bands), ...COLUMN_RULES].join('\n'));
  document.head.append(rules);
  const container = document.createElement('div');
  container.className = CONTAINER;
  document.body.append(container);
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(layoutWarning('pagedjs', args.map(String).join(' ')));
    originalWarn(...args);
  };
  try {
    const pages = await layOutPages(content, container, HANDLERS, onColumn);
    const discard = () => {
      container.remove();
      rules.remove();
    };
    return { pages, container, discard };
  } finally {
    console.warn = originalWarn;
  }
}

/** The space the bands take from the columns under them. */
function bandRules(geometry: SheetGeometry, bands: readonly Band[]): string[] {
  const rules: string[] = [];
  for (const sheet of sheetsWithBands(bands)) {
    for (let column = 0; column < geometry.columns; column++) {
      const { top, bottom } = reservedSpace(bands, sheet, column);
      const page = sheet * geometry.columns + column + 1;
      if (top > 0 || bottom > 0) rules.push(reservedSpaceCss(`.${CONTAINER}`, page, top, bottom));
    }
  }
  return rules;
}

const COLUMN_RULES = [
  // Paged.js decides every break itself. Chromium's own widow and orphan
  // control inside Paged.js's page box would move lines Paged.js counted as
  // placed out of sight, so it is off; keeping lines together is a handler's job.
  `${PAGE_CONTENT} * { orphans: 1 !important; widows: 1 !important; }`,
  // The balanced last sheet is set by the browser's multi-column layout: there
  // its own rules keep a heading with two lines and leave no single line alone.
  `.banmian-balanced ${PAGE_CONTENT} * { orphans: 2 !important; widows: 2 !important; }`,
  '.banmian-balanced :is(h1, h2, h3, h4, h5, h6, header, hgroup) { break-after: avoid; }',
  '.banmian-balanced :is(tr, figure, img) { break-inside: avoid; }',
  // Printing repeats a table's head at the top of each column it runs into, which the
  // layout on screen does not: the rows it pushes down would run past the last column.
  '.banmian-balanced thead { display: table-row-group; }',
];
