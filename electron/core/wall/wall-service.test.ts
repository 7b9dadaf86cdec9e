import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WallSnapshot, WallState } from '@shared/model/wall';
import { loadWorkspace, type Workspace } from '../workspace/load-workspace';
import { ScenarioCatalog } from '../scenarios/scenario-catalog';
import { WallService, checkWallState, withUsableHistory } from './wall-service';

const demo = fileURLToPath(new URL('../../../resources/demo', import.meta.url));
let workspace: Workspace;
let catalog: ScenarioCatalog;

beforeAll(async () => {
  workspace = await loadWorkspace(path.resolve(demo));
  catalog = new ScenarioCatalog(workspace.scenarios, workspace.scenarioFiles);
});

/** The demo wall after 日常 → 大客流 → 火灾: two 返回 entries. */
function threeDeep(): WallState {
  const wall = new WallService(workspace, { scenarios: catalog });
  wall.execute({ type: 'scenario.activate', scenarioId: 'large-crowd' });
  wall.execute({ type: 'scenario.activate', scenarioId: 'fire' });
  return wall.state;
}

/** `snapshot` with a camera the workspace does not have in the first camera tile of a display. */
function withUnknownCamera(snapshot: WallSnapshot): WallSnapshot {
  const changed = structuredClone(snapshot);
  for (const content of Object.values(changed.displays)) {
    const index = content.cells.findIndex((cell) => cell.kind === 'video.camera');
    if (index >= 0) {
      content.cells[index] = { kind: 'video.camera', options: { cameraId: 'cam-retired', profile: 'auto' } };
      return changed;
    }
  }
  throw new Error('no camera tile');
}

describe('a resumed wall state against the workspace', () => {
  it('keeps the wall when a 返回 entry no longer fits, dropping only that entry and saying why', () => {
    const state = threeDeep();
    const [daily, crowd] = state.history as [WallSnapshot, WallSnapshot];
    const stale: WallState = {
      ...state,
      history: [{ ...daily, scenarioId: 'retired-drill' }, withUnknownCamera(crowd), daily],
    };
    expect(checkWallState(stale, workspace, catalog)).toBeNull();
    const { state: fitted, dropped } = withUsableHistory(stale, workspace, catalog);
    expect(fitted.history).toEqual([daily]);
    expect(dropped).toEqual([
      "history.0.scenarioId: unknown scenario 'retired-drill'",
      expect.stringMatching(/^history\.1\.displays\.\w+\.cells\.\d+: unknown camera 'cam-retired'$/),
    ]);
    expect({ ...fitted, history: state.history }).toEqual(state);
  });

  it('drops a 撤销 entry that no longer fits the same way, keeping the others', () => {
    const wall = new WallService(workspace, { scenarios: catalog });
    wall.execute({ type: 'cell.clear', displayId: 'right', cellIndex: 0 });
    wall.execute({ type: 'cell.clear', displayId: 'right', cellIndex: 1 });
    const [first, second] = wall.state.undo as [WallSnapshot, WallSnapshot];
    const stale: WallState = { ...wall.state, undo: [withUnknownCamera(first), second] };
    const { state: fitted, dropped } = withUsableHistory(stale, workspace, catalog);
    expect(fitted.undo).toEqual([second]);
    expect(dropped).toEqual([
      expect.stringMatching(/^undo\.0\.displays\.\w+\.cells\.\d+: unknown camera 'cam-retired'$/),
    ]);
  });

  it('gives back the very same state when every entry fits', () => {
    const state = threeDeep();
    expect(withUsableHistory(state, workspace, catalog)).toEqual({ state, dropped: [] });
    expect(withUsableHistory(state, workspace, catalog).state).toBe(state);
  });

  it('still refuses a state whose shown wall no longer fits', () => {
    const state = threeDeep();
    expect(checkWallState({ ...state, ...withUnknownCamera(state) }, workspace, catalog)).toMatch(
      /^displays\.\w+\.cells\.\d+: unknown camera 'cam-retired'$/,
    );
  });
});

describe('WallService', () => {
  it('saves and broadcasts nothing for a switch to the scenario already shown, untouched', async () => {
    const saved: number[] = [];
    const told: string[] = [];
    const wall = new WallService(workspace, {
      scenarios: catalog,
      persist: async (state) => void saved.push(state.version),
    });
    wall.onChanged((_state, hash) => told.push(hash));
    wall.execute({ type: 'scenario.activate', scenarioId: 'fire' });
    const { state, stateHash } = wall;
    expect(wall.execute({ type: 'scenario.activate', scenarioId: 'fire' })).toBe(state);
    await wall.saved();
    expect(wall.stateHash).toBe(stateHash);
    expect(saved).toEqual([state.version]);
    expect(told).toEqual([stateHash]);
    expect(state.history.map((entry) => entry.scenarioId)).toEqual(['daily']);
  });
});
