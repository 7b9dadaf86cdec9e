// Dragging a tile between cells of the mimic (also across displays): the source cell travels under this type,
// apart from the camera tree's (../camera-drag.ts), so a drop knows whether it moves a tile or brings a camera.
export const cellDragType = 'application/x-tianmu-cell';

/** The cell a tile is dragged from. */
export interface DraggedCell {
  readonly displayId: string;
  readonly cellIndex: number;
}

/** The drag payload of a cell. */
export function cellDragData(cell: DraggedCell): string {
  return JSON.stringify(cell);
}

/** The cell in a drop's payload, or null when it is not one (another page's drag, a hand-made payload). */
export function parseCellDrag(text: string): DraggedCell | null {
  try {
    const value = JSON.parse(text) as Partial<DraggedCell>;
    if (typeof value.displayId !== 'string' || !Number.isInteger(value.cellIndex)) return null;
    return { displayId: value.displayId, cellIndex: value.cellIndex! };
  } catch {
    return null;
  }
}
