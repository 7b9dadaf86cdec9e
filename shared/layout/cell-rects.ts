// Wall geometry: where each cell of a layout lies on a display, in pixels, snapped to the display's physical
// panels so that no tile straddles a bezel unless the layout itself asks for it (a merged block over panels).
import type { Layout, PanelGrid, Rect } from '../model/wall';
import { layoutCells, type GridCell } from './grid';

/** A size in pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface CellRectOptions {
  /** The part of the display the cells fill (default: the whole display). */
  readonly area?: Rect;
  /** Physical panels inside the display (one spanning output); none means one seamless screen. */
  readonly panels?: PanelGrid | undefined;
  /**
   * The bezel bands themselves, instead of `panels`: for a layout inside one cell (a patrol block's tiles),
   * the bands that run through that cell, in its pixels (`bezelsWithin`).
   */
  readonly bezels?: BezelBands | undefined;
  /** Pixels between two neighbouring cells that no bezel separates (default 0). */
  readonly gap?: number;
}

/** One cell with its rectangle in display pixels (relative to the display's top-left corner). */
export interface PlacedCell extends GridCell {
  readonly rect: Rect;
}

/** A band of pixels hidden behind a bezel along one axis: [start, end). */
export interface Band {
  readonly start: number;
  readonly end: number;
}

/** The bezel bands of an area: those between panel columns (along x) and between panel rows (along y). */
export interface BezelBands {
  readonly columns: readonly Band[];
  readonly rows: readonly Band[];
}

/**
 * The bezel bands along one axis: `count` panels share `length` pixels, with `bezel` pixels of the output
 * behind each bezel (what a video controller's bezel compensation drops). Panels are equal; the last one
 * takes the rounding remainder.
 */
export function bezelBands(length: number, count: number, bezel: number): Band[] {
  const panel = (length - (count - 1) * bezel) / count;
  const bands: Band[] = [];
  for (let index = 1; index < count; index++) {
    const start = Math.round(index * panel + (index - 1) * bezel);
    bands.push({ start, end: start + bezel });
  }
  return bands;
}

/**
 * The `divisions + 1` edges of a grid along one axis of [from, to), as pairs [where the cell before ends,
 * where the cell after begins] (equal unless a bezel band lies between). Edges start evenly spaced; bezel bands
 * inside the range are then matched in order with the nearest interior edges, which move onto them, and the
 * edges in between are spread evenly again. With at least as many divisions as panels every band gets an
 * edge, so no single cell crosses a bezel; with fewer, each edge takes its nearest band and the rest of the
 * bands run through cells (the layout has fewer rows or columns than there are panels: it asks for that).
 */
function snappedEdges(
  from: number,
  to: number,
  divisions: number,
  bands: readonly Band[],
): [number, number][] {
  const length = to - from;
  const inside = bands.filter((band) => band.start > from && band.end < to);
  const interior = divisions - 1;
  const indexOf = (position: number) => ((position - from) / length) * divisions;
  const pinned: [number, Band][] = [];
  if (inside.length <= interior) {
    inside.forEach((band, order) => {
      const lowest = (pinned.at(-1)?.[0] ?? 0) + 1;
      const highest = interior - (inside.length - 1 - order);
      const ideal = Math.round(indexOf((band.start + band.end) / 2));
      pinned.push([Math.min(highest, Math.max(lowest, ideal)), band]);
    });
  } else {
    let previousBand = -1;
    for (let edge = 1; edge <= interior; edge++) {
      const target = from + (length * edge) / divisions;
      let best = previousBand + 1;
      const lastAllowed = inside.length - 1 - (interior - edge);
      for (let index = best; index <= lastAllowed; index++) {
        const distance = (band: Band) => Math.abs((band.start + band.end) / 2 - target);
        if (distance(inside[index]!) < distance(inside[best]!)) best = index;
      }
      pinned.push([edge, inside[best]!]);
      previousBand = best;
    }
  }
  const anchors: [number, number, number][] = [
    [0, from, from],
    ...pinned.map(([edge, band]): [number, number, number] => [edge, band.start, band.end]),
    [divisions, to, to],
  ];
  const edges: [number, number][] = [[from, from]];
  for (let index = 0; index < anchors.length - 1; index++) {
    const [startEdge, , startAfter] = anchors[index]!;
    const [endEdge, endBefore, endAfter] = anchors[index + 1]!;
    for (let edge = startEdge + 1; edge < endEdge; edge++) {
      const position = Math.round(
        startAfter + ((endBefore - startAfter) * (edge - startEdge)) / (endEdge - startEdge),
      );
      edges.push([position, position]);
    }
    edges.push([endBefore, endAfter]);
  }
  return edges;
}

