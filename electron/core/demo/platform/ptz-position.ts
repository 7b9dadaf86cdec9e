// Where a demo PTZ head points: pan and tilt over a 3x3 grid of views of one wide scene and two zoom levels,
// moving while a direction is held (at its speed) and settling on the nearest pre-cut view. Pure but for the
// clock it is given.
import type { PictureBox, PtzMove } from '@shared/model/camera-platform';

/** One pre-cut view (resources/media/clips/ptz/<stream>-c<column>r<row>z<zoom>.flv). */
export interface PtzView {
  /** 0 (left) … 2 (right). */
  readonly column: number;
  /** 0 (top) … 2 (bottom). */
  readonly row: number;
  /** 0 (wide) or 1 (near). */
  readonly zoom: number;
}

/** The file name part of a view: `c1r1z0`. */
export function viewId(view: PtzView): string {
  return `c${view.column}r${view.row}z${view.zoom}`;
}

/**
 * Views a second at full speed: a held direction crosses the scene (two steps) in about 1.3 s, so a 2 s hold
 * at half speed visibly turns the picture by one or two views. Slow speeds still move (a floor of 0.2).
 */
export const viewsPerSecond = 1.5;
const minimumSpeed = 0.2;

const steps: Record<PtzMove['direction'], readonly [pan: number, tilt: number, zoom: number]> = {
  up: [0, -1, 0],
  down: [0, 1, 0],
  left: [-1, 0, 0],
  right: [1, 0, 0],
  'up-left': [-1, -1, 0],
  'up-right': [1, -1, 0],
  'down-left': [-1, 1, 0],
  'down-right': [1, 1, 0],
  'zoom-in': [0, 0, 1],
  'zoom-out': [0, 0, -1],
};

const clamp = (value: number, high: number) => Math.min(high, Math.max(0, value));

export class PtzPosition {
  /** 0 … 2 (columns), continuous while moving. */
  private pan = 1;
  /** 0 … 2 (rows). */
  private tilt = 1;
  /** 0 … 1. */
  private zoom = 0;
  private motion: { readonly move: PtzMove; since: number } | null = null;

  constructor(private readonly now: () => number) {}

  /** Starts (or changes) a move; the head turns from now on until `stop`. */
  start(move: PtzMove): void {
    this.settle();
    this.motion = { move, since: this.now() };
  }

  stop(): void {
    this.settle();
    this.motion = null;
  }

  get isMoving(): boolean {
    return this.motion !== null;
  }

  /** The nearest pre-cut view to where the head points now. */
  view(): PtzView {
    this.settle();
    return { column: Math.round(this.pan), row: Math.round(this.tilt), zoom: Math.round(this.zoom) };
  }

  goTo(view: PtzView): void {
    this.motion = null;
    this.pan = clamp(view.column, 2);
    this.tilt = clamp(view.row, 2);
    this.zoom = clamp(view.zoom, 1);
  }

  /**
   * Turns towards a point of the picture (fractions of width and height): the picture's edge is one view away
   * at the wide zoom (a 960-pixel window stepping 480), half a view when near.
   */
  centre(point: { readonly x: number; readonly y: number }): void {
    const view = this.view();
    const reach = view.zoom === 0 ? 2 : 1;
    this.goTo({
      column: Math.round(view.column + (point.x - 0.5) * reach),
      row: Math.round(view.row + (point.y - 0.5) * reach),
      zoom: view.zoom,
    });
  }

  /** Centres on the box, then zooms in (or out). */
  areaZoom(box: PictureBox, zoomIn: boolean): void {
    this.centre({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
    this.goTo({ ...this.view(), zoom: zoomIn ? 1 : 0 });
  }

  private settle(): void {
    const motion = this.motion;
    if (!motion) return;
    const now = this.now();
    const distance =
      ((now - motion.since) / 1000) * viewsPerSecond * Math.max(minimumSpeed, motion.move.speed);
    const [pan, tilt, zoom] = steps[motion.move.direction];
    this.pan = clamp(this.pan + pan * distance, 2);
    this.tilt = clamp(this.tilt + tilt * distance, 2);
    this.zoom = clamp(this.zoom + zoom * distance, 1);
    motion.since = now;
  }
}
