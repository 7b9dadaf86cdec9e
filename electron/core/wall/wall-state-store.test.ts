import { afterEach, describe, expect, it } from 'vitest';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { wallSnapshotSchema, type Scenario, type WallState } from '@shared/model/wall';
import { applyWallCommand, initialWallState, snapshotOf } from './wall-reducer';
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
    expect(await store.load(accept)).toEqual({ state: null, source: 'none', problems: [], notes: [] });
    const first = initialWallState(scenario, 10);
    const second = changed(first, 1);
    await store.save(first);
    await store.save(second);
    expect((await store.load(accept)).state).toEqual(second);
    const lastGood = JSON.parse(await readFile(path.join(store.directory, lastGoodFileName), 'utf8'));
    expect(lastGood.state).toEqual({ ...first, previous: null });
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

  it('resumes a file saved before the 返回 history (one `previous` snapshot) as a history of one', async () => {
    const { store } = await storeIn();
    await mkdir(store.directory, { recursive: true });
    // Written by the build before this change: 日常 with operator changes, then 大客流 with one more.
    const fixture = fileURLToPath(
      new URL('../../../tests/fixtures/wall-state/previous-shape.wall-state.json', import.meta.url),
    );
    await copyFile(fixture, store.statePath);
    const saved = JSON.parse(await readFile(fixture, 'utf8')).state;
    expect(saved).toHaveProperty('previous');
    expect(saved).not.toHaveProperty('history');

    const loaded = await store.load(accept);
    expect(loaded.source).toBe('current');
    expect(loaded.problems).toEqual([]);
    expect(loaded.notes).toEqual([expect.stringMatching(/wall-state\.json: upgraded .* history of one/)]);
    const state = loaded.state!;
    expect(state).not.toHaveProperty('previous');
    expect(snapshotOf(state)).toEqual(wallSnapshotSchema.parse(saved));
    expect(state.history).toEqual([wallSnapshotSchema.parse(saved.previous)]);
    expect(state.history[0]).toMatchObject({
      scenarioId: 'daily',
      maximized: { right: 4 },
      cellState: { 'left/0': { center: [121.49, 31.24], zoom: 15.5 } },
    });
    expect(state.history[0]!.displays.right!.cells[4]).toEqual({
      kind: 'video.camera',
      options: { cameraId: 'cam-0130', profile: 'auto' },
    });

    // Saved again in this build's shape, it loads with nothing left to upgrade.
    await store.save(changed(state, 0));
    const again = await store.load(accept);
    expect(again.notes).toEqual([]);
    expect(again.state?.history).toEqual(state.history);
  });

  it('also writes the newest 返回 entry as `previous`, so a build from before the history still resumes', async () => {
    const { store } = await storeIn();
    // Two resets of 日常 with a maximised cell on it: two 返回 entries.
    let state = changed(initialWallState(scenario, 10), 1);
    const context = {
      scenarios: new Map([[scenario.id, scenario]]),
      displayIds: ['left'],
      hasCamera: () => true,
      now: 20,
    };
    const first = snapshotOf(state);
    state = applyWallCommand(state, { type: 'scenario.activate', scenarioId: 'daily' }, context);
    state = changed(state, 0);
    const second = snapshotOf(state);
    state = applyWallCommand(state, { type: 'scenario.activate', scenarioId: 'daily' }, context);
    expect(state.history).toEqual([first, second]);
    await store.save(state);

    const file = JSON.parse(await readFile(store.statePath, 'utf8'));
    expect(file.format).toBe('tianmu-wall-state/1');
    expect(file.state.previous).toEqual(second);
    // The state schema of the build before the history, as it was.
    const earlierSchema = wallSnapshotSchema.extend({
      version: z.number().int().min(0),
      previous: wallSnapshotSchema.nullable(),
      changedAt: z.number(),
    });
    const earlier = earlierSchema.parse(file.state);
    expect(earlier.previous).toEqual(second);
    expect(earlier.scenarioId).toBe('daily');
    expect((await store.load(accept)).state).toEqual(state);
  });
});
