// Level of detail for tens of thousands of points: keep one point per screen cell (the most important one) and,
// when even that is too many for the view, one aggregate per area. Plain arrays, no OpenLayers: it is the
// part that decides how fast the map draws, so it is tested on its own.

/** Points in map units (EPSG:3857 metres) with a priority and an optional area key (a city-ops grid id). */
export interface PointSet {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** Higher wins a screen cell (e.g. online over offline, red over blue). */
  readonly ranks: Uint8Array;
  /** Area each point is aggregated into at low zoom; undefined aggregates by a coarse screen cell instead. */
  readonly areas: readonly (string | undefined)[];
}

/** One representative point per occupied cell, and how many points the cell holds. */
export interface ThinnedPoints {
  readonly indexes: readonly number[];
  readonly counts: readonly number[];
}

/** An aggregate of every point in one area (or coarse cell): where to draw it, how many, the best rank. */
export interface PointAggregate {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly count: number;
  readonly topRank: number;
  /** Index of one member with the top rank (what a click on the aggregate means). */
  readonly topIndex: number;
}

/** Builds a PointSet from items, dropping items without a projected position. */
export function pointSet<Item>(
  items: readonly Item[],
  project: (item: Item) => readonly [number, number],
  rank: (item: Item) => number,
  area: (item: Item) => string | undefined,
): PointSet {
  const xs = new Float64Array(items.length);
  const ys = new Float64Array(items.length);
  const ranks = new Uint8Array(items.length);
  const areas: (string | undefined)[] = new Array(items.length);
  items.forEach((item, index) => {
    const [x, y] = project(item);
    xs[index] = x;
    ys[index] = y;
    ranks[index] = rank(item);
    areas[index] = area(item);
  });
  return { xs, ys, ranks, areas };
}

/**
 * Keeps, per square cell of `cellSize` map units, the point with the highest rank (the first on a tie), so the
 * map never draws two symbols on top of each other. O(n); cells are keyed by integer cell coordinates.
 */
export function thinPoints(points: PointSet, cellSize: number): ThinnedPoints {
  const best = new Map<number, number>();
  const counts = new Map<number, number>();
  const { xs, ys, ranks } = points;
  for (let index = 0; index < xs.length; index++) {
    // Cell coordinates fit in 2^26 for the whole Web Mercator world at cell sizes above a metre.
    const key = Math.floor(xs[index]! / cellSize) * 67_108_864 + Math.floor(ys[index]! / cellSize);
    const current = best.get(key);
    if (current === undefined || ranks[index]! > ranks[current]!) best.set(key, index);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const indexes: number[] = [];
  const cellCounts: number[] = [];
  for (const [key, index] of best) {
    indexes.push(index);
    cellCounts.push(counts.get(key)!);
  }
  return { indexes, counts: cellCounts };
}

/**
 * One aggregate per area: at the area's label point when known (a grid's interior), else at the mean of its
 * points. Points without an area go into coarse cells of `fallbackCellSize`.
 */
export function aggregatePoints(
  points: PointSet,
  areaCentres: ReadonlyMap<string, readonly [number, number]>,
  fallbackCellSize: number,
): PointAggregate[] {
  interface Sum {
    x: number;
    y: number;
    count: number;
    topRank: number;
    topIndex: number;
  }
  const sums = new Map<string, Sum>();
  const { xs, ys, ranks, areas } = points;
  for (let index = 0; index < xs.length; index++) {
    const area = areas[index];
    const key =
      area ??
      `cell:${Math.floor(xs[index]! / fallbackCellSize)}:${Math.floor(ys[index]! / fallbackCellSize)}`;
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = { x: 0, y: 0, count: 0, topRank: -1, topIndex: index }));
    sum.x += xs[index]!;
    sum.y += ys[index]!;
    sum.count++;
    if (ranks[index]! > sum.topRank) {
      sum.topRank = ranks[index]!;
      sum.topIndex = index;
    }
  }
  return [...sums].map(([key, sum]) => {
    const centre = areaCentres.get(key);
    return {
      key,
      x: centre ? centre[0] : sum.x / sum.count,
      y: centre ? centre[1] : sum.y / sum.count,
      count: sum.count,
      topRank: sum.topRank,
      topIndex: sum.topIndex,
    };
  });
}

/** Counts the thinned points inside an extent [minX, minY, maxX, maxY]. */
export function countInside(points: PointSet, indexes: readonly number[], extent: readonly number[]): number {
  let count = 0;
  for (const index of indexes) {
    const x = points.xs[index]!;
    const y = points.ys[index]!;
    if (x >= extent[0]! && x <= extent[2]! && y >= extent[1]! && y <= extent[3]!) count++;
  }
  return count;
}

/**
 * A resolution rounded to half zoom levels: detail is recomputed only when the zoom changes by that much, so
 * panning and small zoom steps reuse the same features (static per view, drawn from a cache).
 */
export function resolutionBucket(resolution: number): number {
  return Math.round(Math.log2(resolution) * 2);
}

/** The resolution a bucket stands for (its lower edge, so cells are never larger than on screen). */
export function bucketResolution(bucket: number): number {
  return 2 ** ((bucket - 0.5) / 2);
}
