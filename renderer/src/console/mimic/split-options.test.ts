import { describe, expect, it } from 'vitest';
import { layoutPreset } from '@shared/layout/presets';
import { customSplit, splitNameOf, splitNames } from './split-options';
import { parseCellDrag, cellDragData } from './cell-drag';

describe('split options', () => {
  it('offers 1, 4, 9, 16, 25, 36, 64, 1+5, 1+7, 2+8 and names a layout by its preset', () => {
    expect(splitNames).toEqual(
      expect.arrayContaining(['1', '4', '9', '16', '25', '36', '64', '1+5', '1+7', '2+8']),
    );
    expect(splitNameOf(layoutPreset('1+5'))).toBe('1+5');
    expect(splitNameOf({ rows: 2, columns: 3, merges: [] })).toBe('custom');
  });

  it('a custom split keeps rows and columns within 1–8', () => {
    expect(customSplit(3, 5)).toEqual({ rows: 3, columns: 5, merges: [] });
    expect(customSplit(0, 99)).toEqual({ rows: 1, columns: 8, merges: [] });
  });
});

describe('cell drag payload', () => {
  it('round-trips a cell and refuses what is not one', () => {
    expect(parseCellDrag(cellDragData({ displayId: 'left', cellIndex: 3 }))).toEqual({
      displayId: 'left',
      cellIndex: 3,
    });
    expect(parseCellDrag('cam-0001')).toBeNull();
    expect(parseCellDrag('{"displayId":"left","cellIndex":"3"}')).toBeNull();
  });
});
