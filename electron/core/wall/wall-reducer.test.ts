import { describe, expect, it } from 'vitest';
import {
  wallHistoryDepth,
  type Scenario,
  type WallCommand,
  type WallSnapshot,
  type WallState,
} from '@shared/model/wall';
import { patrolPageCameras, patrolStep, runningPatrol } from '@shared/model/patrol';
import { applyWallCommand, initialWallState, snapshotOf, type WallContext } from './wall-reducer';
import { wallStateHash } from './state-hash';

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
const fire: Scenario = {
  version: 2,
  triggers: [],
  id: 'fire',
  name: { zh: '火灾', en: 'Fire' },
  mode: 'emergency',
  displays: { left: grid(['cam-2', 'cam-3', 'cam-9']) },
};
const context: WallContext = {
  scenarios: new Map([
    ['daily', daily],
    ['flood', flood],
    ['fire', fire],
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
    expect(state.history).toEqual([]);
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
    expect(switched.history.at(-1)).toMatchObject({
      patrols: { 'left/1': { step: 3, since: 0, isPaused: true } },
    });
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
    expect(() =>
      applyWallCommand(state, { type: 'scenario.activate', scenarioId: 'drill' }, context),
    ).toThrow(/unknown scenario 'drill'/);
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

describe('wall reducer: the 返回 history', () => {
  const activate = (state: WallState, scenarioId: string) =>
    applyWallCommand(state, { type: 'scenario.activate', scenarioId }, context);
  const back = (state: WallState) => applyWallCommand(state, { type: 'scenario.return' }, context);
  const assign = (state: WallState, cellIndex: number, cameraId: string) =>
    applyWallCommand(
      state,
      {
        type: 'cell.assign',
        displayId: 'left',
        cellIndex,
        widget: { kind: 'video.camera', options: { cameraId, profile: 'auto' } },
      },
      context,
    );

  it('日常 → 防汛防台 → 火灾 → 返回 → 返回 restores each wall exactly, operator changes included', () => {
    let state = assign(initialWallState(daily, 0), 1, 'cam-9');
    state = applyWallCommand(
      state,
      { type: 'cell.setState', displayId: 'left', cellIndex: 0, state: { zoom: 15 } },
      context,
    );
    const dailyWall = { snapshot: snapshotOf(state), hash: wallStateHash(state) };
    state = applyWallCommand(
      activate(state, 'flood'),
      { type: 'cell.maximize', displayId: 'left', cellIndex: 0 },
      context,
    );
    const floodWall = { snapshot: snapshotOf(state), hash: wallStateHash(state) };
    state = activate(state, 'fire');
    expect(state.history.map((entry) => entry.scenarioId)).toEqual(['daily', 'flood']);

    state = back(state);
    expect(snapshotOf(state)).toEqual(floodWall.snapshot);
    expect(wallStateHash(state)).toBe(floodWall.hash);
    expect(state.maximized).toEqual({ left: 0 });
    state = back(state);
    expect(snapshotOf(state)).toEqual(dailyWall.snapshot);
    expect(wallStateHash(state)).toBe(dailyWall.hash);
    expect(state.history).toEqual([]);
    expect(() => back(state)).toThrow(/no previous wall/);
  });

  it(`keeps the last ${wallHistoryDepth} switches: the oldest drops, and 返回 stops after that many`, () => {
    const order = ['flood', 'fire', 'daily'];
    let state = initialWallState(daily, 0);
    // Eleven switches, each from a wall marked by its own camera in cell 0, so every entry is distinct.
    const walls: WallSnapshot[] = [];
    for (let index = 0; index < wallHistoryDepth + 3; index++) {
      state = assign(state, 0, index % 2 === 0 ? 'cam-9' : 'cam-3');
      state = applyWallCommand(
        state,
        { type: 'cell.setState', displayId: 'left', cellIndex: 0, state: { switch: index } },
        context,
      );
      walls.push(snapshotOf(state));
      state = activate(state, order[index % order.length]!);
    }
    expect(state.history).toHaveLength(wallHistoryDepth);
    expect(state.history).toEqual(walls.slice(-wallHistoryDepth));
    for (let step = 1; step <= wallHistoryDepth; step++) {
      state = back(state);
      expect(snapshotOf(state)).toEqual(walls[walls.length - step]);
    }
    expect(state.history).toEqual([]);
    expect(() => back(state)).toThrow(/no previous wall/);
  });

  it('activating the scenario already shown, untouched, changes nothing and adds no 返回 entry', () => {
    let state = activate(initialWallState(daily, 0), 'fire');
    const again = activate(state, 'fire');
    expect(again).toBe(state);
    // Through a patrol that came and went the wall is still the untouched preset (an empty patrol map).
    state = applyWallCommand(
      state,
      {
        type: 'cell.assign',
        displayId: 'left',
        cellIndex: 0,
        widget: {
          kind: 'video.patrol',
          options: { cameraIds: ['cam-1', 'cam-2'], dwellSeconds: 10, profile: 'auto' },
        },
      },
      context,
    );
    state = applyWallCommand(state, { type: 'patrol.pause', displayId: 'left', cellIndex: 0 }, context);
    state = assign(state, 0, 'cam-2');
    expect(state.patrols).toEqual({});
    expect(activate(state, 'fire')).toBe(state);
    expect(back(state).scenarioId).toBe('daily');
  });

  it('activating the scenario already shown with operator changes resets it, and 返回 brings the changes back', () => {
    let state = activate(initialWallState(daily, 0), 'fire');
    state = assign(state, 2, 'cam-1');
    const changed = snapshotOf(state);
    state = activate(state, 'fire');
    expect(state.displays).toEqual(fire.displays);
    expect(state.history.map((entry) => entry.scenarioId)).toEqual(['daily', 'fire']);
    state = back(state);
    expect(snapshotOf(state)).toEqual(changed);
    expect(back(state).scenarioId).toBe('daily');
  });

  it('commands other than a switch or 返回 keep the history as it is', () => {
    const patrolWidget = {
      kind: 'video.patrol' as const,
      options: { cameraIds: ['cam-1', 'cam-2'], dwellSeconds: 10, profile: 'auto' as const },
    };
    let state = activate(activate(initialWallState(daily, 0), 'flood'), 'fire');
    const history = structuredClone(state.history);
    const commands: WallCommand[] = [
      { type: 'cell.assign', displayId: 'left', cellIndex: 0, widget: patrolWidget },
      { type: 'patrol.pause', displayId: 'left', cellIndex: 0 },
      { type: 'patrol.advance', displayId: 'left', cellIndex: 0 },
      { type: 'patrol.resume', displayId: 'left', cellIndex: 0 },
      { type: 'cell.maximize', displayId: 'left', cellIndex: 1 },
      { type: 'cell.restore', displayId: 'left' },
      { type: 'cell.setState', displayId: 'left', cellIndex: 1, state: { zoom: 12 } },
      { type: 'camera.show', cameraId: 'cam-1', displayId: 'left', cellIndex: 2 },
    ];
    for (const command of commands) {
      state = applyWallCommand(state, command, context);
      expect(state.history, command.type).toEqual(history);
    }
    expect(state.version).toBe(3 + commands.length);
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

  it('a block patrol (2×2) is one patrol: pause, resume and 下一路 (the next page) keep the single-tile semantics', () => {
    const cameraIds = Array.from({ length: 10 }, (_, index) => `cam-${index + 1}`);
    const block = {
      kind: 'video.patrol' as const,
      options: { cameraIds, dwellSeconds: 10, profile: 'auto' as const, block: { rows: 2, columns: 2 } },
    };
    const hasCamera = (cameraId: string) => cameraIds.includes(cameraId);
    const blockAt = (now: number) => ({ ...context, now, hasCamera });
    let state = applyWallCommand(
      initialWallState(daily, 0),
      { type: 'cell.assign', displayId: 'left', cellIndex: 0, widget: block },
      blockAt(0),
    );
    const page = () =>
      patrolPageCameras(cameraIds, 4, patrolStep(state.patrols?.['left/0'] ?? runningPatrol, 10, 200_000));
    const command = (type: 'patrol.pause' | 'patrol.resume' | 'patrol.advance', now: number) =>
      (state = applyWallCommand(state, { type, displayId: 'left', cellIndex: 0 }, blockAt(now)));
    // One PatrolState for the whole cell, never one per tile; the step counts pages.
    command('patrol.pause', 25_000);
    expect(state.patrols).toEqual({ 'left/0': { step: 2, since: 25_000, isPaused: true } });
    expect(page()).toEqual(['cam-9', 'cam-10', 'cam-1', 'cam-2']);
    command('patrol.advance', 90_000);
    expect(state.patrols).toEqual({ 'left/0': { step: 3, since: 90_000, isPaused: true } });
    expect(page()).toEqual(['cam-1', 'cam-2', 'cam-3', 'cam-4']);
    command('patrol.resume', 95_000);
    expect(state.patrols).toEqual({ 'left/0': { step: 3, since: 95_000, isPaused: false } });
    // The block keeps its options through the wall state untouched (no tile-level state is added).
    expect(state.displays.left!.cells[0]).toEqual(block);
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
