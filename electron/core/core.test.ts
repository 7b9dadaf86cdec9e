// The core end to end over its real WebSocket protocol: hello, subscriptions, commands broadcast to every window.
/* eslint-disable @typescript-eslint/no-explicit-any -- replies are raw JSON, checked field by field below */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import WebSocket from 'ws';
import { createCore, type Core } from './index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A minimal protocol client: numbered requests, and every event kept in order. */
class TestClient {
  readonly events: Array<{ name: string; payload: any }> = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (response: any) => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'event') this.events.push(message);
      else this.waiting.get(message.id)?.(message);
    });
  }

  static async open(url: string): Promise<TestClient> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new TestClient(socket);
  }

  request(name: string, params: unknown): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ type: 'request', id, name, params }));
    });
  }

  async eventually(name: string, timeoutMs = 3_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.events.find((event) => event.name === name);
      if (found) return found.payload;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no '${name}' event within ${timeoutMs} ms`);
  }
}

describe('core over WebSocket', () => {
  let core: Core;
  let url: string;
  let stateDir: string;
  const logLines: string[] = [];
  const start = () =>
    createCore(path.join(root, 'resources/demo'), {
      clipsDir: path.join(root, 'resources/media/clips'),
      accessToken: 'secret-token',
      consoleUser: 'admin',
      session: { coalesceMs: 100 },
      stateDir,
      rendererDir: path.join(stateDir, 'renderer'),
      log: (line) => logLines.push(line),
    });

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-core-state-'));
    await mkdir(path.join(stateDir, 'renderer'));
    await writeFile(path.join(stateDir, 'renderer/index.html'), '<!doctype html><title>test</title>');
    core = await start();
    url = `${core.origin.replace('http', 'ws')}/ws?token=${core.consoleTicket}`;
  });
  afterAll(async () => {
    await core.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("refuses a WebSocket with a token that is neither the wall machine's nor the console's", async () => {
    const socket = new WebSocket(`${core.origin.replace('http', 'ws')}/ws?token=secret-tokeN`);
    const status = await new Promise((resolve) =>
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode)),
    );
    expect(status).toBe(401);
  });

  it('answers hello with the workspace and the versioned wall state', async () => {
    const client = await TestClient.open(url);
    const response = await client.request('session.hello', { role: 'console' });
    expect(response.ok).toBe(true);
    expect(response.result.wall.displays.map((display: { id: string }) => display.id)).toEqual([
      'left',
      'right',
    ]);
    expect(response.result.state).toMatchObject({ scenarioId: 'daily', version: expect.any(Number) });
    client.socket.close();
  });

  it('gives a topic snapshot with history, then coalesced live updates', async () => {
    const client = await TestClient.open(url);
    const response = await client.request('topic.subscribe', { topics: ['vitals/rain-1h'] });
    const [snapshot] = response.result.snapshots;
    expect(snapshot.history.length).toBeGreaterThan(100);
    expect(snapshot.latest.topic).toBe('vitals/rain-1h');
    const update = await client.eventually('topic.updated');
    expect(update.values[0]).toMatchObject({ topic: 'vitals/rain-1h', value: expect.any(Number) });
    client.socket.close();
  });

  it('applies a command once and broadcasts the new state to every window', async () => {
    const [first, second] = await Promise.all([TestClient.open(url), TestClient.open(url)]);
    const before = core.wall.state.version;
    const response = await first.request('wall.command', {
      command: { type: 'scenario.activate', scenarioId: 'flood-typhoon' },
    });
    expect(response).toMatchObject({ ok: true, result: { version: before + 1 } });
    for (const client of [first, second]) {
      const { state } = await client.eventually('wall.stateChanged');
      expect(state).toMatchObject({ scenarioId: 'flood-typhoon', version: before + 1 });
    }
    await first.request('wall.command', { command: { type: 'scenario.return' } });
    expect(core.wall.state.scenarioId).toBe('daily');
    first.socket.close();
    second.socket.close();
  });

  it('comes back after a restart with the same state hash, 返回 included', async () => {
    const client = await TestClient.open(url);
    await client.request('wall.command', {
      command: {
        type: 'cell.assign',
        displayId: 'right',
        cellIndex: 2,
        widget: { kind: 'video.camera', options: { cameraId: 'cam-0042' } },
      },
    });
    const switched = await client.request('wall.command', {
      command: { type: 'scenario.activate', scenarioId: 'fire' },
    });
    expect(switched.result.stateHash).toBe(core.wall.stateHash);
    client.socket.close();
    const before = { hash: core.wall.stateHash, state: core.wall.state };
    await core.close();

    core = await start();
    url = `${core.origin.replace('http', 'ws')}/ws?token=${core.consoleTicket}`;
    expect(core.wall.stateHash).toBe(before.hash);
    expect(core.wall.state).toEqual(before.state);
    expect(logLines.some((line) => line.startsWith('[wall] resumed state version'))).toBe(true);
    const again = await TestClient.open(url);
    const hello = await again.request('session.hello', { role: 'console' });
    expect(hello.result.stateHash).toBe(before.hash);
    const back = await again.request('wall.command', { command: { type: 'scenario.return' } });
    expect(back.ok).toBe(true);
    expect(core.wall.state.displays.right!.cells[2]).toEqual({
      kind: 'video.camera',
      options: { cameraId: 'cam-0042', profile: 'auto' },
    });
    again.socket.close();
  });

  it('suggests 防汛防台 to every console when the rain reaches red, from the hub values', async () => {
    const client = await TestClient.open(url);
    core.hub.publish([{ topic: 'vitals/rain-1h', ts: Date.now(), value: 88 }]);
    const { suggestions } = await client.eventually('scenario.suggestionsChanged');
    expect(suggestions).toEqual([
      expect.objectContaining({
        scenarioId: 'flood-typhoon',
        level: 'red',
        warning: { zh: '暴雨', en: 'rainstorm' },
      }),
    ]);
    const listed = await client.request('scenario.suggestions', {});
    expect(listed.result.suggestions).toHaveLength(1);
    await client.request('scenario.dismissSuggestion', { suggestionId: suggestions[0].id });
    expect(core.advisor.suggestions()).toEqual([]);
    core.hub.publish([{ topic: 'vitals/rain-1h', ts: Date.now() + 1, value: 3 }]);
    client.socket.close();
  });

  it('answers bad requests with a clear error and keeps serving', async () => {
    const client = await TestClient.open(url);
    const unknown = await client.request('wall.explode', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
    const malformed = await client.request('wall.command', {
      command: { type: 'scenario.activate', scenarioId: 42 },
    });
    expect(malformed.ok).toBe(false);
    expect(malformed.error).toMatchObject({ code: 'bad-request' });
    expect(malformed.error.message).toMatch(/command\.scenarioId/);
    const rejected = await client.request('wall.command', {
      command: { type: 'scenario.activate', scenarioId: 'alien-invasion' },
    });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const stillServing = await client.request('session.hello', { role: 'wall', displayId: 'left' });
    expect(stillServing.ok).toBe(true);
    client.socket.close();
  });

  it("deals camera streams out over the demo media server's addresses, each of which plays", async () => {
    const client = await TestClient.open(url);
    const urls: string[] = [];
    for (const cameraId of ['cam-0001', 'cam-0002', 'cam-0003', 'cam-0004', 'cam-0005', 'cam-0006']) {
      const response = await client.request('media.resolve', { cameraId, profile: 'sub' });
      expect(response.result).toMatchObject({ kind: 'ws-flv' });
      expect(response.result.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/media\/live\/cam-0\d\.flv$/);
      urls.push(response.result.url);
    }
    // The core's own port and three more, in turn: six streams in a row use all four.
    const hosts = new Set(urls.map((address) => new URL(address).host));
    expect(hosts.size).toBe(4);
    expect(hosts).toContain(new URL(core.origin).host);
    for (const address of urls.slice(0, 4)) {
      const socket = new WebSocket(address);
      const first = await new Promise<Buffer>((resolve, reject) =>
        socket.once('message', (data) => resolve(data as Buffer)).once('error', reject),
      );
      expect(first.subarray(0, 3).toString('latin1')).toBe('FLV');
      socket.close();
    }
    client.socket.close();
  });

  it('serves the pages with a CSP whose connect-src is the core and its media addresses, not any host', async () => {
    const client = await TestClient.open(url);
    const hosts = new Set<string>();
    for (const cameraId of ['cam-0001', 'cam-0002', 'cam-0003', 'cam-0004'])
      hosts.add(
        new URL((await client.request('media.resolve', { cameraId, profile: 'sub' })).result.url).host,
      );
    client.socket.close();
    const page = await fetch(`${core.origin}/`);
    expect(page.status).toBe(200);
    const policy = page.headers.get('content-security-policy') ?? '';
    const connect = policy
      .split('; ')
      .find((directive) => directive.startsWith('connect-src '))!
      .split(' ')
      .slice(1);
    expect(connect).toContain("'self'");
    for (const host of hosts)
      expect(connect).toEqual(expect.arrayContaining([`ws://${host}`, `http://${host}`]));
    for (const broad of ['ws:', 'wss:', 'http:', 'https:']) expect(connect).not.toContain(broad);
  });

  it("lets the core's own pages play from every media address, and no other site", async () => {
    const client = await TestClient.open(url);
    const hosts = new Set<string>();
    for (const cameraId of ['cam-0001', 'cam-0002', 'cam-0003', 'cam-0004'])
      hosts.add(
        new URL((await client.request('media.resolve', { cameraId, profile: 'sub' })).result.url).host,
      );
    client.socket.close();
    expect(hosts.size).toBe(4);
    for (const host of hosts) {
      // The page's origin is the core's main port: the extra ports are cross-origin to it.
      const file = `http://${host}/media/file/cam-01.flv`;
      const own = await fetch(file, { headers: { Origin: core.origin, Range: 'bytes=0-15' } });
      expect(own.status).toBe(206);
      expect(own.headers.get('access-control-allow-origin')).toBe(core.origin);
      const foreign = await fetch(file, {
        headers: { Origin: 'http://attacker.example', Range: 'bytes=0-15' },
      });
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const socket = new WebSocket(`ws://${host}/media/live/cam-01.flv`, { origin: core.origin });
      const first = await new Promise<Buffer>((resolve, reject) =>
        socket.once('message', (data) => resolve(data as Buffer)).once('error', reject),
      );
      expect(first.subarray(0, 3).toString('latin1')).toBe('FLV');
      socket.close();
    }
  });

  it('resolves ahead every stream a display may show next, both profiles of an auto tile, spread over the addresses', async () => {
    const client = await TestClient.open(url);
    const right = (await client.request('media.prefetch', { displayId: 'right' })).result.sources as {
      cameraId: string;
      profile: string;
      url: string;
    }[];
    const streams = right.map((source) => `${source.cameraId}/${source.profile}`);
    // A camera tile of 日常, 火灾 and 防汛防台 on the right display, in both profiles, each once.
    for (const cameraId of ['cam-0001', 'cam-0061', 'cam-0082'])
      expect(streams).toEqual(expect.arrayContaining([`${cameraId}/sub`, `${cameraId}/main`]));
    expect(new Set(streams).size).toBe(streams.length);
    const subs = right.filter((source) => source.profile === 'sub');
    expect(new Set(subs.slice(0, 4).map((source) => new URL(source.url).host)).size).toBe(4);
    // Each answer plays, as media.resolve's does.
    const direct = await client.request('media.resolve', { cameraId: 'cam-0061', profile: 'main' });
    const ahead = right.find((source) => source.cameraId === 'cam-0061' && source.profile === 'main')!;
    expect(new URL(ahead.url).pathname).toBe(new URL(direct.result.url).pathname);
    // The left display's patrol cameras are there too; a display the wall does not have gets nothing.
    const left = (await client.request('media.prefetch', { displayId: 'left' })).result.sources;
    expect(left.length).toBeGreaterThan(2);
    expect((await client.request('media.prefetch', { displayId: 'nowhere' })).result.sources).toEqual([]);
    client.socket.close();
  });

  it('lists the demo incidents and broadcasts an acknowledgement to every window at once', async () => {
    const [operator, wall] = await Promise.all([TestClient.open(url), TestClient.open(url)]);
    const listed = await operator.request('incidents.list', {});
    expect(listed.result.incidents.length).toBeGreaterThanOrEqual(10);
    const target = listed.result.incidents.find((incident: { status: string }) => incident.status === 'new');
    // The name a window sends is ignored: the step is the signed-in user's (here the console's admin).
    const acknowledged = await operator.request('incidents.acknowledge', { id: target.id, by: '李敏' });
    expect(acknowledged.result.incident).toMatchObject({
      id: target.id,
      status: 'acknowledged',
      acknowledgedBy: '管理员 赵六',
      history: [{ action: 'acknowledged', by: 'admin', byName: '管理员 赵六' }],
    });
    const change = await wall.eventually('incidents.changed');
    expect(change.incidents[0]).toMatchObject({ id: target.id, status: 'acknowledged' });
    const missing = await operator.request('incidents.acknowledge', { id: 'no-such-incident' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    operator.socket.close();
    wall.socket.close();
  });

  it('shows the demo source healthy, and the typhoon script raises level-change events', async () => {
    const client = await TestClient.open(url);
    const listed = await client.request('sources.list', {});
    expect(listed.result.sources).toEqual([
      expect.objectContaining({ id: 'demo', kind: 'demo', state: 'open' }),
    ]);
    const levels = await client.request('vitals.levels', {});
    expect(levels.result.levels.length).toBeGreaterThan(20);
    const started = await client.request('demo.typhoon', { action: 'start', durationSeconds: 10 });
    expect(started.result).toMatchObject({ isRunning: true, startedAt: expect.any(Number) });
    // A ten-second storm: wind and rain leave normal within a few one-second demo ticks.
    const deadline = Date.now() + 8_000;
    let raised: any;
    while (!raised && Date.now() < deadline) {
      // Demo indicators change level on their own too: look for one the storm drives.
      raised = client.events.find(
        (event) =>
          event.name === 'vitals.levelChanged' &&
          ['wind-speed', 'rain-1h'].includes(event.payload.indicatorId) &&
          event.payload.level !== 'normal',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(raised?.payload).toMatchObject({ level: expect.stringMatching(/blue|yellow|orange|red/) });
    const stopped = await client.request('demo.typhoon', { action: 'stop' });
    expect(stopped.result.isRunning).toBe(false);
    const stats = await client.request('feeds.stats', {});
    expect(stats.result.values).toBeGreaterThan(0);
    client.socket.close();
  }, 15_000);
});

describe('core resuming a wall saved by the build before the 返回 history', () => {
  const fixture = path.join(root, 'tests/fixtures/wall-state/previous-shape.wall-state.json');
  let stateDir: string;
  const logLines: string[] = [];
  const start = () =>
    createCore(path.join(root, 'resources/demo'), {
      clipsDir: path.join(root, 'resources/media/clips'),
      accessToken: 'secret-token',
      consoleUser: 'admin',
      stateDir,
      log: (line) => logLines.push(line),
    });
  const stateFile = () => path.join(stateDir, 'wall-state.json');

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-core-upgrade-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  it('resumes the saved wall, turns its 返回 snapshot into a history of one, and 返回 restores it', async () => {
    await copyFile(fixture, stateFile());
    const old = JSON.parse(await readFile(fixture, 'utf8')).state;
    let core = await start();
    try {
      expect(core.wall.state).toMatchObject({ scenarioId: 'large-crowd', version: old.version });
      expect(core.wall.state.history.map((entry) => entry.scenarioId)).toEqual(['daily']);
      expect(logLines).toContainEqual(
        expect.stringMatching(/\[wall\] saved state .*upgraded .*history of one/),
      );
      // Written again in the new shape at once; the old file stays as the last good copy.
      const rewritten = JSON.parse(await readFile(stateFile(), 'utf8')).state;
      expect(rewritten.history).toHaveLength(1);
      const lastGood = JSON.parse(await readFile(path.join(stateDir, 'wall-state.last-good.json'), 'utf8'));
      expect(lastGood.state).toEqual(old);
      const hash = core.wall.stateHash;

      await core.close();
      logLines.length = 0;
      core = await start();
      expect(core.wall.stateHash).toBe(hash);
      expect(logLines.some((line) => line.includes('upgraded'))).toBe(false);

      core.wall.execute({ type: 'scenario.return' });
      expect(core.wall.state).toMatchObject({
        scenarioId: 'daily',
        history: [],
        maximized: { right: 4 },
        cellState: { 'left/0': { center: [121.49, 31.24], zoom: 15.5 } },
      });
      expect(core.wall.state.displays.right!.cells[4]).toEqual({
        kind: 'video.camera',
        options: { cameraId: 'cam-0130', profile: 'auto' },
      });
    } finally {
      await core.close();
    }
  });

  it('drops a 返回 entry whose scenario is gone and keeps the wall', async () => {
    const file = JSON.parse(await readFile(fixture, 'utf8'));
    file.state.previous.scenarioId = 'retired-drill';
    await mkdir(stateDir, { recursive: true });
    await writeFile(stateFile(), JSON.stringify(file));
    await rm(path.join(stateDir, 'wall-state.last-good.json'), { force: true });
    logLines.length = 0;
    const core = await start();
    try {
      expect(core.wall.state).toMatchObject({ scenarioId: 'large-crowd', history: [] });
      expect(logLines).toContainEqual(
        "[wall] 返回 entry dropped: history.0.scenarioId: unknown scenario 'retired-drill'",
      );
      expect(JSON.parse(await readFile(stateFile(), 'utf8')).state.history).toEqual([]);
    } finally {
      await core.close();
    }
  });
});

describe('core connected to a real platform only', () => {
  let core: Core;
  let base: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'tianmu-core-platform-'));
    const workspace = path.join(base, 'workspace');
    await cp(path.join(root, 'resources/demo'), workspace, { recursive: true });
    // Nothing listens on port 9: the source stays offline, which is all this test needs.
    await writeFile(
      path.join(workspace, 'sources.json'),
      JSON.stringify({ sources: [{ id: 'city', kind: 'tianmu-ws', url: 'ws://127.0.0.1:9/feed' }] }),
    );
    core = await createCore(workspace, {
      clipsDir: path.join(root, 'resources/media/clips'),
      accessToken: 'secret-token',
      consoleUser: 'admin',
      stateDir: path.join(base, 'state'),
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await core.close();
    await rm(base, { recursive: true, force: true });
  });

  it('shows none of the demo world: no moving units, no sensors, no demo incidents', async () => {
    const client = await TestClient.open(
      `${core.origin.replace('http', 'ws')}/ws?token=${core.consoleTicket}`,
    );
    try {
      expect((await client.request('units.list', {})).result.units).toEqual([]);
      expect((await client.request('sensors.list', {})).result.sensors).toEqual([]);
      expect((await client.request('incidents.list', {})).result.incidents).toEqual([]);
    } finally {
      client.socket.close();
    }
  });
});
