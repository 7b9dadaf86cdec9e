import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { cp, mkdir, mkdtemp, open, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace } from './load-workspace';
import { WorkspaceError } from '../files/workspace-error';

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/demo');
const copies: string[] = [];

/** A private copy of the demo workspace with one file edited. */
async function demoWith(file: string, edit: (text: string) => string): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-workspace-'));
  copies.push(directory);
  await cp(demo, directory, { recursive: true });
  const target = path.join(directory, file);
  await writeFile(target, edit(await readFile(target, 'utf8')));
  return directory;
}

async function refusal(directory: string): Promise<WorkspaceError> {
  const error = await loadWorkspace(directory).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkspaceError);
  return error as WorkspaceError;
}

afterEach(async () => {
  await Promise.all(copies.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('loadWorkspace', () => {
  it('loads the embedded demo district', async () => {
    const workspace = await loadWorkspace(demo);
    expect(workspace.cameras.cameras.length).toBeGreaterThanOrEqual(200);
    expect(workspace.indicators.length).toBeGreaterThanOrEqual(20);
    expect(workspace.scenarios.map((scenario) => scenario.id).sort()).toEqual([
      'daily',
      'fire',
      'flood-typhoon',
      'large-crowd',
      'major-event',
    ]);
  });

  it('refuses a field of the wrong type, naming the file and the field', async () => {
    const directory = await demoWith('wall.json', (text) => text.replace('"width": 1920', '"width": "wide"'));
    const error = await refusal(directory);
    expect(error.file).toBe('wall.json');
    expect(error.field).toBe('displays.0.bounds.width');
    expect(error.message).toMatch(/^wall\.json → displays\.0\.bounds\.width: /);
  });

  it('refuses a file that is not JSON', async () => {
    const directory = await demoWith('indicators.json', (text) => text.slice(0, text.length / 2));
    const error = await refusal(directory);
    expect(error.file).toBe('indicators.json');
    expect(error.problem).toMatch(/not valid JSON/);
  });

  it('refuses a scenario that shows an unknown camera', async () => {
    const directory = await demoWith('scenarios/flood-typhoon.json', (text) =>
      text.replace(/"cam-\d{4}"/, '"cam-9999"'),
    );
    const error = await refusal(directory);
    expect(error.file).toBe('scenarios/flood-typhoon.json');
    expect(error.field).toMatch(/^displays\.(left|right)\.cells\.\d+\.options\.cameraId$/);
    expect(error.problem).toBe("unknown camera 'cam-9999'");
  });

  it('refuses a scenario whose patrol has an unknown camera, naming its place in the group', async () => {
    // The first camera id in the daily scenario is the lookout patrol's first camera (left display, cell 5).
    const directory = await demoWith('scenarios/daily.json', (text) =>
      text.replace(/"cam-\d{4}"/, '"cam-9999"'),
    );
    const error = await refusal(directory);
    expect(error.file).toBe('scenarios/daily.json');
    expect(error.field).toBe('displays.left.cells.5.options.cameraIds.0');
    expect(error.problem).toBe("unknown camera 'cam-9999'");
  });

  it('refuses a patrol block out of bounds, naming the block field', async () => {
    // The major event's right display has a 2×2 block patrol (cell 7); make it 5 rows.
    const directory = await demoWith('scenarios/major-event.json', (text) => {
      const scenario = JSON.parse(text);
      scenario.displays.right.cells[7].options.block.rows = 5;
      return JSON.stringify(scenario);
    });
    const error = await refusal(directory);
    expect(error.file).toBe('scenarios/major-event.json');
    expect(error.field).toBe('displays.right.cells.7.options.block.rows');
    expect(error.problem).toBe('a patrol block has 1 to 4 rows');
  });

  it('refuses a scenario whose cells do not match its layout', async () => {
    const directory = await demoWith('scenarios/flood-typhoon.json', (text) =>
      text.replace('"rows": 4', '"rows": 3'),
    );
    const error = await refusal(directory);
    expect(error.field).toBe('displays.right.cells');
    expect(error.problem).toMatch(/the layout has 12 cells but 16 are given/);
  });

  it('upgrades a version-1 scenario file (no version, no triggers) when loading it', async () => {
    const directory = await demoWith('scenarios/daily.json', (text) => {
      const { version: _version, triggers: _triggers, ...old } = JSON.parse(text);
      return JSON.stringify(old);
    });
    const workspace = await loadWorkspace(directory);
    const daily = workspace.scenarios.find((scenario) => scenario.id === 'daily')!;
    expect(daily).toMatchObject({ version: 2, triggers: [] });
  });

  it('refuses a scenario from a future format, naming the version field', async () => {
    const directory = await demoWith('scenarios/daily.json', (text) =>
      text.replace('"version": 2', '"version": 9'),
    );
    const error = await refusal(directory);
    expect(error.field).toBe('version');
  });

  it('refuses a trigger on an unknown indicator', async () => {
    const directory = await demoWith('scenarios/flood-typhoon.json', (text) =>
      text.replace('"indicatorId": "rain-1h"', '"indicatorId": "rain-99h"'),
    );
    const error = await refusal(directory);
    expect(error.field).toBe('triggers.0.indicatorId');
  });

  it('refuses a missing file', async () => {
    const directory = await demoWith('platforms.json', (text) => text);
    await rm(path.join(directory, 'platforms.json'));
    const error = await refusal(directory);
    expect(error.message).toBe('platforms.json: file is missing');
  });
});

describe('loadWorkspace: what a file is before it is read', () => {
  const fifos: string[] = [];
  afterEach(async () => {
    // Without the fix a reader stays blocked in open() on the FIFO: a writer that comes and goes frees it.
    for (const fifo of fifos.splice(0)) {
      const writer = await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
      await writer?.close();
    }
  });

  it('refuses cameras.json linked to /dev/zero, naming the file, without reading it', async () => {
    const directory = await demoWith('cameras.json', (text) => text);
    await rm(path.join(directory, 'cameras.json'));
    await symlink('/dev/zero', path.join(directory, 'cameras.json'));
    const error = await refusal(directory);
    expect(error.file).toBe('cameras.json');
    expect(error.problem).toBe('is a device, not a regular file');
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a FIFO named as a workspace file instead of waiting on it',
    async () => {
      const directory = await demoWith('indicators.json', (text) => text);
      const fifo = path.join(directory, 'indicators.json');
      await rm(fifo);
      execFileSync('mkfifo', [fifo]);
      fifos.push(fifo);
      const error = await refusal(directory);
      expect(error.message).toBe('indicators.json: is a FIFO (named pipe), not a regular file');
    },
  );

  it('refuses a folder named as a scenario file, naming it', async () => {
    const directory = await demoWith('wall.json', (text) => text);
    await mkdir(path.join(directory, 'scenarios/extra.json'));
    const error = await refusal(directory);
    expect(error.message).toBe('scenarios/extra.json: is a folder, not a regular file');
  });

  it('loads files that start with a UTF-8 byte order mark', async () => {
    const directory = await demoWith('workspace.json', (text) => `\uFEFF${text}`);
    for (const file of ['cameras.json', 'scenarios/daily.json']) {
      const target = path.join(directory, file);
      await writeFile(target, `\uFEFF${await readFile(target, 'utf8')}`);
    }
    const workspace = await loadWorkspace(directory);
    expect(workspace.manifest.defaultScenario).toBe('daily');
    expect(workspace.scenarios.map((scenario) => scenario.id)).toContain('daily');
  });

  it('refuses a scenario named after a Windows device, naming the id field', async () => {
    const directory = await demoWith('scenarios/fire.json', (text) =>
      text.replace('"id": "fire"', '"id": "nul"'),
    );
    const error = await refusal(directory);
    expect(error.file).toBe('scenarios/fire.json');
    expect(error.field).toBe('id');
    expect(error.problem).toMatch(/Windows device name/);
  });

  it("names a scenario's missing display even when the display is called constructor", async () => {
    const directory = await demoWith('wall.json', (text) =>
      text.replace('"id": "left"', '"id": "constructor"'),
    );
    const error = await refusal(directory);
    expect(error.field).toBe('displays.constructor');
    expect(error.problem).toMatch(/^missing/);
  });
});

describe('loadWorkspace: sources.json', () => {
  async function demoWithSources(sources: unknown): Promise<string> {
    const directory = await demoWith('workspace.json', (text) => text);
    await writeFile(path.join(directory, 'sources.json'), JSON.stringify(sources));
    return directory;
  }

  it('runs the demo source alone when no sources.json is declared', async () => {
    const workspace = await loadWorkspace(demo);
    expect(workspace.sources).toEqual([
      expect.objectContaining({ id: 'demo', kind: 'demo', intervalMs: 1_000, incidents: true }),
    ]);
  });

  it('reads declared sources with their defaults', async () => {
    const directory = await demoWithSources({
      sources: [
        { id: 'weather', kind: 'tianmu-ws', url: 'ws://127.0.0.1:9/feed' },
        { id: 'demo', kind: 'demo', exclude: ['rain-1h'] },
      ],
    });
    const workspace = await loadWorkspace(directory);
    expect(workspace.sources[0]).toMatchObject({
      kind: 'tianmu-ws',
      heartbeatTimeoutMs: 15_000,
      backoff: { initialMs: 1_000, maxMs: 30_000 },
      topic: 'vitals/{key}',
    });
  });

  it('refuses a source with a bad URL, naming the field', async () => {
    const error = await refusal(
      await demoWithSources({ sources: [{ id: 'iot', kind: 'mqtt', url: 'http://x', subscriptions: [] }] }),
    );
    expect(error.file).toBe('sources.json');
    expect(error.field).toBe('sources.0.url');
  });

  it('refuses a mapping path that is not a JSON path', async () => {
    const error = await refusal(
      await demoWithSources({
        sources: [
          {
            id: 'hotline',
            kind: 'http-poll',
            url: 'http://127.0.0.1:9/api',
            mapping: { values: { key: 'code', value: '$.v' } },
          },
        ],
      }),
    );
    expect(error.field).toMatch(/^sources\.0\.mapping\.values\.key/);
  });

  it('refuses duplicate source ids and unknown indicators in the demo filter', async () => {
    const duplicate = await refusal(
      await demoWithSources({
        sources: [
          { id: 'demo', kind: 'demo' },
          { id: 'demo', kind: 'demo' },
        ],
      }),
    );
    expect(duplicate.field).toBe('sources.1.id');
    const unknown = await refusal(
      await demoWithSources({ sources: [{ id: 'demo', kind: 'demo', exclude: ['no-such'] }] }),
    );
    expect(unknown.field).toBe('sources.0.exclude.0');
  });
});
