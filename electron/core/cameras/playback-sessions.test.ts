// Playback sessions: every control checked against the platform's capabilities, stopped with their window, bounded.
import { describe, expect, it } from 'vitest';
import { Emitter } from '@shared/base/emitter';
import { liveOnlyCapabilities, type PlatformCapabilities } from '@shared/model/camera-platform';
import type { CameraConnector, CameraDirectory, PlaybackStream } from './connector';
import { PlaybackSessions, type PlaybackViewing } from './playback-sessions';

interface FakePlatform {
  readonly directory: CameraDirectory;
  readonly calls: string[];
  readonly open: Set<string>;
}

function fakePlatform(playback: Partial<PlatformCapabilities['playback']> | null): FakePlatform {
  const calls: string[] = [];
  const open = new Set<string>();
  let streams = 0;
  const capabilities: PlatformCapabilities = {
    ...liveOnlyCapabilities,
    playback: { recordings: true, seek: true, pause: true, speeds: [1, 2, 4], ...playback },
  };
  const connector: CameraConnector = {
    platformId: 'fake',
    capabilities,
    health: () => ({ platformId: 'fake', state: 'connected', cameras: 1, skipped: 0 }),
    onHealth: new Emitter<never>().event,
    onStatus: new Emitter<never>().event,
    onAlarm: new Emitter<never>().event,
    listCameras: async () => ({ cameras: [], skipped: 0 }),
    openLive: async () => {
      throw new Error('not in these tests');
    },
    dispose: () => undefined,
    ...(playback === null
      ? {}
      : {
          playback: {
            recordings: async (_camera, from, to) => [{ start: from, end: to }],
            start: async (camera, from): Promise<PlaybackStream> => {
              const id = `stream-${++streams}`;
              open.add(id);
              const record = (what: string) => async (value?: number) =>
                void calls.push(`${id} ${what}${value === undefined ? '' : ` ${value}`}`);
              return {
                url: `ws://media/${camera.platformCameraId}/${id}.flv`,
                kind: 'ws-flv',
                startsAt: from,
                seek: record('seek'),
                pause: record('pause'),
                resume: record('resume'),
                setSpeed: record('speed'),
                stop: async () => {
                  open.delete(id);
                  calls.push(`${id} stop`);
                },
              };
            },
          },
        }),
  };
  const ref = { cameraId: 'cam-0001', platformCameraId: 'cam-01' };
  return { directory: { find: (id) => (id === 'cam-0001' ? { connector, ref } : undefined) }, calls, open };
}

const windowA = { name: 'console A' };
const windowB = { name: 'console B' };
const start = Date.UTC(2026, 11, 7, 8, 0, 0);

function sessionsOf(platform: FakePlatform, options: { maxPerOwner?: number } = {}) {
  let now = start;
  const viewings: { owner: object; viewing: PlaybackViewing }[] = [];
  const sessions = new PlaybackSessions<object>({
    directory: platform.directory,
    clock: () => now,
    ended: (owner, viewing) => viewings.push({ owner, viewing }),
    ...options,
  });
  return { sessions, viewings, advance: (ms: number) => (now += ms) };
}