/**
 * The rectangle of every cell of `layout` on a display of `size`, in cell order (see `layoutCells`).
 * Cells are separated by `gap` pixels, or by the bezel band where a panel boundary runs between them.
 */
export function cellRects(layout: Layout, size: Size, options: CellRectOptions = {}): PlacedCell[] {
  const area = options.area ?? { x: 0, y: 0, width: size.width, height: size.height };
  const gap = options.gap ?? 0;
  const panels = options.panels;
  const bands = options.bezels ?? (panels ? displayBezels(size, panels) : { columns: [], rows: [] });
  const columnBands = bands.columns;
  const rowBands = bands.rows;
  const xEdges = snappedEdges(area.x, area.x + area.width, layout.columns, columnBands);
  const yEdges = snappedEdges(area.y, area.y + area.height, layout.rows, rowBands);
  /** Where a cell after edge `index` begins: half a gap in, unless the edge is the border or a bezel. */
  const begin = (edges: [number, number][], index: number, last: number) => {
    const [before, after] = edges[index]!;
    return index === 0 || index === last || before !== after ? after : after + Math.floor(gap / 2);
  };
  /** Where a cell before edge `index` ends. */
  const finish = (edges: [number, number][], index: number, last: number) => {
    const [before, after] = edges[index]!;
    return index === 0 || index === last || before !== after ? before : before - Math.ceil(gap / 2);
  };
  return layoutCells(layout).map((cell) => {
    const left = begin(xEdges, cell.column, layout.columns);
    const right = finish(xEdges, cell.column + cell.columnSpan, layout.columns);
    const top = begin(yEdges, cell.row, layout.rows);
    const bottom = finish(yEdges, cell.row + cell.rowSpan, layout.rows);
    return {
      ...cell,
      rect: { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) },
    };
  });
}

function displayBezels(size: Size, panels: PanelGrid): BezelBands {
  return {
    columns: bezelBands(size.width, panels.columns, panels.bezel.horizontal),
    rows: bezelBands(size.height, panels.rows, panels.bezel.vertical),
  };
}

/**
 * The bezel bands of a display of `size` and `panels` that run through `rect` (a cell of it), in the pixels of
 * the cell's content: `inset` pixels (its border) in from `rect`'s top-left corner. A layout inside the cell laid
 * out with them (`cellRects(…, { bezels })`) keeps its tiles off the bezels as the wall's own cells are.
 */
export function bezelsWithin(rect: Rect, size: Size, panels: PanelGrid, inset = 0): BezelBands {
  const within = (bands: readonly Band[], start: number, length: number) =>
    bands
      .filter((band) => band.start < start + length && band.end > start)
      .map((band) => ({ start: band.start - start - inset, end: band.end - start - inset }));
  const display = displayBezels(size, panels);
  return {
    columns: within(display.columns, rect.x, rect.width),
    rows: within(display.rows, rect.y, rect.height),
  };
}

/** The bezel bands a rectangle crosses (a tile over a bezel shows a black bar through its picture). */
export function crossedBezels(rect: Rect, size: Size, panels: PanelGrid): number {
  const crosses = (start: number, length: number, bands: readonly Band[]) =>
    bands.filter((band) => start < band.end && start + length > band.start).length;
  const bands = displayBezels(size, panels);
  return crosses(rect.x, rect.width, bands.columns) + crosses(rect.y, rect.height, bands.rows);
}
