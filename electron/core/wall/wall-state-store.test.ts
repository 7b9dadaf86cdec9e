import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Scenario, WallState } from '@shared/model/wall';
import { applyWallCommand, initialWallState } from './wall-reducer';
import { WallStateStore, lastGoodFileName, stateFileName } from './wall-state-store';

const scenario: Scenario = {
  version: 2,
  id: 'daily',
  name: { zh: '日常', en: 'Daily' },
  mode: 'normal',
  triggers: [],
  displays: { left: { layout: { rows: 1, columns: 2, merges: [] }, cells: [] } },
};
scenario.displays.left!.cells = [
  { kind: 'clock', options: { showDate: true } },
  { kind: 'empty', options: {} },
];
const accept = () => null;
const directories: string[] = [];

async function storeIn(): Promise<{ store: WallStateStore; lines: string[] }> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-state-'));
  directories.push(directory);
  const lines: string[] = [];
  return {
    store: new WallStateStore({ directory: path.join(directory, 'state'), log: (line) => lines.push(line) }),
    lines,
  };
}

function changed(state: WallState, cellIndex: number): WallState {
  return applyWallCommand(
    state,
    { type: 'cell.maximize', displayId: 'left', cellIndex },
    { scenarios: new Map(), displayIds: ['left'], hasCamera: () => true, now: state.changedAt + 1 },
  );
}

afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

describe('WallStateStore', () => {
  it('gives back exactly the state it saved, and keeps the one before as the last good copy', async () => {
    const { store } = await storeIn();
    expect(await store.load(accept)).toEqual({ state: null, source: 'none', problems: [] });
    const first = initialWallState(scenario, 10);
    const second = changed(first, 1);
    await store.save(first);
    await store.save(second);
    expect((await store.load(accept)).state).toEqual(second);
    const lastGood = JSON.parse(await readFile(path.join(store.directory, lastGoodFileName), 'utf8'));
    expect(lastGood.state).toEqual(first);
    // No temporary files are left behind.
    expect((await readdir(store.directory)).sort()).toEqual([lastGoodFileName, stateFileName].sort());
  });

  it('coalesces a burst of saves and ends with the newest state on disk', async () => {
    const { store } = await storeIn();
    let state = initialWallState(scenario, 0);
    const saves: Promise<void>[] = [];
    for (let index = 0; index < 20; index++) {
      state = changed(state, index % 2);
      saves.push(store.save(state));
    }
    await Promise.all(saves);
    expect((await store.load(accept)).state?.version).toBe(state.version);
  });

  it('falls back to the last good copy when the state file is torn, and says so', async () => {
    const { store } = await storeIn();
    const first = initialWallState(scenario, 10);
    await store.save(first);
    await store.save(changed(first, 1));
    const text = await readFile(store.statePath, 'utf8');
    await writeFile(store.statePath, text.slice(0, text.length / 2));
    const loaded = await store.load(accept);
    expect(loaded.source).toBe('last-good');
    expect(loaded.state).toEqual(first);
    expect(loaded.problems).toEqual([expect.stringMatching(/wall-state\.json: not valid JSON/)]);
  });

  it('falls back when a file is valid JSON but not a valid state, or no longer fits the workspace', async () => {
    const { store } = await storeIn();
    const first = initialWallState(scenario, 10);
    await store.save(first);
    await store.save(changed(first, 1));
    await writeFile(
      store.statePath,
      JSON.stringify({ format: 'tianmu-wall-state/1', state: { ...first, version: 'two' } }),
    );
    const loaded = await store.load(accept);
    expect(loaded.source).toBe('last-good');
    expect(loaded.problems[0]).toMatch(/state\.version: /);

    const refused = await store.load(() => "scenarioId: unknown scenario 'daily'");
    expect(refused).toMatchObject({ state: null, source: 'none' });
    expect(refused.problems).toHaveLength(2);
  });
});
