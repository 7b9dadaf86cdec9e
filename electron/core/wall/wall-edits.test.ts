import { describe, expect, it } from 'vitest';
import { wallUndoDepth, type Scenario, type WallCommand, type WallState } from '@shared/model/wall';
import { layoutPreset } from '@shared/layout/presets';
import { relayoutCells } from '@shared/layout/relayout';
import { applyWallCommand, initialWallState, type WallContext } from './wall-reducer';
import { wallStateHash } from './state-hash';

const camera = (cameraId: string) => ({
  kind: 'video.camera' as const,
  options: { cameraId, profile: 'auto' as const },
});
const daily: Scenario = {
  version: 2,
  triggers: [],
  id: 'daily',
  name: { zh: '日常', en: 'Daily' },
  mode: 'normal',
  displays: {
    left: { layout: layoutPreset('4'), cells: ['cam-1', 'cam-2', 'cam-3', 'cam-4'].map(camera) },
    right: { layout: layoutPreset('1'), cells: [{ kind: 'clock', options: { showDate: true } }] },
  },
};
const flood: Scenario = {
  ...daily,
  id: 'flood',
  name: { zh: '防汛防台', en: 'Flood' },
  displays: { ...daily.displays, left: { layout: layoutPreset('1'), cells: [camera('cam-9')] } },
};
const cameraIds = ['cam-1', 'cam-2', 'cam-3', 'cam-4', 'cam-9'];
const context: WallContext = {
  scenarios: new Map([
    ['daily', daily],
    ['flood', flood],
  ]),
  displayIds: ['left', 'right'],
  hasCamera: (id) => cameraIds.includes(id),
  now: 1_000,
};
const apply = (state: WallState, ...commands: WallCommand[]) =>
  commands.reduce((current, command) => applyWallCommand(current, command, context), state);
const shown = (state: WallState, displayId: string) =>
  state.displays[displayId]!.cells.map((cell) =>
    cell.kind === 'video.camera' ? cell.options.cameraId : cell.kind,
  );

describe('wall edits: split change', () => {
  it('4 → 9 keeps the four tiles in their cells and adds five empty ones', () => {
    const state = apply(initialWallState(daily, 0), {
      type: 'display.setLayout',
      displayId: 'left',
      layout: layoutPreset('9'),
    });
    expect(state.displays.left!.layout).toEqual(layoutPreset('9'));
    expect(shown(state, 'left')).toEqual(['cam-1', 'cam-2', 'cam-3', 'cam-4', ...Array(5).fill('empty')]);
  });

  it('4 → 1 keeps what fits and the relayout says which tiles it dropped', () => {
    const start = initialWallState(daily, 0);
    const state = apply(start, { type: 'display.setLayout', displayId: 'left', layout: layoutPreset('1') });
    expect(shown(state, 'left')).toEqual(['cam-1']);
    // The console asks before sending: the same pure function names what would go.
    expect(relayoutCells(start.displays.left!.cells, 1).dropped).toEqual([1, 2, 3]);
  });

  it('moves a kept cell’s runtime state with it and forgets a dropped one’s; restores a maximised cell', () => {
    const state = apply(
      initialWallState(daily, 0),
      { type: 'cell.setState', displayId: 'left', cellIndex: 0, state: { zoom: 3 } },
      { type: 'cell.setState', displayId: 'left', cellIndex: 3, state: { zoom: 5 } },
      { type: 'cell.maximize', displayId: 'left', cellIndex: 0 },
      { type: 'display.setLayout', displayId: 'left', layout: layoutPreset('1') },
    );
    expect(state.cellState).toEqual({ 'left/0': { zoom: 3 } });
    expect(state.maximized).toEqual({});
  });

  it('accepts a custom split and refuses one whose merges overlap, naming the display', () => {
    const custom = { rows: 2, columns: 3, merges: [{ row: 0, column: 0, rowSpan: 2, columnSpan: 2 }] };
    const state = apply(initialWallState(daily, 0), {
      type: 'display.setLayout',
      displayId: 'left',
      layout: custom,
    });
    expect(shown(state, 'left')).toEqual(['cam-1', 'cam-2', 'cam-3']);
    const overlapping = {
      rows: 2,
      columns: 2,
      merges: [
        { row: 0, column: 0, rowSpan: 2, columnSpan: 1 },
        { row: 0, column: 0, rowSpan: 1, columnSpan: 2 },
      ],
    };
    expect(() => apply(state, { type: 'display.setLayout', displayId: 'left', layout: overlapping })).toThrow(
      /display 'left'.*overlaps/,
    );
    expect(() =>
      apply(state, { type: 'display.setLayout', displayId: 'constructor', layout: custom }),
    ).toThrow(/unknown display 'constructor'/);
  });
});

