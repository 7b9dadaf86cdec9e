// Level of detail keeps what matters in each screen cell and aggregates by area when the view is too full.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  aggregatePoints,
  bucketResolution,
  countInside,
  pointSet,
  resolutionBucket,
  thinPoints,
} from './level-of-detail';

interface Item {
  x: number;
  y: number;
  rank: number;
  area?: string;
}
const setOf = (items: Item[]) =>
  pointSet(
    items,
    (item) => [item.x, item.y],
    (item) => item.rank,
    (item) => item.area,
  );

describe('level of detail', () => {
  it('keeps the highest-ranked point per cell and counts what it hides', () => {
    const points = setOf([
      { x: 1, y: 1, rank: 0 },
      { x: 2, y: 2, rank: 2 },
      { x: 3, y: 3, rank: 1 },
      { x: 15, y: 1, rank: 0 },
    ]);
    const thinned = thinPoints(points, 10);
    const byIndex = new Map(thinned.indexes.map((index, position) => [index, thinned.counts[position]]));
    expect(byIndex).toEqual(
      new Map([
        [1, 3],
        [3, 1],
      ]),
    );
  });

  it('never keeps two points in one cell, never drops a cell, and accounts for every point', () => {
    const item = fc.record({
      x: fc.double({ min: -5_000, max: 5_000, noNaN: true }),
      y: fc.double({ min: -5_000, max: 5_000, noNaN: true }),
      rank: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 300 }),
        fc.double({ min: 5, max: 800, noNaN: true }),
        (items, cell) => {
          const points = setOf(items);
          const thinned = thinPoints(points, cell);
          const cellOf = (item: Item) => `${Math.floor(item.x / cell)}:${Math.floor(item.y / cell)}`;
          const kept = thinned.indexes.map((index) => cellOf(items[index]!));
          expect(new Set(kept).size).toBe(kept.length);
          expect(new Set(items.map(cellOf)).size).toBe(kept.length);
          expect(thinned.counts.reduce((sum, count) => sum + count, 0)).toBe(items.length);
          for (const index of thinned.indexes) {
            const rivals = items.filter((other) => cellOf(other) === cellOf(items[index]!));
            expect(items[index]!.rank).toBe(Math.max(...rivals.map((other) => other.rank)));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('aggregates by area at the area centre, and the rest by coarse cells at their mean', () => {
    const points = setOf([
      { x: 0, y: 0, rank: 0, area: 'grid-1' },
      { x: 10, y: 10, rank: 3, area: 'grid-1' },
      { x: 1_000, y: 1_000, rank: 1 },
      { x: 1_010, y: 1_020, rank: 2 },
    ]);
    const aggregates = aggregatePoints(points, new Map([['grid-1', [50, 60]]]), 500);
    expect(aggregates).toEqual([
      { key: 'grid-1', x: 50, y: 60, count: 2, topRank: 3, topIndex: 1 },
      { key: 'cell:2:2', x: 1_005, y: 1_010, count: 2, topRank: 2, topIndex: 3 },
    ]);
  });

  it('counts kept points inside a view extent', () => {
    const points = setOf([
      { x: 0, y: 0, rank: 0 },
      { x: 50, y: 50, rank: 0 },
      { x: 500, y: 0, rank: 0 },
    ]);
    expect(countInside(points, [0, 1, 2], [-10, -10, 100, 100])).toBe(2);
  });

  it('recomputes detail only every half zoom level', () => {
    const resolution = 19.1; // about zoom 13
    expect(resolutionBucket(resolution * 1.1)).toBe(resolutionBucket(resolution));
    expect(resolutionBucket(resolution * 2)).toBe(resolutionBucket(resolution) + 2);
    expect(bucketResolution(resolutionBucket(resolution))).toBeLessThanOrEqual(resolution * 1.0001);
  });
});
