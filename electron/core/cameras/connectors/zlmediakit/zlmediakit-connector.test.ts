// The ZLMediaKit connector against the double of its HTTP API (tests/support/zlm): cameras from getMediaList and
// their status, the secret, recordings from record file names, playback control and outages.
import { afterEach, describe, expect, it } from 'vitest';
import { platformSchema } from '@shared/model/camera';
import type { ConnectorHealth } from '@shared/model/camera-platform';
import { startZlmDouble, type ZlmDouble } from '../../../../../tests/support/zlm/zlm-double';
import { ConnectorError, type CameraConnector, type StatusChange } from '../../connector';
import { createConnector } from '../create-connector';
import { createZlmediakitConnector } from './zlmediakit-connector';

let zlm: ZlmDouble | undefined;
let connector: CameraConnector | undefined;
afterEach(async () => {
  connector?.dispose();
  await zlm?.close();
  connector = undefined;
  zlm = undefined;
});

const ref = (platformCameraId: string) => ({ cameraId: `zlm-${platformCameraId}`, platformCameraId });

async function connect(
  options: { apps?: string[]; secret?: string; timeoutMs?: number } = {},
): Promise<{ zlm: ZlmDouble; connector: CameraConnector }> {
  zlm = await startZlmDouble();
  const platform = platformSchema.parse({
    id: 'zlm',
    name: 'ZLMediaKit',
    vendor: 'zlmediakit',
    kind: 'ws-flv',
    connector: {
      type: 'zlmediakit',
      apiUrl: zlm.url,
      secret: { env: 'ZLM_SECRET' },
      apps: options.apps ?? ['live'],
      playUrl: 'ws://10.0.0.6:80/{app}/{stream}.live.flv',
      streamOrigins: ['ws://10.0.0.6:80'],
      areas: { fallback: { street: 'street-1', grid: 'grid-1' } },
    },
  });
  const env = { ZLM_SECRET: options.secret ?? zlm.secret };
  expect(createConnector(platform, { workspaceDir: '/nowhere', env })?.platformId).toBe('zlm');
  connector = createZlmediakitConnector(platform, {
    workspaceDir: '/nowhere',
    env,
    timeoutMs: options.timeoutMs,
  });
  return { zlm, connector };
}

