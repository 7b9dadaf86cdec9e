// A display's split changed live (4 → 9, 9 → 1+5 …): which widget goes to which cell of the new split, and
// which ones no longer fit. Pure; the wall reducer applies it and the console shows what would be dropped.
import type { WidgetConfig } from '../model/widget';

/** Where the cells of the old split went. */
export interface Relayout {
  /** One widget per cell of the new split, in reading order (the given objects, not copies); new cells are empty. */
  readonly cells: WidgetConfig[];
  /** Old cell index → new cell index, for every widget kept (its runtime state moves with it). */
  readonly moves: ReadonlyMap<number, number>;
  /** Old cell indexes whose widget did not fit, in order (empty cells are never counted as dropped). */
  readonly dropped: number[];
}

/**
 * Fits `cells` into a split of `cellCount` cells. A widget keeps its reading-order index when the new split
 * has that cell (so 4 → 9 keeps the first four tiles where they are); a shrinking split moves the widgets beyond
 * its end into its empty cells, in order, and drops only what still does not fit. Empty cells are free.
 */
export function relayoutCells(cells: readonly WidgetConfig[], cellCount: number): Relayout {
  const next: WidgetConfig[] = Array.from({ length: cellCount }, () => ({ kind: 'empty', options: {} }));
  const moves = new Map<number, number>();
  const dropped: number[] = [];
  const overflow: number[] = [];
  cells.forEach((widget, index) => {
    if (widget.kind === 'empty') return;
    if (index < cellCount) {
      next[index] = widget;
      moves.set(index, index);
    } else overflow.push(index);
  });
  const free = next.flatMap((widget, index) => (widget.kind === 'empty' ? [index] : []));
  for (const index of overflow) {
    const target = free.shift();
    if (target === undefined) {
      dropped.push(index);
      continue;
    }
    next[target] = cells[index]!;
    moves.set(index, target);
  }
  return { cells: next, moves, dropped };
}
