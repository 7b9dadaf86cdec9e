// Live edits of the wall from the console's mimic: a display's split changed, a tile moved or swapped between
// cells (also across displays), a cell cleared. Each changes a snapshot copy in place; the reducer checks the
// cells named, keeps the 撤销 stack and versions the result.
import { emptyWidget } from '@shared/model/widget';
import type { Layout, WallSnapshot } from '@shared/model/wall';
import { checkLayout, layoutCells } from '@shared/layout/grid';
import { relayoutCells } from '@shared/layout/relayout';
import { ProtocolError } from '@shared/protocol/envelope';
import { patrolKey } from '@shared/model/patrol';

/** The runtime state of one cell (its widget state and patrol position), taken out of the snapshot. */
function takeRuntime(snapshot: WallSnapshot, displayId: string, cellIndex: number) {
  const key = patrolKey(displayId, cellIndex);
  const runtime = { state: snapshot.cellState[key], patrol: snapshot.patrols?.[key] };
  delete snapshot.cellState[key];
  if (snapshot.patrols) delete snapshot.patrols[key];
  return runtime;
}

/** Puts a cell's runtime state back under another key (nothing when it had none). */
function putRuntime(
  snapshot: WallSnapshot,
  displayId: string,
  cellIndex: number,
  runtime: ReturnType<typeof takeRuntime>,
): void {
  const key = patrolKey(displayId, cellIndex);
  if (runtime.state !== undefined) snapshot.cellState[key] = runtime.state;
  if (runtime.patrol !== undefined) snapshot.patrols = { ...snapshot.patrols, [key]: runtime.patrol };
}

/**
 * Gives a display another split. Widgets keep their cells where they fit (layout/relayout.ts) and their runtime
 * state moves with them; a maximised cell of that display is restored (the operator wants to see the split).
 * Returns the old cell indexes that were dropped.
 */
export function setDisplayLayout(snapshot: WallSnapshot, displayId: string, layout: Layout): number[] {
  const problem = checkLayout(layout);
  if (problem) throw new ProtocolError('bad-request', `layout of display '${displayId}': ${problem}`);
  const content = snapshot.displays[displayId]!;
  const result = relayoutCells(content.cells, layoutCells(layout).length);
  const runtimes = content.cells.map((_, index) => takeRuntime(snapshot, displayId, index));
  for (const [from, to] of result.moves) putRuntime(snapshot, displayId, to, runtimes[from]!);
  snapshot.displays[displayId] = { layout: structuredClone(layout), cells: result.cells };
  delete snapshot.maximized[displayId];
  return result.dropped;
}

/** Swaps two cells' widgets and runtime state (a move when the target is empty). */
export function moveCell(
  snapshot: WallSnapshot,
  from: { displayId: string; cellIndex: number },
  to: { displayId: string; cellIndex: number },
): void {
  const source = snapshot.displays[from.displayId]!.cells;
  const target = snapshot.displays[to.displayId]!.cells;
  const moving = source[from.cellIndex]!;
  source[from.cellIndex] = target[to.cellIndex]!;
  target[to.cellIndex] = moving;
  const fromRuntime = takeRuntime(snapshot, from.displayId, from.cellIndex);
  const toRuntime = takeRuntime(snapshot, to.displayId, to.cellIndex);
  putRuntime(snapshot, to.displayId, to.cellIndex, fromRuntime);
  putRuntime(snapshot, from.displayId, from.cellIndex, toRuntime);
}

/** Empties a cell and forgets its runtime state. */
export function clearCell(snapshot: WallSnapshot, displayId: string, cellIndex: number): void {
  snapshot.displays[displayId]!.cells[cellIndex] = structuredClone(emptyWidget);
  takeRuntime(snapshot, displayId, cellIndex);
}
