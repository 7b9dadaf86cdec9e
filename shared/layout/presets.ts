// The layouts a command room asks for by name: square grids (1 … 64) and the usual merged ones (1+5, 1+7 …).
import type { Layout } from '../model/wall';

/** Names of the preset layouts, in the order the console offers them. */
export const layoutPresetNames = [
  '1',
  '4',
  '9',
  '16',
  '25',
  '36',
  '64',
  '1+5',
  '1+7',
  '2+8',
  '1+12',
  '2x2-in-4x4',
] as const;
export type LayoutPresetName = (typeof layoutPresetNames)[number];

function square(side: number): Layout {
  return { rows: side, columns: side, merges: [] };
}

/** The layout of a preset: `cells` counts the cells (1+5 has six). */
export function layoutPreset(name: LayoutPresetName): Layout {
  switch (name) {
    case '1':
      return square(1);
    case '4':
      return square(2);
    case '9':
      return square(3);
    case '16':
      return square(4);
    case '25':
      return square(5);
    case '36':
      return square(6);
    case '64':
      return square(8);
    // One big cell top-left over 2×2 of a 3×3 grid, five small ones around it.
    case '1+5':
      return { rows: 3, columns: 3, merges: [{ row: 0, column: 0, rowSpan: 2, columnSpan: 2 }] };
    // One big cell over 3×3 of a 4×4 grid, seven small ones along the right and bottom.
    case '1+7':
      return { rows: 4, columns: 4, merges: [{ row: 0, column: 0, rowSpan: 3, columnSpan: 3 }] };
    // Two big cells side by side over the top half of a 4×4 grid, eight small ones below.
    case '2+8':
      return {
        rows: 4,
        columns: 4,
        merges: [
          { row: 0, column: 0, rowSpan: 2, columnSpan: 2 },
          { row: 0, column: 2, rowSpan: 2, columnSpan: 2 },
        ],
      };
    // A big cell in the middle of a 4×4 grid, twelve around it.
    case '1+12':
      return { rows: 4, columns: 4, merges: [{ row: 1, column: 1, rowSpan: 2, columnSpan: 2 }] };
    // A 2×2 block top-left of a 4×4 grid, the other twelve cells single.
    case '2x2-in-4x4':
      return { rows: 4, columns: 4, merges: [{ row: 0, column: 0, rowSpan: 2, columnSpan: 2 }] };
  }
}
