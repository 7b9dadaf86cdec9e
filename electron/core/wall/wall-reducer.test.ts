import { describe, expect, it } from 'vitest';
import type { Scenario } from '@shared/model/wall';
import { applyWallCommand, initialWallState, snapshotOf, type WallContext } from './wall-reducer';

const grid = (cameraIds: string[]) => ({
  layout: { rows: 1, columns: cameraIds.length, merges: [] },
  cells: cameraIds.map((cameraId) => ({
    kind: 'video.camera' as const,
    options: { cameraId, profile: 'auto' as const },
  })),
});
const daily: Scenario = {
  version: 2,
  triggers: [],
  id: 'daily',
  name: { zh: '日常', en: 'Daily' },
  mode: 'normal',
  displays: { left: grid(['cam-1', 'cam-2']) },
};
const flood: Scenario = {
  version: 2,
  triggers: [],
  id: 'flood',
  name: { zh: '防汛防台', en: 'Flood' },
  mode: 'emergency',
  displays: { left: grid(['cam-3']) },
};
const context: WallContext = {
  scenarios: new Map([
    ['daily', daily],
    ['flood', flood],
  ]),
  displayIds: ['left'],
  hasCamera: (id) => ['cam-1', 'cam-2', 'cam-3', 'cam-9'].includes(id),
  now: 1_000,
};

describe('wall reducer', () => {
  it('switches scenario and 返回 restores the exact previous wall, operator changes included', () => {
    let state = initialWallState(daily, 0);
    state = applyWallCommand(
      state,
      {
        type: 'cell.assign',
        displayId: 'left',
        cellIndex: 1,
        widget: { kind: 'video.camera', options: { cameraId: 'cam-9', profile: 'auto' } },
      },
      context,
    );
    const beforeSwitch = structuredClone(state.displays);

    state = applyWallCommand(state, { type: 'scenario.activate', scenarioId: 'flood' }, context);
    expect(state.scenarioId).toBe('flood');
    expect(state.displays.left!.cells).toHaveLength(1);

    state = applyWallCommand(state, { type: 'scenario.return' }, context);
    expect(state.scenarioId).toBe('daily');
    expect(state.displays).toEqual(beforeSwitch);
    expect(state.previous).toBeNull();
    expect(state.version).toBe(4);
  });

  it('返回 restores maximised cells and widget runtime state (patrol positions, map views) too', () => {
    let state = initialWallState(daily, 0);
    const mapView = { center: [121.49, 31.24], zoom: 15.5 };
    const patrol = { position: 7, startedAt: 123 };
    state = applyWallCommand(state, { type: 'cell.maximize', displayId: 'left', cellIndex: 1 }, context);
    state = applyWallCommand(
      state,
      { type: 'cell.setState', displayId: 'left', cellIndex: 0, state: mapView },
      context,
    );
    state = applyWallCommand(
      state,
      { type: 'cell.setState', displayId: 'left', cellIndex: 1, state: patrol },
      context,
    );
    const before = snapshotOf(state);

    state = applyWallCommand(state, { type: 'scenario.activate', scenarioId: 'flood' }, context);
    expect(state.maximized).toEqual({});
    expect(state.cellState).toEqual({});
    state = applyWallCommand(state, { type: 'scenario.return' }, context);
    expect(snapshotOf(state)).toEqual(before);
    expect(state.cellState['left/0']).toEqual(mapView);
    expect(state.maximized).toEqual({ left: 1 });
  });

  it('keeps any field a later snapshot schema adds across a switch and 返回 (the copy is generic)', () => {
    const state = { ...initialWallState(daily, 0), patrols: { 'left/1': { group: 'night', index: 3 } } };
    const switched = applyWallCommand(state, { type: 'scenario.activate', scenarioId: 'flood' }, context);
    expect(switched.previous).toMatchObject({ patrols: { 'left/1': { group: 'night', index: 3 } } });
    const back = applyWallCommand(switched, { type: 'scenario.return' }, context);
    expect(back).toMatchObject({ patrols: { 'left/1': { group: 'night', index: 3 } } });
  });

  it('maximises and restores one cell per display, and forgets a cell state when the cell changes', () => {
    let state = initialWallState(daily, 0);
    state = applyWallCommand(state, { type: 'cell.maximize', displayId: 'left', cellIndex: 0 }, context);
    expect(state.maximized).toEqual({ left: 0 });
    state = applyWallCommand(state, { type: 'cell.restore', displayId: 'left' }, context);
    expect(state.maximized).toEqual({});
    expect(() =>
      applyWallCommand(state, { type: 'cell.maximize', displayId: 'left', cellIndex: 5 }, context),
    ).toThrow(/has 2 cells, not 6/);
    state = applyWallCommand(
      state,
      { type: 'cell.setState', displayId: 'left', cellIndex: 1, state: { position: 2 } },
      context,
    );
    state = applyWallCommand(
      state,
      {
        type: 'cell.assign',
        displayId: 'left',
        cellIndex: 1,
        widget: { kind: 'video.camera', options: { cameraId: 'cam-9', profile: 'auto' } },
      },
      context,
    );
    expect(state.cellState).toEqual({});
    expect(() =>
      applyWallCommand(
        state,
        { type: 'cell.setState', displayId: 'left', cellIndex: 0, state: { blob: 'x'.repeat(5000) } },
        context,
      ),
    ).toThrow(/over 4096/);
  });

  it('never lets an operator change leak into the scenario preset', () => {
    let state = initialWallState(daily, 0);
    state = applyWallCommand(
      state,
      {
        type: 'cell.assign',
        displayId: 'left',
        cellIndex: 0,
        widget: { kind: 'clock', options: { showDate: true } },
      },
      context,
    );
    expect(daily.displays.left!.cells[0]!.kind).toBe('video.camera');
    expect(state.displays.left!.cells[0]!.kind).toBe('clock');
  });

  it('rejects unknown scenarios, displays, cells and cameras, and 返回 with nothing to return to', () => {
    const state = initialWallState(daily, 0);
    expect(() => applyWallCommand(state, { type: 'scenario.activate', scenarioId: 'fire' }, context)).toThrow(
      /unknown scenario 'fire'/,
    );
    expect(() => applyWallCommand(state, { type: 'scenario.return' }, context)).toThrow(/no previous wall/);
    const assign = (displayId: string, cellIndex: number, cameraId: string) =>
      applyWallCommand(
        state,
        {
          type: 'cell.assign',
          displayId,
          cellIndex,
          widget: { kind: 'video.camera', options: { cameraId, profile: 'auto' } },
        },
        context,
      );
    expect(() => assign('right', 0, 'cam-1')).toThrow(/unknown display 'right'/);
    expect(() => assign('left', 2, 'cam-1')).toThrow(/has 2 cells, not 3/);
    expect(() => assign('left', 0, 'cam-404')).toThrow(/unknown camera 'cam-404'/);
  });
});
