import { describe, expect, it } from 'vitest';
import type { Scenario, WallState } from '@shared/model/wall';
import { initialWallState, snapshotOf } from './wall-reducer';
import { wallStateHash } from './state-hash';

const scenario = (id: string, cameraId: string): Scenario => ({
  version: 2,
  triggers: [],
  id,
  name: { zh: id, en: id },
  mode: 'normal',
  displays: {
    left: {
      layout: { rows: 1, columns: 1, merges: [] },
      cells: [{ kind: 'video.camera', options: { cameraId, profile: 'auto' } }],
    },
  },
});
const daily = initialWallState(scenario('daily', 'cam-1'), 0);
const crowd = snapshotOf(initialWallState(scenario('large-crowd', 'cam-2'), 0));
const flood = snapshotOf(initialWallState(scenario('flood', 'cam-3'), 0));
const withHistory = (history: WallState['history']): WallState => ({ ...daily, history });

describe('wall state hash', () => {
  it('covers the 返回 history: the same wall with another history, or none, hashes differently', () => {
    const hashes = new Set([
      wallStateHash(withHistory([])),
      wallStateHash(withHistory([crowd])),
      wallStateHash(withHistory([flood])),
      wallStateHash(withHistory([crowd, flood])),
      wallStateHash(withHistory([flood, crowd])),
      wallStateHash(withHistory([crowd, crowd])),
    ]);
    expect(hashes.size).toBe(6);
  });

  it('covers what an entry holds beyond its scenario (a maximised cell, a map view)', () => {
    const plain = wallStateHash(withHistory([crowd]));
    expect(wallStateHash(withHistory([{ ...crowd, maximized: { left: 0 } }]))).not.toBe(plain);
    expect(wallStateHash(withHistory([{ ...crowd, cellState: { 'left/0': { zoom: 14 } } }]))).not.toBe(plain);
  });

  it('ignores version, time and key order, which are not what the wall shows', () => {
    const state = withHistory([crowd, flood]);
    const reordered = JSON.parse(
      JSON.stringify(state, (_key, value: unknown) =>
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value,
      ),
    ) as WallState;
    expect(wallStateHash({ ...reordered, version: 99, changedAt: 12_345 })).toBe(wallStateHash(state));
  });
});
