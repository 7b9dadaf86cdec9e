// The trust boundary over the core's real WebSocket: sign-in by cookie, per-area cameras, roles and the wall
// machine refused what they may not do, and every refusal journaled.
/* eslint-disable @typescript-eslint/no-explicit-any -- replies are raw JSON, checked field by field below */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { JournalRecord } from '@shared/model/journal';
import { createCore, type Core } from './index';
import { wallView } from './auth/camera-permissions';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One connection: numbered requests over a WebSocket that may carry a token or a session cookie. */
async function connect(url: string, cookie?: string) {
  const socket = new WebSocket(url, cookie ? { headers: { Cookie: cookie } } : {});
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const waiting = new Map<number, (response: any) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type === 'response') waiting.get(message.id)?.(message);
  });
  return {
    request(name: string, params: unknown = {}): Promise<any> {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ type: 'request', id, name, params }));
      });
    },
    close: () => socket.close(),
  };
}

describe('the trust boundary over WebSocket', () => {
  let core: Core;
  let stateDir: string;
  let ws: string;

  /** Signs in through POST /auth/session as the login page does; returns the Cookie header to send. */
  async function signIn(userId: string, password: string): Promise<string> {
    const response = await fetch(`${core.origin}/auth/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: core.origin },
      body: JSON.stringify({ userId, password }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    return setCookie.split(';')[0]!;
  }

  /** The journal's records of `action`, once they are on disk (appends are not awaited by refusals). */
  async function journaled(action: string, count = 1): Promise<JournalRecord[]> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const records = await core.journal!.query({ action });
      if (records.length >= count) return records;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return core.journal!.query({ action });
  }

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-trust-'));
    core = await createCore(path.join(root, 'resources/demo'), {
      clipsDir: path.join(root, 'resources/media/clips'),
      stateDir,
      extraMediaPorts: 0,
      log: () => undefined,
    });
    ws = `${core.origin.replace('http', 'ws')}/ws`;
  }, 30_000);
  afterAll(async () => {
    await core.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('gives a connection without credential nothing but the public requests', async () => {
    const anonymous = await connect(ws);
    expect((await anonymous.request('auth.me')).result).toMatchObject({ kind: 'none', user: null });
    for (const name of ['session.hello', 'cameras.get', 'wall.state', 'topic.subscribe']) {
      const response = await anonymous.request(
        name,
        name === 'topic.subscribe' ? { topics: ['vitals/rain-1h'] } : {},
      );
      expect(response.ok, name).toBe(false);
      expect(response.error.code).toBe('forbidden');
      expect(response.error.message).toMatch(/^无权限：未登录/);
    }
    anonymous.close();
  });

  it("refuses a street operator's media.resolve of another street's camera with 无权限, and journals it", async () => {
    const cookie = await signIn('waitan-operator', 'demo-waitan');
    const operator = await connect(ws, cookie);
    const me = (await operator.request('auth.me')).result;
    expect(me).toMatchObject({ kind: 'user', user: { id: 'waitan-operator', role: 'operator' } });

    const shown = wallView(core.wall.state, null);
    const cameras = (await operator.request('cameras.get')).result.cameras as any[];
    expect(cameras.length).toBeGreaterThan(0);
    expect(cameras.every((camera) => camera.street === 'waitan' || shown.isShown(camera.id))).toBe(true);

    const foreign = core.workspace.cameras.cameras.find(
      (camera) => camera.street !== 'waitan' && !shown.isShown(camera.id),
    )!;
    const refused = await operator.request('media.resolve', { cameraId: foreign.id, profile: 'sub' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refused.error.message).toMatch(/^无权限：.*不在您的管辖区域内/);
    const own = cameras.find((camera) => camera.street === 'waitan');
    expect((await operator.request('media.resolve', { cameraId: own.id, profile: 'sub' })).ok).toBe(true);

    const records = await journaled('refused');
    expect(records).toContainEqual(
      expect.objectContaining({
        actor: expect.objectContaining({ userId: 'waitan-operator', role: 'operator' }),
        target: { kind: 'camera', id: foreign.id },
        result: 'refused',
      }),
    );
    operator.close();
    // The session closed: the camera it resolved is one 调阅 record with its period.
    const views = await journaled('camera.viewed');
    expect(views).toContainEqual(
      expect.objectContaining({ target: { kind: 'camera', id: own.id }, period: expect.any(Object) }),
    );
  }, 20_000);

  it("refuses a street operator's playback of another street's camera, even one the wall shows", async () => {
    const operator = await connect(ws, await signIn('waitan-operator', 'demo-waitan'));
    const shown = wallView(core.wall.state, null);
    const foreign = core.workspace.cameras.cameras.find(
      (camera) => camera.street !== 'waitan' && shown.isShown(camera.id),
    )!;
    const now = Date.now();
    for (const [name, params] of [
      ['playback.recordings', { cameraId: foreign.id, from: now - 3600_000, to: now }],
      ['playback.start', { cameraId: foreign.id, from: now - 120_000 }],
    ] as const) {
      const refused = await operator.request(name, params);
      expect(refused, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(refused.error.message).toMatch(/^无权限：.*不在您的管辖区域内，不能调阅录像/);
    }
    const own = core.workspace.cameras.cameras.find((camera) => camera.street === 'waitan')!;
    const spans = await operator.request('playback.recordings', {
      cameraId: own.id,
      from: now - 3600_000,
      to: now,
    });
    expect(spans.result.spans.length).toBeGreaterThan(0);
    operator.close();
  }, 20_000);

  it("refuses a viewer's playback.start (operate) but lists recordings for them (view)", async () => {
    const viewer = await connect(ws, await signIn('viewer', 'demo-viewer'));
    const now = Date.now();
    expect(
      (await viewer.request('playback.recordings', { cameraId: 'cam-0001', from: now - 60_000, to: now })).ok,
    ).toBe(true);
    const refused = await viewer.request('playback.start', { cameraId: 'cam-0001', from: now - 60_000 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    viewer.close();
  }, 20_000);

  it('journals a playback as the 调阅 of a recording: who, which camera, which recorded time, when', async () => {
    const operator = await connect(ws, await signIn('operator', 'demo-operator'));
    const from = Date.now() - 120_000;
    const started = await operator.request('playback.start', { cameraId: 'cam-0002', from });
    expect(started.result).toMatchObject({ cameraId: 'cam-0002', startsAt: from, speeds: [1, 2, 4] });
    expect(started.result.url).toMatch(/\/media\/playback\/cam-02-\d+\.flv$/);
    expect(core.media.stats().playbacks).toBe(1);
    // The window closes without stopping its playback: the core stops it and journals what was watched.
    operator.close();
    // Earlier tests' views are on file already: wait for the playback's own record.
    let playback: JournalRecord | undefined;
    for (let attempt = 0; attempt < 100 && !playback; attempt++) {
      const views = await journaled('camera.viewed');
      playback = views.find((record) => (record.detail as any)?.playback === true);
      if (!playback) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(playback).toMatchObject({
      actor: expect.objectContaining({ userId: 'operator', role: 'operator' }),
      target: { kind: 'camera', id: 'cam-0002' },
      period: expect.any(Object),
      detail: { playback: true, recorded: [{ from: new Date(from).toISOString(), to: expect.any(String) }] },
    });
    expect(core.media.stats().playbacks).toBe(0);
  }, 20_000);

  it("stops a window's playbacks when its user signs out, though the window stays connected", async () => {
    const operator = await connect(ws, await signIn('operator', 'demo-operator'));
    const started = await operator.request('playback.start', {
      cameraId: 'cam-0003',
      from: Date.now() - 60_000,
    });
    expect(started.ok).toBe(true);
    expect(core.media.stats().playbacks).toBe(1);
    expect((await operator.request('auth.logout')).ok).toBe(true);
    for (let attempt = 0; attempt < 50 && core.media.stats().playbacks > 0; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(core.media.stats().playbacks).toBe(0);
    operator.close();
  }, 20_000);

  it("refuses a viewer's wall.command, and journals the refusal", async () => {
    const viewer = await connect(ws, await signIn('viewer', 'demo-viewer'));
    expect((await viewer.request('session.hello', { role: 'console' })).ok).toBe(true);
    // Earlier tests' refusals are on file already: wait for one more, not for any.
    const before = (await core.journal!.query({ action: 'refused' })).length;
    const response = await viewer.request('wall.command', {
      command: { type: 'scenario.activate', scenarioId: 'flood-typhoon' },
    });
    expect(response).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(response.error.message).toMatch(/^无权限：需要值班员及以上角色/);
    expect(core.wall.state.scenarioId).toBe('daily');
    const records = await journaled('refused', before + 1);
    expect(records).toContainEqual(
      expect.objectContaining({
        actor: expect.objectContaining({ userId: 'viewer', role: 'viewer' }),
        target: { kind: 'request', id: 'wall.command' },
      }),
    );
    viewer.close();
  }, 20_000);

  it('lets a wall window (the machine token) read and play the wall but refuses its wall.command', async () => {
    const wall = await connect(`${ws}?token=${core.accessToken}`);
    expect((await wall.request('session.hello', { role: 'wall', displayId: 'left' })).ok).toBe(true);
    // Its map widgets draw every camera for the room (positions, not streams).
    const listed = (await wall.request('cameras.get')).result.cameras;
    expect(listed).toHaveLength(core.workspace.cameras.cameras.length);
    const playable = wallView(core.wall.state, core.wall.scenarios.all());
    const notShown = core.workspace.cameras.cameras.find((camera) => !playable.isShown(camera.id))!;
    expect((await wall.request('media.resolve', { cameraId: notShown.id, profile: 'sub' })).error?.code).toBe(
      'forbidden',
    );
    const shownId = [...Object.values(core.wall.state.displays)]
      .flatMap((display) => display.cells)
      .find((cell) => cell.kind === 'video.camera')!.options as { cameraId: string };
    expect((await wall.request('media.resolve', { cameraId: shownId.cameraId, profile: 'sub' })).ok).toBe(
      true,
    );
    const response = await wall.request('wall.command', { command: { type: 'scenario.return' } });
    expect(response).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(response.error.message).toMatch(/^无权限：大屏节点/);
    wall.close();
  });

  it('journals a command with its type and target, and a failed sign-in', async () => {
    const operator = await connect(ws, await signIn('operator', 'demo-operator'));
    const answer = await operator.request('wall.command', {
      command: { type: 'scenario.activate', scenarioId: 'flood-typhoon' },
    });
    expect(answer.ok).toBe(true);
    await operator.request('wall.command', { command: { type: 'scenario.return' } });
    const commands = await journaled('command', 2);
    expect(commands).toContainEqual(
      expect.objectContaining({
        actor: expect.objectContaining({ userId: 'operator' }),
        target: { kind: 'scenario', id: 'flood-typhoon' },
        detail: { type: 'scenario.activate' },
      }),
    );
    expect(await journaled('scenario.switched', 2)).toHaveLength(2);
    const failed = await fetch(`${core.origin}/auth/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: core.origin },
      body: JSON.stringify({ userId: 'operator', password: 'wrong' }),
    });
    expect(failed.status).toBe(401);
    expect(((await failed.json()) as { error: string }).error).toBe('用户名或密码错误');
    expect(await journaled('login.failed')).toHaveLength(1);
    operator.close();
  }, 20_000);
});
