// The core refusing what would break its wall state: deep cell state, ids every object inherits, and a saved
// state it cannot read (it starts anyway, from the last good copy or the default scenario).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { ProtocolError } from '@shared/protocol/envelope';
import { createCore, type Core, type CoreSession } from './index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `1` inside `depth` arrays. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

/** `current` as the text of a state file whose cell `left/0` holds `1` inside `depth` arrays. */
function withDeepCellState(current: { state: { cellState: unknown } }, depth: number): string {
  current.state.cellState = { 'left/0': 'deep' };
  // Built as text: JSON.stringify itself overflows long before 100,000 levels.
  return JSON.stringify(current).replace('"deep"', `${'['.repeat(depth)}1${']'.repeat(depth)}`);
}

/** A request's refusal (`code: message`), or 'answered'. */
async function refusal(session: CoreSession, name: string, params: unknown): Promise<string> {
  try {
    await session.request(name, params);
    return 'answered';
  } catch (error) {
    if (!(error instanceof ProtocolError)) return `internal: ${String(error)}`;
    return `${error.code}: ${error.message}`;
  }
}

const logLines: string[] = [];
let stateDir: string;
const start = () =>
  createCore(path.join(root, 'resources/demo'), {
    clipsDir: path.join(root, 'resources/media/clips'),
    accessToken: null,
    // Every in-process session is the console, signed in as the demo's admin by its start ticket.
    consoleUser: 'admin',
    stateDir,
    log: (line) => logLines.push(line),
    extraMediaPorts: 0,
  });
const stateFile = () => path.join(stateDir, 'wall-state.json');
const lastGoodFile = () => path.join(stateDir, 'wall-state.last-good.json');

describe('core wall state under hostile input', () => {
  let core: Core;
  let session: CoreSession;

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-core-hostile-'));
    core = await start();
    session = core.connect(() => undefined);
  });
  afterAll(async () => {
    await core.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('refuses a cell.setState nested 1,900 levels deep with bad-request naming the field; the hash is unchanged', async () => {
    const hash = core.wall.stateHash;
    const answer = await refusal(session, 'wall.command', {
      command: { type: 'cell.setState', displayId: 'left', cellIndex: 0, state: nested(1_900) },
    });
    expect(answer).toBe('bad-request: wall.command: command.state: nested more than 32 levels deep');
    expect(core.wall.stateHash).toBe(hash);
    // The wall still takes commands.
    const applied = await session.request('wall.command', {
      command: { type: 'cell.setState', displayId: 'left', cellIndex: 0, state: { zoom: 14 } },
    });
    expect(applied).toMatchObject({ stateHash: core.wall.stateHash });
  });

  for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`refuses '${id}' as an id in every request that takes one, with the state hash unchanged`, async () => {
      const hash = core.wall.stateHash;
      const requests: [string, unknown][] = [
        ['wall.command', { command: { type: 'scenario.activate', scenarioId: id } }],
        ['wall.command', { command: { type: 'cell.restore', displayId: id } }],
        ['wall.command', { command: { type: 'cell.maximize', displayId: id, cellIndex: 0 } }],
        ['wall.command', { command: { type: 'cell.setState', displayId: id, cellIndex: 0, state: 1 } }],
        [
          'wall.command',
          {
            command: {
              type: 'cell.assign',
              displayId: id,
              cellIndex: 0,
              widget: { kind: 'empty', options: {} },
            },
          },
        ],
        ['wall.command', { command: { type: 'camera.show', cameraId: id } }],
        ['wall.command', { command: { type: 'camera.show', cameraId: 'cam-0001', displayId: id } }],
        ['wall.command', { command: { type: 'incident.showNearestCameras', incidentId: id } }],
        ['wall.command', { command: { type: 'patrol.pause', displayId: id, cellIndex: 0 } }],
        ['media.resolve', { cameraId: id, profile: 'sub' }],
        ['media.snapshot', { cameraId: id, png: 'iVBORw0KGgo=' }],
        ['scenario.exportPack', { scenarioIds: [id] }],
        ['incidents.acknowledge', { id }],
        ['scenario.dismissSuggestion', { suggestionId: id }],
      ];
      for (const [name, params] of requests) {
        const answer = await refusal(session, name, params);
        expect(answer, `${name} ${JSON.stringify(params)}`).toMatch(/^(not-found|bad-request): /);
        if (answer.startsWith('not-found')) expect(answer).toContain(`'${id}'`);
        expect(core.wall.stateHash).toBe(hash);
      }
      // Lookups that answer "nothing" for an unknown id answer nothing (or a refusal) for these too.
      const listed = await session.request('cameras.get', { ids: [id] }).catch((error) => error);
      if (listed instanceof ProtocolError) expect(listed.code).toBe('bad-request');
      else expect(listed).toMatchObject({ cameras: [] });
    });
  }
});

describe('core starting from a state file it cannot use', () => {
  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-core-deep-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  /** Saves two walls (日常, then 火灾) so that both files exist; returns the last good state and the current. */
  async function savedWalls() {
    await rm(stateDir, { recursive: true, force: true });
    const core = await start();
    core.wall.execute({ type: 'scenario.activate', scenarioId: 'fire' });
    await core.wall.saved();
    await core.close();
    return {
      lastGood: JSON.parse(await readFile(lastGoodFile(), 'utf8')).state,
      current: JSON.parse(await readFile(stateFile(), 'utf8')),
    };
  }

  for (const depth of [1_900, 100_000]) {
    it(`starts from the last good copy when the state file holds cell state ${depth.toLocaleString('en')} levels deep, and keeps that copy`, async () => {
      const { lastGood, current } = await savedWalls();
      await writeFile(stateFile(), withDeepCellState(current, depth));
      logLines.length = 0;
      const core = await start();
      try {
        expect(core.wall.state).toMatchObject({ scenarioId: lastGood.scenarioId, version: lastGood.version });
        expect(logLines).toContainEqual(
          expect.stringMatching(
            /saved state unusable: .*wall-state\.json: state\.cellState\.left\/0: nested more/,
          ),
        );
        expect(logLines).toContainEqual(expect.stringMatching(/resumed from the last good copy/));
        // The state it resumed is saved again; the good copy is not replaced by the damaged file.
        expect(JSON.parse(await readFile(lastGoodFile(), 'utf8')).state).toEqual(lastGood);
        expect(JSON.parse(await readFile(stateFile(), 'utf8')).state.cellState).toEqual({});
      } finally {
        await core.close();
      }
    });
  }

  it('starts with the default scenario when both files hold such nesting', async () => {
    const { current } = await savedWalls();
    const text = withDeepCellState(current, 100_000);
    await writeFile(stateFile(), text);
    await writeFile(lastGoodFile(), text);
    logLines.length = 0;
    const core = await start();
    try {
      expect(core.wall.state).toMatchObject({ scenarioId: 'daily', version: 1 });
      expect(logLines).toContainEqual(expect.stringMatching(/starting with the default scenario 'daily'/));
    } finally {
      await core.close();
    }
  });
});
