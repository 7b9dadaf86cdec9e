// 另存为场景 through the core: the wall saved as a new scenario or over one, in every console's list at once,
// written to the state folder (the embedded demo is read-only) and there again after a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '@shared/model/wall';
import { layoutPreset } from '@shared/layout/presets';
import { createCore, type Core } from '../index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('scenario.save', () => {
  let base: string;
  let demo: string;
  let stateDir: string;
  const start = () =>
    createCore(demo, {
      clipsDir: path.join(root, 'resources/media/clips'),
      accessToken: null,
      stateDir,
      isEmbeddedDemo: true,
      extraMediaPorts: 0,
      log: () => undefined,
    });

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'tianmu-scenario-save-'));
    demo = path.join(base, 'demo');
    stateDir = path.join(base, 'state');
    await cp(path.join(root, 'resources/demo'), demo, {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}.state`),
    });
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  /** The scenario list a second console was last told. */
  function secondConsole(core: Core) {
    const told: { id: string; name: { zh: string } }[][] = [];
    core.connect((name, payload) => {
      if (name === 'scenario.listChanged') told.push((payload as { scenarios: never[] }).scenarios);
    });
    return told;
  }

  it('saves the edited wall as a new scenario, tells every console at once, and it survives a restart', async () => {
    const core = await start();
    let savedId: string;
    try {
      const session = core.connect(() => undefined);
      const told = secondConsole(core);
      const displayId = core.workspace.wall.displays[0]!.id;
      await session.request('wall.command', {
        command: { type: 'display.setLayout', displayId, layout: layoutPreset('9') },
      });
      const answer = (await session.request('scenario.save', { name: '夜间值守', overwrite: false })) as {
        scenarioId: string;
        isReplaced: boolean;
      };
      savedId = answer.scenarioId;
      expect(answer).toEqual({ scenarioId: expect.stringMatching(/^saved-/), isReplaced: false });
      expect(told.at(-1)?.find((scenario) => scenario.id === savedId)?.name.zh).toBe('夜间值守');
      const file = JSON.parse(
        await readFile(path.join(stateDir, 'scenarios', `${savedId}.json`), 'utf8'),
      ) as Scenario;
      expect(file.displays[displayId]!.layout).toEqual(layoutPreset('9'));
      // No temporary file is left beside it.
      expect(await readdir(path.join(stateDir, 'scenarios'))).toEqual([`${savedId}.json`]);
    } finally {
      await core.close();
    }
    const restarted = await start();
    try {
      const { scenarios } = (await restarted.connect(() => undefined).request('scenario.list', {})) as {
        scenarios: { id: string; name: { zh: string } }[];
      };
      expect(scenarios.find((scenario) => scenario.id === savedId)?.name.zh).toBe('夜间值守');
      // Switching to it shows the 9-tile split that was saved.
      const session = restarted.connect(() => undefined);
      await session.request('wall.command', { command: { type: 'scenario.activate', scenarioId: savedId } });
      const displayId = restarted.workspace.wall.displays[0]!.id;
      expect(restarted.wall.state.displays[displayId]!.layout).toEqual(layoutPreset('9'));
    } finally {
      await restarted.close();
    }
  });

  it('overwrites an existing scenario only when asked to, keeping its triggers, and refuses a name in use', async () => {
    const core = await start();
    try {
      const session = core.connect(() => undefined);
      const flood = core.wall.scenarios.get('flood-typhoon') ?? core.wall.scenarios.all()[1]!;
      await expect(
        session.request('scenario.save', { name: '新名字', scenarioId: flood.id, overwrite: false }),
      ).rejects.toThrow(`scenario '${flood.id}' exists: confirm to overwrite it`);
      const other = core.wall.scenarios.all().find((scenario) => scenario.id !== flood.id)!;
      await expect(
        session.request('scenario.save', { name: other.name.zh, overwrite: false }),
      ).rejects.toThrow(`名称已被场景 '${other.id}' 使用`);
      const told = secondConsole(core);
      expect(
        await session.request('scenario.save', {
          name: flood.name.zh,
          scenarioId: flood.id,
          overwrite: true,
        }),
      ).toEqual({ scenarioId: flood.id, isReplaced: true });
      const saved = core.wall.scenarios.get(flood.id)!;
      expect(saved.triggers).toEqual(flood.triggers);
      expect(saved.name).toEqual(flood.name);
      expect(saved.displays).toEqual(core.wall.state.displays);
      expect(told).toHaveLength(1);
      // Journaled as the console's act (appends are not awaited by the answer; the first test's record is there too).
      const overwritten = async () =>
        (await core.journal!.query({ action: 'scenario.saved' })).find(
          (record) => record.target?.id === flood.id,
        );
      let record = await overwritten();
      for (let attempt = 0; attempt < 100 && !record; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        record = await overwritten();
      }
      expect(record).toMatchObject({ result: 'ok', detail: { isReplaced: true } });
    } finally {
      await core.close();
    }
  });
});
