import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Layout, PanelGrid, Rect } from '../model/wall';
import { bezelBands, bezelsWithin, cellRects, crossedBezels } from './cell-rects';
import { layoutCells } from './grid';
import { layoutPreset, layoutPresetNames } from './presets';

const fullHd = { width: 1920, height: 1080 };

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('cellRects without panels', () => {
  it('splits a 2×2 grid into four equal quarters with the gap between them', () => {
    const rects = cellRects({ rows: 2, columns: 2, merges: [] }, fullHd, { gap: 4 }).map((cell) => cell.rect);
    expect(rects).toEqual([
      { x: 0, y: 0, width: 958, height: 538 },
      { x: 962, y: 0, width: 958, height: 538 },
      { x: 0, y: 542, width: 958, height: 538 },
      { x: 962, y: 542, width: 958, height: 538 },
    ]);
  });

  it('gives a merged block the area of the cells it covers (1+5: the big cell is 2×2 of 3×3)', () => {
    const [big, ...small] = cellRects(layoutPreset('1+5'), { width: 1800, height: 900 });
    expect(big!.rect).toEqual({ x: 0, y: 0, width: 1200, height: 600 });
    expect(small.map((cell) => cell.rect)).toEqual([
      { x: 1200, y: 0, width: 600, height: 300 },
      { x: 1200, y: 300, width: 600, height: 300 },
      { x: 0, y: 600, width: 600, height: 300 },
      { x: 600, y: 600, width: 600, height: 300 },
      { x: 1200, y: 600, width: 600, height: 300 },
    ]);
  });

  it('places cells inside the area it is given (below the status strip)', () => {
    const rects = cellRects({ rows: 1, columns: 2, merges: [] }, fullHd, {
      area: { x: 0, y: 40, width: 1920, height: 1040 },
    });
    expect(rects.map((cell) => cell.rect)).toEqual([
      { x: 0, y: 40, width: 960, height: 1040 },
      { x: 960, y: 40, width: 960, height: 1040 },
    ]);
  });
});

