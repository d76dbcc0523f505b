/**
 * A table row is not split between columns: its cells are side by side, and a
 * break inside one cell would leave the other cells' later lines beyond the
 * column. The break moves to before the row, unless the row starts the column
 * or is taller than a column.
 */
import { type BreakPosition, elementAt, hasContentBefore, positionBefore } from './break-position.js';

export function keepTableRowWhole(position: BreakPosition, rendered: Element): BreakPosition | undefined {
  const row = elementAt(position)?.closest('tr');
  if (!row || !rendered.contains(row) || !hasContentBefore(row, rendered)) return undefined;
  // A row taller than a column cannot be kept whole: it is split like text.
  // A row already split over two columns has one box in each: their bounding
  // box spans from one column's top to the other's foot, so add the boxes up.
  const column = (rendered.parentElement ?? rendered).getBoundingClientRect().height;
  const rowHeight = [...row.getClientRects()].reduce((sum, box) => sum + box.height, 0);
  if (rowHeight >= column) return undefined;
  // A break at the very start of the row is already before it.
  const start = positionBefore(row);
  return start.container === position.container && start.offset === position.offset ? undefined : start;
}
