import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace, type Workspace } from '../workspace/load-workspace';
import { ScenarioCatalog } from '../scenarios/scenario-catalog';
import { WallService } from './wall-service';

const demo = fileURLToPath(new URL('../../../resources/demo', import.meta.url));
let workspace: Workspace;
let catalog: ScenarioCatalog;

beforeAll(async () => {
  workspace = await loadWorkspace(path.resolve(demo));
  catalog = new ScenarioCatalog(workspace.scenarios, workspace.scenarioFiles);
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
