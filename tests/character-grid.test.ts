import { describe, expect, it } from 'vitest';
import { fitCharacterGrid, readColumnCharacters } from '../src/layout/browser/character-grid.js';

const MM = 96 / 25.4;
// The default page: A3, 18 mm side margins, a 9 mm gap, 11 pt (14.667 px) text.
const page = {
  width: 297 * MM,
  marginLeft: 18 * MM,
  marginRight: 18 * MM,
  gap: 9 * MM,
  columns: 2,
  character: (11 * 96) / 72,
  columnCharacters: undefined,
  gapMin: 4.5 * MM,
  gapMax: 13.5 * MM,
};

describe('fitCharacterGrid', () => {
  it('takes the whole characters that fit, and shares the rest between the gutter and the two margins', () => {
    const grid = fitCharacterGrid(page);
    // (261 mm − 9 mm) / 2 = 126 mm = 476.2 px a column: 32.47 characters, so 32.
    expect(grid.columnCharacters).toBe(32);
    expect(grid.columnWidth).toBeCloseTo(32 * page.character, 6);
    // 0.47 of a character × 2 columns = 13.8 px over, 4.6 px each to the gutter and each margin.
    const rest = page.width - 2 * 18 * MM - 9 * MM - 2 * grid.columnWidth;
    expect(grid.gap - page.gap).toBeCloseTo(rest / 3, 6);
    expect(grid.marginLeft - page.marginLeft).toBeCloseTo(rest / 3, 6);
    expect(grid.marginLeft).toBeCloseTo(grid.marginRight, 6);
    // The page width is kept to the 1/64 px.
    expect(grid.marginLeft + 2 * grid.columnWidth + grid.gap + grid.marginRight).toBeCloseTo(page.width, 4);
  });

  it('sets the characters a designer asks for, the gutter within its limits and the margins taking the rest', () => {
    const grid = fitCharacterGrid({ ...page, columnCharacters: 30 });
    expect(grid.columnWidth).toBeCloseTo(30 * page.character, 6);
    // Two characters less a column leave 85 px: the gutter would take a third, and stops at its maximum.
    expect(grid.gap).toBeCloseTo(page.gapMax, 6);
    expect(grid.marginLeft + 2 * grid.columnWidth + grid.gap + grid.marginRight).toBeCloseTo(page.width, 4);
    const narrower = fitCharacterGrid({ ...page, columnCharacters: 33 });
    expect(narrower.gap).toBeLessThan(page.gap);
    expect(narrower.gap).toBeGreaterThanOrEqual(page.gapMin);
  });

  it('refuses characters that do not fit the page, naming --column-chars', () => {
    expect(() => fitCharacterGrid({ ...page, columnCharacters: 40 })).toThrow(/--column-chars: 2 columns of 40/);
  });

  it('reads --column-chars as a whole number, or nothing', () => {
    expect(readColumnCharacters(' 32 ')).toBe(32);
    expect(readColumnCharacters('')).toBeUndefined();
    expect(() => readColumnCharacters('32.5')).toThrow(/not a whole number/);
  });
});
