// Where cameras pulled from the map land: a compact block of video tiles, so the operator sees them together.
import type { DisplayContent, WallState } from '@shared/model/wall';
import { layoutCells, type GridCell } from '@shared/layout/grid';
import { ownValue } from '@shared/base/own-property';

/** A tile that may receive a camera: single cells showing video or nothing (never a map or a chart). */
function isVideoTile(content: DisplayContent, cell: GridCell): boolean {
  const kind = content.cells[cell.index]?.kind;
  return (kind === 'video.camera' || kind === 'empty') && cell.rowSpan === 1 && cell.columnSpan === 1;
}

/** The display with the most video tiles (the first in wall order on a tie), or undefined if none has any. */
export function videoDisplayId(state: WallState, displayIds: readonly string[]): string | undefined {
  let best: { id: string; count: number } | undefined;
  for (const id of displayIds) {
    const content = ownValue(state.displays, id);
    if (!content) continue;
    const count = layoutCells(content.layout).filter((cell) => isVideoTile(content, cell)).length;
    if (count > 0 && (!best || count > best.count)) best = { id, count };
  }
  return best?.id;
}

/**
 * Up to `count` video tiles of a display as a block: the most square block of tiles (2 × 2 for four) whose
 * cells are all video tiles, searched from the top-left; else the first video tiles in reading order.
 */
export function videoBlock(content: DisplayContent, count: number): number[] {
  const cells = layoutCells(content.layout);
  const tiles = cells.filter((cell) => isVideoTile(content, cell));
  if (count <= 0 || tiles.length === 0) return [];
  const tileAt = new Map(tiles.map((cell) => [`${cell.row}:${cell.column}`, cell]));
  const columns = Math.min(Math.ceil(Math.sqrt(count)), content.layout.columns);
  const rows = Math.ceil(count / columns);
  for (let top = 0; top + rows <= content.layout.rows; top++) {
    for (let left = 0; left + columns <= content.layout.columns; left++) {
      const block: number[] = [];
      for (let row = top; row < top + rows && block.length < count; row++) {
        for (let column = left; column < left + columns && block.length < count; column++) {
          const cell = tileAt.get(`${row}:${column}`);
          if (cell) block.push(cell.index);
        }
      }
      if (block.length === count) return block;
    }
  }
  return tiles.slice(0, count).map((cell) => cell.index);
}