describe('wall edits: move, swap, clear', () => {
  it('swaps two tiles of one display, their runtime state with them', () => {
    const state = apply(
      initialWallState(daily, 0),
      { type: 'cell.setState', displayId: 'left', cellIndex: 0, state: { zoom: 3 } },
      { type: 'cell.move', displayId: 'left', cellIndex: 0, toDisplayId: 'left', toCellIndex: 3 },
    );
    expect(shown(state, 'left')).toEqual(['cam-4', 'cam-2', 'cam-3', 'cam-1']);
    expect(state.cellState).toEqual({ 'left/3': { zoom: 3 } });
  });

  it('moves a tile to another display: the two cells trade places', () => {
    const state = apply(initialWallState(daily, 0), {
      type: 'cell.move',
      displayId: 'left',
      cellIndex: 1,
      toDisplayId: 'right',
      toCellIndex: 0,
    });
    expect(shown(state, 'right')).toEqual(['cam-2']);
    expect(shown(state, 'left')).toEqual(['cam-1', 'clock', 'cam-3', 'cam-4']);
  });

  it('moving onto an empty cell leaves the source empty; a move onto itself changes nothing', () => {
    let state = apply(
      initialWallState(daily, 0),
      { type: 'cell.clear', displayId: 'left', cellIndex: 2 },
      { type: 'cell.move', displayId: 'left', cellIndex: 0, toDisplayId: 'left', toCellIndex: 2 },
    );
    expect(shown(state, 'left')).toEqual(['empty', 'cam-2', 'cam-1', 'cam-4']);
    const before = state;
    state = apply(state, {
      type: 'cell.move',
      displayId: 'left',
      cellIndex: 1,
      toDisplayId: 'left',
      toCellIndex: 1,
    });
    expect(state).toBe(before);
  });

  it('refuses a move to a cell the display does not have', () => {
    expect(() =>
      apply(initialWallState(daily, 0), {
        type: 'cell.move',
        displayId: 'left',
        cellIndex: 0,
        toDisplayId: 'right',
        toCellIndex: 1,
      }),
    ).toThrow("display 'right' has 1 cells, not 2");
  });

  it('clears a cell and forgets its runtime state', () => {
    const state = apply(
      initialWallState(daily, 0),
      { type: 'cell.setState', displayId: 'left', cellIndex: 1, state: { zoom: 3 } },
      { type: 'cell.clear', displayId: 'left', cellIndex: 1 },
    );
    expect(shown(state, 'left')).toEqual(['cam-1', 'empty', 'cam-3', 'cam-4']);
    expect(state.cellState).toEqual({});
  });
});

describe('wall edits: 撤销 and 返回', () => {
  it('撤销 undoes the edits one by one, back to the same state hash, then says there is nothing to undo', () => {
    const start = initialWallState(daily, 0);
    const hashes = [wallStateHash(start)];
    let state = start;
    for (const command of [
      { type: 'display.setLayout', displayId: 'left', layout: layoutPreset('9') },
      { type: 'cell.move', displayId: 'left', cellIndex: 0, toDisplayId: 'left', toCellIndex: 8 },
      { type: 'cell.clear', displayId: 'left', cellIndex: 1 },
    ] satisfies WallCommand[]) {
      state = apply(state, command);
      hashes.push(wallStateHash(state));
    }
    for (let step = hashes.length - 2; step >= 0; step--) {
      state = apply(state, { type: 'wall.undo' });
      expect(wallStateHash(state)).toBe(hashes[step]);
    }
    expect(shown(state, 'left')).toEqual(['cam-1', 'cam-2', 'cam-3', 'cam-4']);
    expect(() => apply(state, { type: 'wall.undo' })).toThrow('there is no live edit to undo');
  });

  it('maximising and widget state are not edits: 撤销 skips over them to the last edit', () => {
    let state = apply(initialWallState(daily, 0), { type: 'cell.clear', displayId: 'left', cellIndex: 3 });
    state = apply(state, { type: 'cell.maximize', displayId: 'left', cellIndex: 0 });
    expect(state.undo).toHaveLength(1);
    state = apply(state, { type: 'wall.undo' });
    expect(shown(state, 'left')).toEqual(['cam-1', 'cam-2', 'cam-3', 'cam-4']);
  });

  it(`keeps the last ${wallUndoDepth} edits`, () => {
    let state = initialWallState(daily, 0);
    for (let index = 0; index < wallUndoDepth + 3; index++)
      state = apply(state, {
        type: 'cell.move',
        displayId: 'left',
        cellIndex: 0,
        toDisplayId: 'left',
        toCellIndex: 1,
      });
    expect(state.undo).toHaveLength(wallUndoDepth);
  });

  it('返回 after any number of live edits gives exactly the wall before the switch (same state hash)', () => {
    const beforeSwitch = apply(initialWallState(daily, 0), {
      type: 'cell.move',
      displayId: 'left',
      cellIndex: 0,
      toDisplayId: 'left',
      toCellIndex: 1,
    });
    let state = apply(beforeSwitch, { type: 'scenario.activate', scenarioId: 'flood' });
    expect(state.undo).toBeUndefined();
    state = apply(
      state,
      { type: 'display.setLayout', displayId: 'left', layout: layoutPreset('9') },
      { type: 'cell.move', displayId: 'left', cellIndex: 0, toDisplayId: 'right', toCellIndex: 0 },
      { type: 'cell.clear', displayId: 'right', cellIndex: 0 },
      { type: 'wall.undo' },
      { type: 'display.setLayout', displayId: 'right', layout: layoutPreset('1+5') },
    );
    state = apply(state, { type: 'scenario.return' });
    expect(wallStateHash(state)).toBe(wallStateHash(beforeSwitch));
    expect(shown(state, 'left')).toEqual(['cam-2', 'cam-1', 'cam-3', 'cam-4']);
    // The flood wall's edits cannot be undone onto the daily wall.
    expect(() => apply(state, { type: 'wall.undo' })).toThrow('there is no live edit to undo');
  });
});