describe('PlaybackSessions', () => {
  it('starts a playback with its url, start time and the speeds the platform scales', async () => {
    const { sessions } = sessionsOf(fakePlatform({}));
    const started = await sessions.start(windowA, 'cam-0001', start - 120_000);
    expect(started).toMatchObject({
      cameraId: 'cam-0001',
      url: 'ws://media/cam-01/stream-1.flv',
      kind: 'ws-flv',
      startsAt: start - 120_000,
      speeds: [1, 2, 4],
      canSeek: true,
      canPause: true,
    });
  });

  it('refuses a speed the platform does not scale time at, saying which speeds it has', async () => {
    const platform = fakePlatform({ speeds: [1] });
    const { sessions } = sessionsOf(platform);
    const { playbackId } = await sessions.start(windowA, 'cam-0001', start);
    await expect(sessions.speed(windowA, playbackId, 2)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('只支持 1 倍速'),
    });
    expect(platform.calls).toEqual([]);
  });

  it('refuses seek and pause where the platform cannot, without calling it', async () => {
    const platform = fakePlatform({ seek: false, pause: false });
    const { sessions } = sessionsOf(platform);
    const { playbackId, canSeek, canPause } = await sessions.start(windowA, 'cam-0001', start);
    expect({ canSeek, canPause }).toEqual({ canSeek: false, canPause: false });
    await expect(sessions.seek(windowA, playbackId, start + 1000)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('不能拖动'),
    });
    await expect(sessions.pause(windowA, playbackId)).rejects.toMatchObject({ code: 'unsupported' });
    expect(platform.calls).toEqual([]);
  });

  it('refuses recordings and playback of a camera whose platform has none', async () => {
    const { sessions } = sessionsOf(fakePlatform(null));
    await expect(sessions.recordings('cam-0001', start - 1000, start)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('没有录像回放'),
    });
    await expect(sessions.start(windowA, 'cam-0001', start)).rejects.toMatchObject({ code: 'unsupported' });
    await expect(sessions.start(windowA, 'cam-0404', start)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('runs the recorded position on at the chosen speed and holds it while paused', async () => {
    const { sessions, advance } = sessionsOf(fakePlatform({}));
    const { playbackId } = await sessions.start(windowA, 'cam-0001', start);
    advance(10_000);
    expect((await sessions.speed(windowA, playbackId, 4)).position).toBe(start + 10_000);
    advance(5_000);
    const paused = await sessions.pause(windowA, playbackId);
    expect(paused).toMatchObject({ position: start + 30_000, isPaused: true, speed: 4 });
    advance(60_000);
    expect((await sessions.resume(windowA, playbackId)).position).toBe(start + 30_000);
    expect((await sessions.seek(windowA, playbackId, start - 3_600_000)).position).toBe(start - 3_600_000);
  });

  it("does not let one window control or stop another window's playback", async () => {
    const platform = fakePlatform({});
    const { sessions } = sessionsOf(platform);
    const { playbackId } = await sessions.start(windowA, 'cam-0001', start);
    await expect(sessions.stop(windowB, playbackId)).rejects.toMatchObject({ code: 'not-found' });
    await expect(sessions.seek(windowB, playbackId, start)).rejects.toMatchObject({ code: 'not-found' });
    expect(platform.open.size).toBe(1);
  });

  it("stops every playback of a window when the window closes, and only that window's", async () => {
    const platform = fakePlatform({});
    const { sessions, viewings } = sessionsOf(platform);
    await sessions.start(windowA, 'cam-0001', start);
    await sessions.start(windowA, 'cam-0001', start - 60_000);
    await sessions.start(windowB, 'cam-0001', start);
    await sessions.closeOwner(windowA);
    expect(platform.open).toEqual(new Set(['stream-3']));
    expect(sessions.size).toBe(1);
    expect(viewings.map(({ owner }) => owner)).toEqual([windowA, windowA]);
  });

  it("stops a window's oldest playback when it starts one more than its bound", async () => {
    const platform = fakePlatform({});
    const { sessions } = sessionsOf(platform, { maxPerOwner: 2 });
    await sessions.start(windowA, 'cam-0001', start);
    await sessions.start(windowA, 'cam-0001', start);
    await sessions.start(windowB, 'cam-0001', start);
    await sessions.start(windowA, 'cam-0001', start);
    expect([...platform.open].sort()).toEqual(['stream-2', 'stream-3', 'stream-4']);
    expect(platform.calls).toEqual(['stream-1 stop']);
  });

  it('reports who watched which recorded time, from when to when, when a playback stops', async () => {
    const { sessions, viewings, advance } = sessionsOf(fakePlatform({}));
    const from = start - 120_000;
    const { playbackId } = await sessions.start(windowA, 'cam-0001', from);
    advance(30_000);
    await sessions.seek(windowA, playbackId, start - 3_600_000);
    advance(10_000);
    await sessions.stop(windowA, playbackId);
    expect(viewings).toEqual([
      {
        owner: windowA,
        viewing: {
          cameraId: 'cam-0001',
          watchedFrom: start,
          watchedTo: start + 40_000,
          recorded: [
            { from, to: from + 30_000 },
            { from: start - 3_600_000, to: start - 3_590_000 },
          ],
        },
      },
    ]);
  });
});
