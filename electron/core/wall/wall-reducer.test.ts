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

  it('keeps patrol positions across a switch and 返回 restores them (the snapshot copy is generic)', () => {
    const state = {
      ...initialWallState(daily, 0),
      patrols: { 'left/1': { step: 3, since: 0, isPaused: true } },
    };
    const switched = applyWallCommand(state, { type: 'scenario.activate', scenarioId: 'flood' }, context);
    expect(switched.previous).toMatchObject({ patrols: { 'left/1': { step: 3, since: 0, isPaused: true } } });
    const back = applyWallCommand(switched, { type: 'scenario.return' }, context);
    expect(back).toMatchObject({ patrols: { 'left/1': { step: 3, since: 0, isPaused: true } } });
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

describe('wall reducer: patrols (轮巡)', () => {
  const patrolWidget = {
    kind: 'video.patrol' as const,
    options: { cameraIds: ['cam-1', 'cam-2', 'cam-3'], dwellSeconds: 10, profile: 'auto' as const },
  };
  const withPatrol = () =>
    applyWallCommand(
      initialWallState(daily, 0),
      { type: 'cell.assign', displayId: 'left', cellIndex: 0, widget: patrolWidget },
      context,
    );
  const at = (now: number) => ({ ...context, now });

  it('pause holds the camera shown at that moment; resume counts the dwell from then; advance skips one', () => {
    let state = withPatrol();
    // At 25 s a running patrol of 10 s dwell shows step 2.
    state = applyWallCommand(state, { type: 'patrol.pause', displayId: 'left', cellIndex: 0 }, at(25_000));
    expect(state.patrols?.['left/0']).toEqual({ step: 2, since: 25_000, isPaused: true });
    state = applyWallCommand(state, { type: 'patrol.advance', displayId: 'left', cellIndex: 0 }, at(90_000));
    expect(state.patrols?.['left/0']).toEqual({ step: 3, since: 90_000, isPaused: true });
    state = applyWallCommand(state, { type: 'patrol.resume', displayId: 'left', cellIndex: 0 }, at(95_000));
    expect(state.patrols?.['left/0']).toEqual({ step: 3, since: 95_000, isPaused: false });
    state = applyWallCommand(state, { type: 'patrol.advance', displayId: 'left', cellIndex: 0 }, at(106_000));
    expect(state.patrols?.['left/0']).toEqual({ step: 5, since: 106_000, isPaused: false });
  });

  it('rejects patrol commands for a cell that is not a patrol, and unknown cameras in a patrol', () => {
    const state = initialWallState(daily, 0);
    expect(() =>
      applyWallCommand(state, { type: 'patrol.pause', displayId: 'left', cellIndex: 0 }, context),
    ).toThrow(/not a patrol/);
    expect(() =>
      applyWallCommand(
        state,
        {
          type: 'cell.assign',
          displayId: 'left',
          cellIndex: 0,
          widget: { ...patrolWidget, options: { ...patrolWidget.options, cameraIds: ['cam-404'] } },
        },
        context,
      ),
    ).toThrow(/unknown camera 'cam-404'/);
  });

  it('a new widget in the cell or a scenario switch forgets the patrol position', () => {
    let state = withPatrol();
    state = applyWallCommand(state, { type: 'patrol.pause', displayId: 'left', cellIndex: 0 }, context);
    state = applyWallCommand(
      state,
      { type: 'cell.assign', displayId: 'left', cellIndex: 0, widget: patrolWidget },
      context,
    );
    expect(state.patrols?.['left/0']).toBeUndefined();
    state = applyWallCommand(state, { type: 'patrol.pause', displayId: 'left', cellIndex: 0 }, context);
    state = applyWallCommand(state, { type: 'scenario.activate', scenarioId: 'flood' }, context);
    expect(state.patrols).toBeUndefined();
  });
});
