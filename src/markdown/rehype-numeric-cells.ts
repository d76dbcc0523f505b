import type { Root } from 'hast';
import { selectAll } from 'hast-util-select';
import type { Plugin } from 'unified';
import { addClass, textOf } from './hast-utils.js';

/** A figure as tables give one: 1,234 · −5.6 · 42% · ¥300 · 12.5万. */
const NUMBER = /^[-+−±]?[¥$€£]?\d[\d,，.．\s]*(?:%|％|‰|万|亿|元|倍)?$/u;

/**
 * Marks table cells that hold a number alone (`td.numeric`), so that the stylesheet can align figures on
 * their right edge in tabular digits, as a newspaper table does. A column the Markdown aligned itself
 * (`|--:|`) keeps its alignment.
 */
export const rehypeNumericCells: Plugin<[], Root> = () => (tree: Root) => {
  for (const cell of selectAll('td', tree)) {
    if (cell.properties.align === undefined && NUMBER.test(textOf(cell))) addClass(cell, 'numeric');
  }
};