describe('cellRects with physical panels (bezel snapping)', () => {
  // A 2×2 video wall of 1920×1080 panels on one 3840×2160 output, 20 px hidden behind each bezel.
  const output = { width: 3840 + 20, height: 2160 + 20 };
  const panels: PanelGrid = { rows: 2, columns: 2, bezel: { horizontal: 20, vertical: 20 } };

  it('finds the bezel bands between equal panels', () => {
    expect(bezelBands(3860, 2, 20)).toEqual([{ start: 1920, end: 1940 }]);
    expect(bezelBands(1000, 3, 50)).toEqual([
      { start: 300, end: 350 },
      { start: 650, end: 700 },
    ]);
  });

  it('a 3×3 layout on 2×2 panels bends its middle edges onto the bezels: no tile crosses one', () => {
    const rects = cellRects({ rows: 3, columns: 3, merges: [] }, output, { panels });
    for (const cell of rects) expect(crossedBezels(cell.rect, output, panels), `cell ${cell.index}`).toBe(0);
    // A naive 3×3 grid would put the centre tile right across both bezels.
    const naive = { x: 1287, y: 727, width: 1287, height: 727 };
    expect(crossedBezels(naive, output, panels)).toBe(2);
    // Cells on each side of a bezel end and begin exactly at the band.
    expect(rects[0]!.rect.x + rects[0]!.rect.width).toBeLessThanOrEqual(1920);
    expect(rects.some((cell) => cell.rect.x === 1940)).toBe(true);
  });

  it('a 4×4 layout on 2×2 panels puts two columns on each panel, split evenly', () => {
    const rects = cellRects({ rows: 4, columns: 4, merges: [] }, output, { panels });
    expect(rects.slice(0, 4).map((cell) => [cell.rect.x, cell.rect.width])).toEqual([
      [0, 960],
      [960, 960],
      [1940, 960],
      [2900, 960],
    ]);
  });

  it('a merged block across panels crosses the bezel, because the layout asks for it', () => {
    const layout: Layout = {
      rows: 4,
      columns: 4,
      merges: [{ row: 1, column: 1, rowSpan: 2, columnSpan: 2 }],
    };
    const rects = cellRects(layout, output, { panels });
    const centre = rects.find((cell) => cell.rowSpan === 2)!;
    expect(crossedBezels(centre.rect, output, panels)).toBe(2);
    expect(rects.filter((cell) => crossedBezels(cell.rect, output, panels) > 0)).toHaveLength(1);
  });

  it("tiles laid out inside a merged cell with the cell's bezels (a patrol block) keep off them", () => {
    const layout: Layout = {
      rows: 4,
      columns: 4,
      merges: [{ row: 1, column: 1, rowSpan: 2, columnSpan: 2 }],
    };
    const centre = cellRects(layout, output, { panels }).find((cell) => cell.rowSpan === 2)!.rect;
    // The cell's content starts inside its 1 px border.
    const inset = 1;
    const content = { width: centre.width - 2 * inset, height: centre.height - 2 * inset };
    const bezels = bezelsWithin(centre, output, panels, inset);
    expect([bezels.columns.length, bezels.rows.length]).toEqual([1, 1]);
    const onDisplay = (rect: Rect): Rect => ({
      ...rect,
      x: rect.x + centre.x + inset,
      y: rect.y + centre.y + inset,
    });
    const crossing = (block: { rows: number; columns: number }, withBezels: boolean) =>
      cellRects({ ...block, merges: [] }, content, { gap: 4, ...(withBezels ? { bezels } : {}) }).filter(
        (tile) => crossedBezels(onDisplay(tile.rect), output, panels) > 0,
      ).length;
    for (const block of [
      { rows: 2, columns: 2 },
      { rows: 3, columns: 3 },
      { rows: 2, columns: 3 },
      { rows: 4, columns: 4 },
    ])
      expect(crossing(block, true), JSON.stringify(block)).toBe(0);
    // Laid out as if the cell were one seamless screen, the middle tiles of a 3×3 block sit on the bezels.
    expect(crossing({ rows: 3, columns: 3 }, false)).toBeGreaterThan(0);
  });

  it('one cell over four panels (layout 1) is the only way to cross bezels with a single cell', () => {
    const [only] = cellRects(layoutPreset('1'), output, { panels });
    expect(only!.rect).toEqual({ x: 0, y: 0, width: 3860, height: 2180 });
  });

  it('snaps to the panel rows the status strip leaves inside the area', () => {
    const area = { x: 0, y: 40, width: output.width, height: output.height - 40 };
    const rects = cellRects({ rows: 2, columns: 2, merges: [] }, output, { panels, area });
    expect(rects[0]!.rect).toEqual({ x: 0, y: 40, width: 1920, height: 1040 });
    expect(rects[2]!.rect.y).toBe(1100);
  });

  it('never lets a single cell cross a bezel when the layout has at least as many rows and columns as panels', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 8 }),
        (panelRows, panelColumns, extraRows, extraColumns, bezel, gap) => {
          const grid: PanelGrid = {
            rows: panelRows,
            columns: panelColumns,
            bezel: { horizontal: bezel, vertical: bezel },
          };
          const size = {
            width: panelColumns * 1920 + (panelColumns - 1) * bezel,
            height: panelRows * 1080 + (panelRows - 1) * bezel,
          };
          const layout: Layout = {
            rows: panelRows + extraRows,
            columns: panelColumns + extraColumns,
            merges: [],
          };
          const rects = cellRects(layout, size, { panels: grid, gap });
          expect(rects).toHaveLength(layout.rows * layout.columns);
          for (const cell of rects) {
            expect(crossedBezels(cell.rect, size, grid)).toBe(0);
            expect(cell.rect.x).toBeGreaterThanOrEqual(0);
            expect(cell.rect.y).toBeGreaterThanOrEqual(0);
            expect(cell.rect.x + cell.rect.width).toBeLessThanOrEqual(size.width);
            expect(cell.rect.y + cell.rect.height).toBeLessThanOrEqual(size.height);
          }
          for (let first = 0; first < rects.length; first++) {
            for (let second = first + 1; second < rects.length; second++) {
              expect(overlaps(rects[first]!.rect, rects[second]!.rect)).toBe(false);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('layout presets', () => {
  it('have the cell counts their names promise', () => {
    const counts = Object.fromEntries(
      layoutPresetNames.map((name) => [name, layoutCells(layoutPreset(name)).length]),
    );
    expect(counts).toEqual({
      '1': 1,
      '4': 4,
      '9': 9,
      '16': 16,
      '25': 25,
      '36': 36,
      '64': 64,
      '1+5': 6,
      '1+7': 8,
      '2+8': 10,
      '1+12': 13,
      '2x2-in-4x4': 13,
    });
  });

  it('tile the display without overlap or holes', () => {
    for (const name of layoutPresetNames) {
      const rects = cellRects(layoutPreset(name), { width: 1920, height: 1080 });
      const area = rects.reduce((sum, cell) => sum + cell.rect.width * cell.rect.height, 0);
      expect(area, name).toBe(1920 * 1080);
      for (let first = 0; first < rects.length; first++) {
        for (let second = first + 1; second < rects.length; second++) {
          expect(overlaps(rects[first]!.rect, rects[second]!.rect), `${name} ${first}/${second}`).toBe(false);
        }
      }
    }
  });
});
