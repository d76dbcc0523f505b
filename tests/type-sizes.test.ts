import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sizeLength, typeSizeKeys } from '../src/config/type-sizes.js';
import { looksLikeTypeSize, TYPE_SIZE_POINTS, typeSizeLength } from '../src/layout/browser/type-sizes.js';
import { projectRoot } from './helpers/cli.js';

describe('typeSizeLength', () => {
  it('gives each 号 its points, as the table of Word and ctex has them', () => {
    // 号 in points, largest to smallest; each 小 size between its neighbours.
    expect(Object.entries(TYPE_SIZE_POINTS)).toEqual(
      Object.entries({
        初号: 42,
        小初: 36,
        一号: 26,
        小一: 24,
        二号: 22,
        小二: 18,
        三号: 16,
        小三: 15,
        四号: 14,
        小四: 12,
        五号: 10.5,
        小五: 9,
        六号: 7.5,
        小六: 6.5,
        七号: 5.5,
        八号: 5,
      }),
    );
    expect(typeSizeLength('五号')).toBe('10.5pt');
    expect(typeSizeLength(' 小二 ')).toBe('18pt');
    expect(typeSizeLength('小二号')).toBe('18pt');
    expect(typeSizeLength('初号')).toBe('42pt');
  });

  it('gives a 级 in Q (a quarter millimetre), written 级 or Q', () => {
    expect(typeSizeLength('44级')).toBe('44Q');
    expect(typeSizeLength('13.5 级')).toBe('13.5Q');
    expect(typeSizeLength('44Q')).toBe('44Q');
    expect(typeSizeLength('44q')).toBe('44Q');
  });

  it('leaves CSS lengths and unknown names alone, and tells the unknown names apart', () => {
    for (const css of ['11pt', '0.9em', 'larger', 'calc(1em + 2pt)']) {
      expect(typeSizeLength(css)).toBeUndefined();
      expect(looksLikeTypeSize(css)).toBe(false);
    }
    for (const unknown of ['九号', '小八', '大号', '级']) expect(typeSizeLength(unknown), unknown).toBeUndefined();
    expect(looksLikeTypeSize('九号')).toBe(true);
    expect(looksLikeTypeSize('四十四级')).toBe(true);
  });
});

describe('the front matter’s sizes', () => {
  it('are the size variables of the default stylesheet', () => {
    const css = readFileSync(path.join(projectRoot, 'styles', 'newspaper.css'), 'utf8');
    expect(typeSizeKeys()).toEqual(expect.arrayContaining(['body', 'headline', 'deck', 'title', 'running-head']));
    for (const key of typeSizeKeys()) expect(css).toContain(`--${key}-size:`);
    expect(typeSizeKeys()).not.toContain('portrait');
  });

  it('take 号, 级 and CSS lengths, and nothing else', () => {
    expect(sizeLength('五号')).toBe('10.5pt');
    expect(sizeLength('42级')).toBe('42Q');
    expect(sizeLength('11pt')).toBe('11pt');
    expect(sizeLength('3.5mm')).toBe('3.5mm');
    expect(sizeLength('0.9em')).toBe('0.9em');
    for (const bad of [11, '11', '九号', 'big', '11 pt', '-2pt']) expect(sizeLength(bad), String(bad)).toBeUndefined();
  });
});
