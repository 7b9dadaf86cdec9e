import { describe, expect, it } from 'vitest';
import { checkLayout, layoutCells } from './grid';

describe('layoutCells', () => {
  it('lists a plain 3×3 grid as nine single cells in reading order', () => {
    const cells = layoutCells({ rows: 3, columns: 3, merges: [] });
    expect(cells).toHaveLength(9);
    expect(cells[4]).toEqual({ index: 4, row: 1, column: 1, rowSpan: 1, columnSpan: 1 });
  });

  it('turns a 2×2 merge in a 3×3 grid into one big cell plus five (the 1+5 layout)', () => {
    const cells = layoutCells({
      rows: 3,
      columns: 3,
      merges: [{ row: 0, column: 0, rowSpan: 2, columnSpan: 2 }],
    });
    expect(cells.map((cell) => [cell.row, cell.column])).toEqual([
      [0, 0],
      [0, 2],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 2],
    ]);
    expect(cells[0]).toMatchObject({ rowSpan: 2, columnSpan: 2 });
  });

  it('refuses merges that overlap or leave the grid, naming the merge', () => {
    expect(
      checkLayout({
        rows: 4,
        columns: 4,
        merges: [
          { row: 0, column: 0, rowSpan: 2, columnSpan: 2 },
          { row: 1, column: 1, rowSpan: 2, columnSpan: 2 },
        ],
      }),
    ).toBe('merges.1: overlaps merges.0');
    expect(
      checkLayout({ rows: 2, columns: 2, merges: [{ row: 1, column: 1, rowSpan: 2, columnSpan: 1 }] }),
    ).toMatch(/merges.0: the block leaves/);
    expect(() =>
      layoutCells({ rows: 2, columns: 2, merges: [{ row: 1, column: 0, rowSpan: 1, columnSpan: 3 }] }),
    ).toThrow(/invalid layout/);
  });
});
