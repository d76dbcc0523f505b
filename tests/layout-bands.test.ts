import { describe, expect, it } from 'vitest';
import {
  type Band,
  bandBox,
  columnHeightLeft,
  gutterSpace,
  reservedSpace,
  sheetSpace,
  sheetsWithBands,
  spanWidth,
} from '../src/layout/browser/bands.js';
import type { SheetGeometry } from '../src/layout/browser/geometry.js';

/*
 * The arithmetic of spanning bands, on a three-column sheet: what each column keeps, where each band
 * sits, and when a sheet's columns are all one height (so the last sheet can be balanced).
 */
const geometry: SheetGeometry = {
  width: 1000,
  height: 1400,
  marginTop: 80,
  marginRight: 60,
  marginBottom: 70,
  marginLeft: 60,
  columns: 3,
  gap: 30,
  columnWidth: (880 - 60) / 3,
  character: 14,
  columnCharacters: 30,
  columnHeight: 1250,
  bleed: 0,
  marks: [],
  mediaWidth: 1000,
  mediaHeight: 1400,
  trimOffset: 0,
};

const element = {} as HTMLElement;
const band = (fields: Partial<Band>): Band => ({
  name: 'band',
  sheet: 0,
  edge: 'top',
  first: 0,
  count: 3,
  height: 100,
  element,
  ...fields,
});

describe('spanning bands', () => {
  const headline = band({ name: 'headline group', height: 180 });
  const foot = band({ edge: 'bottom', first: 1, count: 2, height: 240 });
  const under = band({ first: 0, count: 1, height: 50 });
  const bands = [headline, foot, under];

  it('shorten the columns under them, and only those, on their own sheet', () => {
    expect([0, 1, 2].map((column) => reservedSpace(bands, 0, column))).toEqual([
      { top: 230, bottom: 0 },
      { top: 180, bottom: 240 },
      { top: 180, bottom: 240 },
    ]);
    expect([0, 1, 2].map((column) => columnHeightLeft(bands, geometry, 0, column))).toEqual([1020, 830, 830]);
    expect(columnHeightLeft(bands, geometry, 1, 0)).toBe(geometry.columnHeight);
    expect(sheetsWithBands(bands)).toEqual([0]);
  });

  it('stack on their edge in the order of the list, a bottom band rising from the foot', () => {
    expect(bandBox(bands, headline, geometry)).toEqual({ left: 0, top: 0, width: 880 });
    expect(bandBox(bands, under, geometry)).toEqual({ left: 0, top: 180, width: geometry.columnWidth });
    const left = geometry.columnWidth + geometry.gap;
    expect(bandBox(bands, foot, geometry)).toEqual({
      left,
      top: geometry.columnHeight - 240,
      width: 2 * geometry.columnWidth + geometry.gap,
    });
  });

  it('interrupt a gutter rule only where they span both its columns', () => {
    expect(gutterSpace(bands, 0, 1)).toEqual({ top: 180, bottom: 0 });
    expect(gutterSpace(bands, 0, 2)).toEqual({ top: 180, bottom: 240 });
  });

  it('leave a sheet balanceable only when each spans all its columns', () => {
    expect(sheetSpace(bands, geometry, 0)).toBeUndefined();
    expect(sheetSpace([headline, band({ edge: 'bottom', height: 90 })], geometry, 0)).toEqual({ top: 180, bottom: 90 });
    expect(sheetSpace(bands, geometry, 1)).toEqual({ top: 0, bottom: 0 });
  });

  it('across all columns are exactly the sheet area wide', () => {
    expect(spanWidth(geometry, 0, 3)).toBe(geometry.width - geometry.marginLeft - geometry.marginRight);
    expect(spanWidth(geometry, 1, 1)).toBe(geometry.columnWidth);
  });
});
