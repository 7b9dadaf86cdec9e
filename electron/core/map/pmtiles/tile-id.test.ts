// PMTiles tile ids: the spec's reference values, a full round trip over the small levels, and the limits.
import { describe, expect, it } from 'vitest';
import { maxTileZoom, tileIdToZxy, zxyToTileId } from './tile-id';

describe('PMTiles tile ids', () => {
  it('matches the reference values of the spec (§4.1)', () => {
    const reference: Array<[number, number, number, number]> = [
      [0, 0, 0, 0],
      [1, 0, 0, 1],
      [1, 0, 1, 2],
      [1, 1, 1, 3],
      [1, 1, 0, 4],
      [2, 0, 0, 5],
      [12, 3423, 1763, 19078479],
    ];
    for (const [z, x, y, tileId] of reference) {
      expect(zxyToTileId(z, x, y), `${z}/${x}/${y}`).toBe(tileId);
      expect(tileIdToZxy(tileId)).toEqual({ z, x, y });
    }
  });

  it('numbers every tile of levels 0 to 8 once, level after level, and maps each id back to its tile', () => {
    let expected = 0;
    for (let z = 0; z <= 8; z++) {
      const ids = new Set<number>();
      const wrong: string[] = [];
      for (let x = 0; x < 2 ** z; x++)
        for (let y = 0; y < 2 ** z; y++) {
          const tileId = zxyToTileId(z, x, y);
          ids.add(tileId);
          const back = tileIdToZxy(tileId);
          if (back.z !== z || back.x !== x || back.y !== y) wrong.push(`${z}/${x}/${y}`);
        }
      expect(wrong).toEqual([]);
      expect(ids.size).toBe(4 ** z);
      expect(Math.min(...ids)).toBe(expected);
      expect(Math.max(...ids)).toBe(expected + 4 ** z - 1);
      expected += 4 ** z;
    }
  });

  it('walks a Hilbert curve: consecutive ids are neighbouring tiles', () => {
    for (let tileId = zxyToTileId(6, 0, 0); tileId < zxyToTileId(7, 0, 0) - 1; tileId++) {
      const a = tileIdToZxy(tileId);
      const b = tileIdToZxy(tileId + 1);
      expect(Math.abs(a.x - b.x) + Math.abs(a.y - b.y)).toBe(1);
    }
  });

  it('stays exact at the deepest supported level', () => {
    const last = 2 ** maxTileZoom - 1;
    for (const [x, y] of [
      [0, 0],
      [last, last],
      [last, 0],
      [12_345_678, 54_321_987],
    ] as const) {
      const tileId = zxyToTileId(maxTileZoom, x, y);
      expect(Number.isSafeInteger(tileId)).toBe(true);
      expect(tileIdToZxy(tileId)).toEqual({ z: maxTileZoom, x, y });
    }
  });

  it('refuses tiles outside their level and levels beyond the limit', () => {
    expect(() => zxyToTileId(3, 8, 0)).toThrow(RangeError);
    expect(() => zxyToTileId(3, 0, -1)).toThrow(RangeError);
    expect(() => zxyToTileId(2.5, 0, 0)).toThrow(RangeError);
    expect(() => zxyToTileId(maxTileZoom + 1, 0, 0)).toThrow(/zoom 27/);
    expect(() => tileIdToZxy(-1)).toThrow(RangeError);
    expect(() => tileIdToZxy(2 ** 60)).toThrow(RangeError);
  });
});
