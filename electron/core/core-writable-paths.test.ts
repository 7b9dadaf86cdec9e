// The read-only embedded demo is never written: a scenario pack import and a snapshot go to the state folder,
// and the imported scenarios are there again, winning over the demo's own, after a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '@shared/model/wall';
import { createCore } from './index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tinyPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Every file of `folder` (its `.state` aside) with its size and modification time. */
async function fingerprint(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter(
    (entry) => entry.isFile() && !path.join(entry.parentPath, entry.name).includes(`${path.sep}.state`),
  );
  return Promise.all(
    files.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const { size, mtimeMs } = await stat(file);
      return `${path.relative(folder, file)} ${size} ${mtimeMs}`;
    }),
  ).then((lines) => lines.sort());
}

describe('the core on the read-only embedded demo', () => {
  let base: string;
  // A copy of the demo, so that a regression writes into a temp folder, not into resources/.
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
    base = await mkdtemp(path.join(os.tmpdir(), 'tianmu-core-writable-'));
    demo = path.join(base, 'demo');
    stateDir = path.join(base, 'state');
    await cp(path.join(root, 'resources/demo'), demo, {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}.state`),
    });
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('writes an imported pack and a snapshot into the state folder, and restarts with the import winning', async () => {
    const before = await fingerprint(demo);
    const core = await start();
    const session = core.connect(() => undefined);
    const { pack } = (await session.request('scenario.exportPack', { scenarioIds: ['daily'] })) as {
      pack: { scenarios: Scenario[] };
    };
    const daily = pack.scenarios[0]!;
    const text = JSON.stringify({
      ...pack,
      scenarios: [
        { ...daily, name: { zh: '导入的日常', en: 'Imported daily' } },
        { ...daily, id: 'night', name: { zh: '夜间', en: 'Night' } },
      ],
    });
    expect(await session.request('scenario.importPack', { text, replaceExisting: true })).toEqual({
      imported: ['daily', 'night'],
      replaced: ['daily'],
    });
    const cameraId = core.workspace.cameras.cameras[0]!.id;
    const { file } = (await session.request('media.snapshot', { cameraId, png: tinyPng })) as {
      file: string;
    };
    expect(file).toMatch(new RegExp(`^snapshots/${cameraId}-`));
    expect(existsSync(path.join(stateDir, file))).toBe(true);
    expect((await readdir(path.join(stateDir, 'scenarios'))).sort()).toEqual(['daily.json', 'night.json']);
    await core.close();
    expect(await fingerprint(demo)).toEqual(before);

    const restarted = await start();
    try {
      const { scenarios } = (await restarted.connect(() => undefined).request('scenario.list', {})) as {
        scenarios: { id: string; name: { en: string } }[];
      };
      expect(scenarios.find((scenario) => scenario.id === 'daily')?.name.en).toBe('Imported daily');
      expect(scenarios.map((scenario) => scenario.id)).toContain('night');
    } finally {
      await restarted.close();
    }
  });
});
