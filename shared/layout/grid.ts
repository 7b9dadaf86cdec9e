// Grid math: the cells of a layout (rows × columns with merged blocks), in reading order.
import type { Layout } from '../model/wall';

/** One cell of a layout: its top-left grid position and its span. */
export interface GridCell {
  readonly index: number;
  readonly row: number;
  readonly column: number;
  readonly rowSpan: number;
  readonly columnSpan: number;
}

/** Why a layout is unusable, or null when it is fine. */
export function checkLayout(layout: Layout): string | null {
  const owner = new Map<string, number>();
  for (const [mergeIndex, merge] of layout.merges.entries()) {
    if (merge.row + merge.rowSpan > layout.rows || merge.column + merge.columnSpan > layout.columns) {
      return `merges.${mergeIndex}: the block leaves the ${layout.rows}×${layout.columns} grid`;
    }
    for (let row = merge.row; row < merge.row + merge.rowSpan; row++) {
      for (let column = merge.column; column < merge.column + merge.columnSpan; column++) {
        const key = `${row}:${column}`;
        const other = owner.get(key);
        if (other !== undefined) return `merges.${mergeIndex}: overlaps merges.${other}`;
        owner.set(key, mergeIndex);
      }
    }
  }
  return null;
}

/**
 * The cells of a valid layout, ordered by row then column of their top-left corner.
 * Scenario files and the wall state list one widget per cell in this order.
 */
export function layoutCells(layout: Layout): GridCell[] {
  const problem = checkLayout(layout);
  if (problem) throw new Error(`invalid layout: ${problem}`);
  const covered = new Set<string>();
  const blocks = new Map<string, { rowSpan: number; columnSpan: number }>();
  for (const merge of layout.merges) {
    blocks.set(`${merge.row}:${merge.column}`, merge);
    for (let row = merge.row; row < merge.row + merge.rowSpan; row++) {
      for (let column = merge.column; column < merge.column + merge.columnSpan; column++) {
        if (row !== merge.row || column !== merge.column) covered.add(`${row}:${column}`);
      }
    }
  }
  const cells: GridCell[] = [];
  for (let row = 0; row < layout.rows; row++) {
    for (let column = 0; column < layout.columns; column++) {
      const key = `${row}:${column}`;
      if (covered.has(key)) continue;
      const block = blocks.get(key) ?? { rowSpan: 1, columnSpan: 1 };
      cells.push({ index: cells.length, row, column, rowSpan: block.rowSpan, columnSpan: block.columnSpan });
    }
  }
  return cells;
}
