import { describe, expect, it } from 'vitest';
import type { WidgetConfig } from '../model/widget';
import { relayoutCells } from './relayout';
import { layoutCells } from './grid';
import { layoutPreset, layoutPresetNames } from './presets';

const camera = (cameraId: string): WidgetConfig => ({
  kind: 'video.camera',
  options: { cameraId, profile: 'auto' },
});
const empty: WidgetConfig = { kind: 'empty', options: {} };
const ids = (cells: readonly WidgetConfig[]) =>
  cells.map((cell) => (cell.kind === 'video.camera' ? cell.options.cameraId : '-'));

describe('relayoutCells', () => {
  it('4 → 9 keeps the four tiles in their cells and adds five empty ones', () => {
    const result = relayoutCells(['a', 'b', 'c', 'd'].map(camera), 9);
    expect(ids(result.cells)).toEqual(['a', 'b', 'c', 'd', '-', '-', '-', '-', '-']);
    expect(result.dropped).toEqual([]);
    expect([...result.moves]).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('9 → 4 keeps the first four and says which five it dropped', () => {
    const result = relayoutCells(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map(camera), 4);
    expect(ids(result.cells)).toEqual(['a', 'b', 'c', 'd']);
    expect(result.dropped).toEqual([4, 5, 6, 7, 8]);
  });

  it('a shrinking split fills its empty cells with tiles from beyond its end before dropping any', () => {
    const result = relayoutCells([camera('a'), empty, camera('c'), empty, camera('e'), camera('f')], 4);
    expect(ids(result.cells)).toEqual(['a', 'e', 'c', 'f']);
    expect(result.dropped).toEqual([]);
    expect(result.moves.get(4)).toBe(1);
    expect(result.moves.get(5)).toBe(3);
  });

  it('empty cells that do not fit are not counted as dropped', () => {
    const result = relayoutCells([camera('a'), empty, empty, empty], 1);
    expect(ids(result.cells)).toEqual(['a']);
    expect(result.dropped).toEqual([]);
  });
});

describe('layout presets', () => {
  it.each([
    ['1', 1],
    ['4', 4],
    ['9', 9],
    ['16', 16],
    ['25', 25],
    ['36', 36],
    ['64', 64],
    ['1+5', 6],
    ['1+7', 8],
    ['2+8', 10],
    ['1+12', 13],
  ] as const)('split %s has %i cells', (name, count) => {
    expect(layoutCells(layoutPreset(name)).length).toBe(count);
  });

  it('every preset the console offers is a valid layout', () => {
    for (const name of layoutPresetNames) expect(() => layoutCells(layoutPreset(name))).not.toThrow();
  });
});
