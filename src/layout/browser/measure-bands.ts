/**
 * Layout step 1: the spanning bands (bands.ts), measured at their widths before any column is laid out
 * and then taken out of the page until the sheets are composed. The headline group is the band across
 * all columns at the top of the first sheet. A template element marked `data-band="top"` or
 * `data-band="bottom"` (`data-band-columns="n"`: across the first n columns) is a band on the first
 * sheet too: the way in for page floats, and for the tests of bands.
 */
import { type Band, type BandEdge, columnHeightLeft, spanWidth } from './bands.js';
import type { SheetGeometry } from './geometry.js';
import { wholeLines } from './line-grid.js';

export function measureBands(geometry: SheetGeometry, headline: HTMLElement | undefined, pitch: number): Band[] {
  const bands: Band[] = [];
  if (headline) {
    const band = { name: 'headline group', sheet: 0, edge: 'top', first: 0, count: geometry.columns } as const;
    // An empty headline slot takes no room, and is not measured.
    bands.push(
      headline.textContent?.trim()
        ? measured(band, headline, geometry, pitch)
        : { ...band, height: 0, element: headline },
    );
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-band]')) {
    const edge: BandEdge = element.dataset.band === 'bottom' ? 'bottom' : 'top';
    const count = Math.min(geometry.columns, Math.max(1, Number(element.dataset.bandColumns) || geometry.columns));
    bands.push(measured({ name: `${edge} band`, sheet: 0, edge, first: 0, count }, element, geometry, pitch));
  }
  for (const band of bands) {
    if (columnHeightLeft(bands, geometry, band.sheet, band.first) <= 0) {
      throw new Error(`The ${band.name} is taller than the page area`);
    }
  }
  for (const band of bands) band.element.remove();
  return bands;
}

/**
 * A band measured at its width, and rounded up to whole lines: the text under it starts on the grid. The
 * space that adds is on the side of the text, so a band at the foot still stands on the sheet's foot.
 */
function measured(
  band: Omit<Band, 'height' | 'element'>,
  element: HTMLElement,
  geometry: SheetGeometry,
  pitch: number,
): Band {
  element.style.width = `${spanWidth(geometry, band.first, band.count)}px`;
  const natural = element.getBoundingClientRect().height;
  const height = wholeLines(natural, pitch);
  if (band.edge === 'bottom') element.style.marginTop = `${height - natural}px`;
  return { ...band, height, element };
}
