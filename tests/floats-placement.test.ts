import { describe, expect, it } from 'vitest';
import type { Band } from '../src/layout/browser/bands.js';
import type { SheetGeometry } from '../src/layout/browser/geometry.js';
import type { PageFloat } from '../src/layout/browser/page-floats.js';
import { locateInText, placeFloats } from '../src/layout/browser/place-floats.js';

/* Where page floats go, as arithmetic on the bands: top of the anchor's sheet, else its foot, else the next sheet. */
const geometry = { columns: 2, columnHeight: 1000, columnWidth: 400, gap: 20 } as SheetGeometry;
const LINE = 20;
const element = {} as HTMLElement;
const headline: Band = { name: 'headline group', sheet: 0, edge: 'top', first: 0, count: 2, height: 200, element };
const on = (sheets: number[]) => (index: number) => sheets[index] ?? 0;
const float = (height: number, index = 1): PageFloat => ({ name: `spanning figure ${index}`, element, height });

describe('placing page floats', () => {
  it('puts a float at the top of its anchor’s sheet, under the headline group on sheet 1', () => {
    expect(placeFloats([float(300)], on([0]), [headline], geometry, LINE)).toEqual([{ sheet: 0, edge: 'top' }]);
  });

  it('stacks floats on one sheet, then uses its foot, then the next sheet, keeping their order', () => {
    // The floats at a sheet's top take at most 60 % of a column, at its foot 50 %, and a quarter is left for text.
    const floats = [float(400, 1), float(250, 2), float(250, 3), float(250, 4)];
    expect(placeFloats(floats, on([0, 0, 0, 0]), [{ ...headline, height: 100 }], geometry, LINE)).toEqual([
      { sheet: 0, edge: 'top' },
      { sheet: 0, edge: 'bottom' },
      { sheet: 1, edge: 'top' },
      { sheet: 1, edge: 'top' },
    ]);
    // A float never goes on a sheet before the float before it, even when its anchor is there.
    expect(placeFloats([float(600, 1), float(100, 2)], on([1, 0]), [], geometry, LINE)).toEqual([
      { sheet: 1, edge: 'top' },
      { sheet: 1, edge: 'bottom' },
    ]);
  });

  it('takes a float too tall for a sheet with text to the top of the next free sheet, and refuses one taller than the page', () => {
    expect(placeFloats([float(900)], on([0]), [headline], geometry, LINE)).toEqual([{ sheet: 1, edge: 'top' }]);
    expect(() => placeFloats([float(1200)], on([0]), [headline], geometry, LINE)).toThrow(/taller than the page area/);
  });
});

describe("finding an anchor's sheet from the text before it", () => {
  it('fills the sheets in the room their bands leave, and follows an anchor its own float pushes on', () => {
    // Sheet 1 holds 2 × 800 px of text under the headline group, the next sheets 2 × 1000.
    const text = { anchors: [1500, 2000], total: 5000 };
    const locate = locateInText(text, geometry);
    expect(locate(0, [headline])).toBe(0);
    expect(locate(1, [headline])).toBe(1);
    // A 300 px float at the top of sheet 1 leaves it 1000 px: the anchor at 1500 is then on sheet 2,
    // so the float goes there, and the second float (at 2000) after it.
    expect(placeFloats([float(300, 1), float(100, 2)], locate, [headline], geometry, LINE)).toEqual([
      { sheet: 1, edge: 'top' },
      { sheet: 1, edge: 'top' },
    ]);
    // Never past the sheet the text ends on: an anchor at the very end of text that fills sheet 1.
    expect(locateInText({ anchors: [1600], total: 1600 }, geometry)(0, [headline])).toBe(0);
  });
});