describe('ZLMediaKit connector', () => {
  it('lists each stream of the configured apps once as an online camera, leaving out other apps and playbacks', async () => {
    const { zlm, connector } = await connect();
    zlm.control.addStream('live', 'cam-01');
    zlm.control.addStream('live', 'cam-02');
    zlm.control.addStream('rtp', '34020000001320000001');
    zlm.control.addStream('live', 'replay', { originType: 'mp4_vod' });
    const page = await connector.listCameras();
    expect(page.cameras.map((camera) => [camera.platformCameraId, camera.status])).toEqual([
      ['live/cam-01', 'online'],
      ['live/cam-02', 'online'],
    ]);
    expect(page.next).toBeUndefined();
    expect(connector.health()).toMatchObject({ state: 'connected', cameras: 2, skipped: 0 });
    expect(connector.capabilities.playback).toMatchObject({ recordings: true, seek: true, pause: false });
  });

  it('lists every app when none is configured, or the named ones; malformed records are skipped and counted', async () => {
    const { zlm, connector } = await connect({ apps: ['live', 'rtp'] });
    zlm.control.addStream('live', 'cam-01');
    zlm.control.addStream('rtp', '34020000001320000001');
    zlm.control.addStream('other', 'cam-09');
    zlm.control.injectMediaEntry({ schema: 'rtmp', app: 'live' });
    zlm.control.injectMediaEntry({ schema: 'rtmp', app: 42, stream: 'cam-x' });
    const page = await connector.listCameras();
    expect(page.cameras.map((camera) => camera.platformCameraId)).toEqual([
      'live/cam-01',
      'rtp/34020000001320000001',
    ]);
    expect(page.skipped).toBe(2);
    expect(connector.health()).toMatchObject({ cameras: 2, skipped: 2 });
    connector.dispose();
    await zlm.close();
    const all = await connect({ apps: [] });
    all.zlm.control.addStream('other', 'cam-09');
    expect((await all.connector.listCameras()).cameras.map((camera) => camera.platformCameraId)).toEqual([
      'other/cam-09',
    ]);
  });

  it('marks a camera offline when its stream leaves the list, and online again when it returns', async () => {
    const { zlm, connector } = await connect();
    const changes: StatusChange[][] = [];
    connector.onStatus((change) => changes.push([...change]));
    zlm.control.addStream('live', 'cam-01');
    zlm.control.addStream('live', 'cam-02');
    await connector.listCameras();
    zlm.control.removeStream('live', 'cam-02');
    const page = await connector.listCameras();
    expect(page.cameras.find((camera) => camera.platformCameraId === 'live/cam-02')?.status).toBe('offline');
    expect(changes).toEqual([[{ platformCameraId: 'live/cam-02', status: 'offline' }]]);
    zlm.control.addStream('live', 'cam-02');
    await connector.listCameras();
    expect(changes[1]).toEqual([{ platformCameraId: 'live/cam-02', status: 'online' }]);
  });

  it('plays a camera from the playUrl template, with nothing to release', async () => {
    const { connector } = await connect();
    const live = await connector.openLive(ref('live/cam 01'), 'main');
    expect(live).toMatchObject({ url: 'ws://10.0.0.6:80/live/cam%2001.live.flv', kind: 'ws-flv' });
    await live.release();
  });

  it("a wrong secret puts the platform down with ZLMediaKit's own message", async () => {
    const { connector } = await connect({ secret: 'not-the-secret' });
    const healths: ConnectorHealth[] = [];
    connector.onHealth((health) => healths.push(health));
    const failure = await connector.listCameras().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect(failure).toMatchObject({ reason: 'unauthorised' });
    expect(connector.health()).toMatchObject({
      state: 'down',
      problem: 'ZLMediaKit 拒绝了密钥（-100 Please login first）',
    });
    expect(healths.at(-1)?.state).toBe('down');
  });

  it('a secret whose environment variable is not set puts the platform down naming the variable', async () => {
    const { connector } = await connect({ secret: '' });
    await expect(connector.listCameras()).rejects.toMatchObject({ reason: 'unauthorised' });
    expect(connector.health()).toMatchObject({
      state: 'down',
      problem: 'ZLMediaKit 的密钥不可用：环境变量 ZLM_SECRET 未设置',
    });
  });

  it('reads recordings from record file names in server time, joining back-to-back files and skipping one still open', async () => {
    const { zlm, connector } = await connect();
    const hour = 3_600_000;
    const morning = Date.parse('2026-12-07T00:00:00Z'); // 08:00 in Beijing
    zlm.control.addRecording('live', 'cam-01', morning, hour, { index: 0 });
    zlm.control.addRecording('live', 'cam-01', morning + hour, hour, { index: 1 });
    zlm.control.addRecording('live', 'cam-01', morning + 4 * hour, 20 * 60_000, { index: 2 });
    zlm.control.addRecording('live', 'cam-01', morning + 4 * hour + 20 * 60_000, 60_000, {
      index: 3,
      isOpen: true,
    });
    const spans = await connector.playback!.recordings(
      ref('live/cam-01'),
      morning - hour,
      morning + 6 * hour,
    );
    expect(spans).toEqual([
      { start: morning, end: morning + 2 * hour },
      { start: morning + 4 * hour, end: morning + 4 * hour + 20 * 60_000 },
    ]);
    expect(zlm.control.calls.map((call) => call.args.period)).toEqual(['2026-12-07']);
  });

  it('plays back from a time: loads the file at that offset, seeks within and across files, sets speed, cannot pause', async () => {
    const { zlm, connector } = await connect();
    const hour = 3_600_000;
    const morning = Date.parse('2026-12-07T00:00:00Z');
    const first = zlm.control.addRecording('live', 'cam-01', morning, hour, { index: 0 });
    const second = zlm.control.addRecording('live', 'cam-01', morning + hour, hour, { index: 1 });
    const playback = await connector.playback!.start(ref('live/cam-01'), morning + 10 * 60_000);
    expect(playback.startsAt).toBe(morning + 10 * 60_000);
    expect(playback.url).toMatch(/^ws:\/\/10\.0\.0\.6:80\/playback\/cam-01-[a-z0-9]+-1\.live\.flv$/);
    const [streamKey, stream] = [...zlm.control.streams].find(([, entry]) => entry.originType === 'mp4_vod')!;
    expect(stream.vod).toMatchObject({ filePath: first, seekMs: 600_000 });

    await playback.seek(morning + 30 * 60_000);
    expect(zlm.control.streams.get(streamKey)?.vod?.seekMs).toBe(1_800_000);
    await playback.seek(morning + hour + 5 * 60_000);
    expect(zlm.control.streams.get(streamKey)?.vod).toMatchObject({ filePath: second, seekMs: 300_000 });

    await playback.setSpeed(4);
    expect(zlm.control.streams.get(streamKey)?.vod?.speed).toBe(4);
    await expect(playback.setSpeed(32)).rejects.toMatchObject({ reason: 'refused' });
    await expect(playback.pause()).rejects.toMatchObject({ reason: 'unsupported' });
    await playback.stop();
    expect(zlm.control.streams.has(streamKey)).toBe(false);
    expect(zlm.control.calls.filter((call) => call.route === 'seekRecordStamp')[0]?.args).toMatchObject({
      schema: 'rtmp',
      app: 'playback',
      stamp: '1800000',
    });
  });

  it('says when there is no recording to play back', async () => {
    const { connector } = await connect();
    await expect(connector.playback!.start(ref('live/cam-01'), Date.now() - 60_000)).rejects.toMatchObject({
      reason: 'not-found',
    });
  });

  it('an outage (refused, then hung) puts the platform down with the reason, and it recovers', async () => {
    const { zlm, connector } = await connect({ timeoutMs: 500 });
    zlm.control.addStream('live', 'cam-01');
    await connector.listCameras();
    await zlm.control.down({ mode: 'refuse' });
    await expect(connector.listCameras()).rejects.toMatchObject({ reason: 'unreachable' });
    expect(connector.health()).toMatchObject({ state: 'down', problem: `无法连接 ZLMediaKit（${zlm.url}）` });
    await zlm.control.up();
    await connector.listCameras();
    expect(connector.health().state).toBe('connected');
    await zlm.control.down({ mode: 'hang' });
    await expect(connector.listCameras()).rejects.toMatchObject({ reason: 'unreachable' });
    expect(connector.health()).toMatchObject({
      state: 'down',
      problem: `ZLMediaKit 0.5 秒未应答（${zlm.url}）`,
    });
    await zlm.control.up();
    await connector.listCameras();
    expect(connector.health()).toMatchObject({ state: 'connected', cameras: 1 });
  });
});
