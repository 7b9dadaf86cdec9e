import { describe, expect, it } from 'vitest';
import type { Scenario } from '@shared/model/wall';
import { applyWallCommand, initialWallState, type WallContext } from './wall-reducer';

const grid = (cameraIds: string[]) => ({
  layout: { rows: 1, columns: cameraIds.length, merges: [] },
  cells: cameraIds.map((cameraId) => ({
    kind: 'video.camera' as const,
    options: { cameraId, profile: 'auto' as const },
  })),
});
const daily: Scenario = {
  id: 'daily',
  name: { zh: '日常', en: 'Daily' },
  mode: 'normal',
  displays: { left: grid(['cam-1', 'cam-2']) },
};
const flood: Scenario = {
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
