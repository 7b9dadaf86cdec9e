import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { wallSnapshotSchema, wallStateSchema, type Scenario, type WallState } from '@shared/model/wall';
import { applyWallCommand, initialWallState, snapshotOf } from './wall-reducer';
import { WallStateStore, lastGoodFileName, stateFileName } from './wall-state-store';
import { writeTemporary } from '../files/atomic-file';

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
  vi.restoreAllMocks();
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

describe('WallStateStore: damaged files never stop the wall', () => {
  /** `1` inside `depth` arrays. */
  function nested(depth: number): unknown {
    let value: unknown = 1;
    for (let level = 0; level < depth; level++) value = [value];
    return value;
  }

  /** Two saves: the first state is the last good copy, the second the current file. */
  async function savedTwice(): Promise<{
    store: WallStateStore;
    lines: string[];
    first: WallState;
    second: WallState;
  }> {
    const { store, lines } = await storeIn();
    const first = initialWallState(scenario, 10);
    const second = changed(first, 1);
    await store.save(first);
    await store.save(second);
    return { store, lines, first, second };
  }

  it('falls back to the last good copy when the state file holds a cell state 1,900 levels deep', async () => {
    const { store, first, second } = await savedTwice();
    const file = JSON.parse(await readFile(store.statePath, 'utf8'));
    file.state.cellState = { 'left/0': nested(1_900) };
    await writeFile(store.statePath, JSON.stringify(file));
    const loaded = await store.load(accept);
    expect(loaded.source).toBe('last-good');
    expect(loaded.state).toEqual(first);
    expect(loaded.problems).toEqual([
      expect.stringMatching(/wall-state\.json: state\.cellState\.left\/0: nested more than 32 levels deep/),
    ]);
    expect(second.version).toBeGreaterThan(first.version);
  });

  it('falls back to the last good copy when JSON.parse or the validation throws (a stack overflow)', async () => {
    const { store, first } = await savedTwice();
    const overflow = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    vi.spyOn(JSON, 'parse').mockImplementationOnce(overflow);
    const afterParse = await store.load(accept);
    expect(afterParse).toMatchObject({ source: 'last-good', state: first });
    expect(afterParse.problems).toEqual([
      expect.stringMatching(/wall-state\.json: .*Maximum call stack size exceeded/),
    ]);

    vi.spyOn(wallStateSchema, 'safeParse').mockImplementationOnce(overflow);
    expect(await store.load(accept)).toMatchObject({ source: 'last-good', state: first });

    // The workspace check throwing for both files leaves the default scenario to the caller, never a throw.
    const refused = await store.load(overflow);
    expect(refused).toMatchObject({ state: null, source: 'none' });
    expect(refused.problems).toHaveLength(2);
  });

  it('after resuming from the last good copy, the next save keeps that copy instead of the damaged file', async () => {
    const { store: before, first } = await savedTwice();
    await writeFile(before.statePath, '{"format":"tianmu-wall-state/1","state":{');
    // A restart: a new store over the same folder.
    const store = new WallStateStore({ directory: before.directory, log: () => undefined });
    const loaded = await store.load(accept);
    expect(loaded).toMatchObject({ source: 'last-good', state: first });
    const third = changed(first, 0);
    await store.save(third);
    const lastGood = JSON.parse(await readFile(store.lastGoodPath, 'utf8'));
    expect(lastGood.state).toEqual({ ...first, previous: null });
    // The file this store wrote itself validated: the save after it makes it the last good copy.
    await store.save(changed(third, 1));
    expect(JSON.parse(await readFile(store.lastGoodPath, 'utf8')).state).toEqual({
      ...third,
      previous: null,
    });
  });

  it('removes temporary files a killed process left behind when it loads', async () => {
    const { store, second } = await savedTwice();
    // A save killed after writing its temporary file, under the name atomic-file.ts gives it, by a process
    // that is gone: pids above Linux's largest (4,194,304) belong to no process.
    const written = path.basename(await writeTemporary(store.statePath, 'half a state'));
    const stale = [
      written.replace(`.${process.pid}.`, '.99999991.'),
      'wall-state.last-good.json.99999992.tmp',
    ];
    await rename(path.join(store.directory, written), path.join(store.directory, stale[0]!));
    await writeFile(path.join(store.directory, stale[1]!), 'a staged link');
    // A running process's temporary file (this one's) may be a save in progress: it stays.
    const running = path.basename(await writeTemporary(store.statePath, 'saving'));
    const loaded = await store.load(accept);
    expect(loaded.state).toEqual(second);
    expect((await readdir(store.directory)).sort()).toEqual(
      [lastGoodFileName, running, stateFileName].sort(),
    );
  });

  it('says clearly when the state path is a directory, and leaves no temporary file behind on any save', async () => {
    const { store, lines } = await storeIn();
    await mkdir(store.statePath, { recursive: true });
    const loaded = await store.load(accept);
    expect(loaded.problems).toEqual([expect.stringMatching(/wall-state\.json: is a directory, not a file/)]);
    let state = initialWallState(scenario, 10);
    for (let round = 0; round < 3; round++) {
      state = changed(state, round % 2);
      await store.save(state);
    }
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(line).toMatch(
        /could not save the wall state to .*wall-state\.json: it is a directory, not a file/,
      );
    expect(await readdir(store.directory)).toEqual([stateFileName]);
  });
});
