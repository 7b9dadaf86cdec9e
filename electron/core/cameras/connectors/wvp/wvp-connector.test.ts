// The wvp connector against the wvp double (master): sign-in and re-login on expiry, a wrong password, listing,
// live streams and their release, PTZ, presets, drag-a-box zoom, recordings and playback, alarms and dispose.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, type ConnectorCameraRef } from '../../connector';
import { startWvpDouble, type WvpDouble } from '../../../../../tests/support/wvp/wvp-double';
import { createWvpConnector, type WvpConnector } from './wvp-connector';
import { nextEvent, testEnv, until, wvpPlatform } from './wvp-test-platform';

const workspaceDir = '.';

describe('wvp connector (master)', () => {
  const clock = Date.parse('2026-12-07T10:00:00+08:00');
  let double: WvpDouble;
  const connectors: WvpConnector[] = [];
  const connect = (connector: Record<string, unknown> = {}, options: Record<string, unknown> = {}) => {
    const created = createWvpConnector(wvpPlatform(double.url, connector), {
      workspaceDir,
      env: testEnv,
      alarmPollMs: 40,
      ...options,
    });
    connectors.push(created);
    return created;
  };
  const ref = (gbId: number): ConnectorCameraRef => ({
    cameraId: `wvp-${gbId}`,
    platformCameraId: String(gbId),
  });

  beforeAll(async () => {
    double = await startWvpDouble({
      channelCount: 300,
      now: () => clock,
      apiKeys: [{ key: 'k-1', username: 'admin' }],
    });
  });
  afterEach(async () => {
    for (const connector of connectors.splice(0)) {
      connector.dispose();
      await connector.whenDisposed();
    }
    double.control.resetCounters();
  });
  afterAll(() => double.close());

  it('signs in once with the MD5 of the password and lists every channel with its fields', async () => {
    const connector = connect();
    const page = await connector.listCameras();
    expect(page.cameras).toHaveLength(300);
    expect(page.next).toBeUndefined();
    const channel = double.control.channel(7);
    const camera = page.cameras.find((listed) => listed.platformCameraId === '7');
    expect(camera).toEqual({
      platformCameraId: '7',
      name: channel.gbName,
      position: { lonLat: [channel.gbLongitude, channel.gbLatitude], crs: 'wgs84' },
      status: channel.online ? 'online' : 'offline',
      hasPtz: [1, 4, 5].includes(channel.gbPtzType ?? 0),
      civilCode: channel.gbCivilCode,
      businessGroup: channel.gbBusinessGroupId,
    });
    expect(double.control.counters.logins).toEqual([expect.objectContaining({ succeeded: true })]);
    expect(connector.health()).toMatchObject({ state: 'connected', cameras: 300, skipped: 0 });
  });

  it('signs in again once when the token expires, and the call that met the 401 still succeeds', async () => {
    const connector = connect();
    await connector.listCameras();
    double.control.expireTokens();
    const states: string[] = [];
    connector.onHealth((health) => states.push(health.state));
    const page = await connector.listCameras();
    expect(page.cameras).toHaveLength(300);
    // The alarm poll may meet the 401 too: every caller waits for the one new sign-in.
    expect(double.control.counters.unauthorized.length).toBeGreaterThanOrEqual(1);
    expect(double.control.counters.logins.map((login) => login.succeeded)).toEqual([true, true]);
    expect(states).not.toContain('down');
  });

  it('signs in with an api-key without a login', async () => {
    const connector = connect(
      { username: undefined, password: undefined, apiKey: { env: 'WVP_KEY' } },
      { env: { WVP_KEY: 'k-1' } },
    );
    expect((await connector.listCameras()).cameras).toHaveLength(300);
    expect(double.control.counters.logins).toHaveLength(0);
  });

  it('shows a wrong password as down with 用户名或密码错误 and does not retry until the backoff has passed', async () => {
    let now = clock;
    const connector = connect({}, { env: { WVP_PASSWORD: 'wrong' }, now: () => now });
    const down = nextEvent(connector.onHealth, (health) => health.state === 'down');
    const failure = await connector.listCameras().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).reason).toBe('unauthorised');
    expect(await down).toMatchObject({ state: 'down', problem: '用户名或密码错误' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(connector.listCameras()).rejects.toThrow('用户名或密码错误');
    }
    const loginsBeforeBackoff = double.control.counters.logins.length;
    now += 5 * 60_000;
    await expect(connector.listCameras()).rejects.toThrow('用户名或密码错误');
    expect(double.control.counters.logins.length).toBe(loginsBeforeBackoff + 1);
    expect(double.control.counters.logins.every((login) => !login.succeeded)).toBe(true);
    expect(loginsBeforeBackoff).toBe(1);
  });

  it('shows an unset password variable as down with its name, without a sign-in attempt', async () => {
    const connector = connect({}, { env: {} });
    await expect(connector.listCameras()).rejects.toThrow('wvp 密码不可用：环境变量 WVP_PASSWORD 未设置');
    expect(connector.health()).toMatchObject({
      state: 'down',
      problem: 'wvp 密码不可用：环境变量 WVP_PASSWORD 未设置',
    });
    expect(double.control.counters.logins).toHaveLength(0);
  });

  it('plays the chosen address with its host rewritten, and release stops the stream exactly once', async () => {
    const connector = connect({ hostRewrite: [{ from: '10.20.30.40:80', to: 'media.district.local:8080' }] });
    const online = double.control.channels.find((channel) => channel.online)!;
    const stream = await connector.openLive(ref(online.gbId), 'main');
    expect(stream.kind).toBe('ws-flv');
    expect(stream.url).toMatch(/^ws:\/\/media\.district\.local:8080\/rtp\/\d+_\d+\.live\.flv$/);
    expect(double.control.playing.has(online.gbId)).toBe(true);
    await Promise.all([stream.release(), stream.release()]);
    await stream.release();
    expect(double.control.counters.playStops).toEqual([expect.objectContaining({ channelId: online.gbId })]);
    expect(double.control.playing.has(online.gbId)).toBe(false);
  });

  it('answers an offline channel with wvp’s 信令超时 and an unknown one as not found', async () => {
    const connector = connect();
    const offline = double.control.channels.find((channel) => !channel.online)!;
    await expect(connector.openLive(ref(offline.gbId), 'sub')).rejects.toThrow('信令超时');
    const missing = await connector.openLive(ref(99_999), 'sub').catch((error: unknown) => error);
    expect(missing).toMatchObject({ reason: 'not-found', message: '通道不存在' });
  });

  it('stops the streams still held when disposed', async () => {
    const connector = connect();
    const online = double.control.channels.filter((channel) => channel.online).slice(0, 2);
    await connector.openLive(ref(online[0]!.gbId), 'main');
    const released = await connector.openLive(ref(online[1]!.gbId), 'main');
    await released.release();
    connector.dispose();
    await connector.whenDisposed();
    expect(double.control.counters.playStops.map((stop) => stop.channelId).sort()).toEqual(
      [online[0]!.gbId, online[1]!.gbId].sort(),
    );
    expect(double.control.playing.size).toBe(0);
  });

  it('sends PTZ moves as wvp’s command words with speeds 1–100, and stop', async () => {
    const connector = connect();
    await connector.ptz!.move(ref(3), { direction: 'up-left', speed: 1 });
    await connector.ptz!.move(ref(3), { direction: 'zoom-in', speed: 0.5 });
    await connector.ptz!.move(ref(3), { direction: 'down', speed: 0 });
    await connector.ptz!.stop(ref(3));
    expect(
      double.control.counters.ptz.map(({ command, panSpeed, tiltSpeed, zoomSpeed }) => [
        command,
        panSpeed,
        tiltSpeed,
        zoomSpeed,
      ]),
    ).toEqual([
      ['upleft', 100, 100, 100],
      ['zoomin', 50, 50, 50],
      ['down', 1, 1, 1],
      ['stop', 50, 50, 50],
    ]);
  });

  it('lists a dome’s four presets, none for a fixed camera, and calls one', async () => {
    const connector = connect();
    const dome = double.control.channels.find((channel) => channel.gbPtzType === 1)!;
    const fixed = double.control.channels.find((channel) => channel.gbPtzType === 3)!;
    expect(await connector.ptz!.presets(ref(dome.gbId))).toEqual([
      { id: '1', name: '全景' },
      { id: '2', name: '路口' },
      { id: '3', name: '人行道' },
      { id: '4', name: '河道' },
    ]);
    expect(await connector.ptz!.presets(ref(fixed.gbId))).toEqual([]);
    await connector.ptz!.goToPreset(ref(dome.gbId), '2');
    await expect(connector.ptz!.goToPreset(ref(dome.gbId), 'x')).rejects.toThrow('预置位编号无效');
    expect(double.control.counters.presetCalls).toEqual([
      expect.objectContaining({ channelId: dome.gbId, presetId: 2 }),
    ]);
  });

  it('probes master: area zoom on, and a box zooms in around its centre', async () => {
    const connector = connect();
    expect(await connector.probe()).toBe('master');
    expect(connector.capabilities.ptz.areaZoom).toBe(true);
    expect(connector.capabilities.alarms).toBe(true);
    await connector.ptz!.areaZoom!(ref(3), { x: 0.25, y: 0.25, width: 0.5, height: 0.5 }, true);
    await connector.ptz!.areaZoom!(ref(3), { x: 0, y: 0, width: 0.2, height: 0.2 }, false);
    expect(double.control.counters.dragZooms).toEqual([
      expect.objectContaining({ direction: 'in', midPointX: 960, midPointY: 540 }),
      expect.objectContaining({ direction: 'out', midPointX: 192, midPointY: 108 }),
    ]);
  });

  it('degrades (alarms off, named on the strip) when wvp has neither alarm route, and keeps working', async () => {
    const withoutAlarms: typeof fetch = (input, init) =>
      String(input).includes('/api/alarm/')
        ? Promise.resolve(Response.json({ code: 404, msg: '资源未找到', data: null }, { status: 404 }))
        : fetch(input, init);
    const connector = connect({}, { fetch: withoutAlarms });
    expect(await connector.probe()).toBe('master');
    expect(connector.capabilities.alarms).toBe(false);
    expect(connector.health()).toMatchObject({
      state: 'degraded',
      problem: '此 wvp 没有报警接口，报警不可用',
    });
    expect((await connector.listCameras()).cameras).toHaveLength(300);
    expect(connector.health().state).toBe('degraded');
  });

  it('lists a day’s recordings as spans around the nightly gap', async () => {
    const connector = connect();
    const online = double.control.channels.find((channel) => channel.online)!;
    const dayStart = Date.parse('2026-12-07T00:00:00+08:00');
    const spans = await connector.playback!.recordings(ref(online.gbId), dayStart, dayStart + 86_400_000);
    // Half-hour files from midnight to the double's clock (10:00), none 03:00–03:30.
    expect(spans).toEqual([
      { start: dayStart, end: Date.parse('2026-12-07T03:00:00+08:00') },
      { start: Date.parse('2026-12-07T03:30:00+08:00'), end: clock },
    ]);
    expect(double.control.counters.recordQueries).toEqual([
      expect.objectContaining({ startTime: '2026-12-07 00:00:00', endTime: '2026-12-08 00:00:00' }),
    ]);
  });

  it('plays back from a time with pause, resume, seek, speed and stop once', async () => {
    const connector = connect();
    const online = double.control.channels.find((channel) => channel.online)!;
    const from = Date.parse('2026-12-07T08:00:00+08:00');
    const playback = await connector.playback!.start(ref(online.gbId), from);
    expect(playback.startsAt).toBe(from);
    expect(playback.kind).toBe('ws-flv');
    expect(double.control.counters.playbacks).toEqual([
      expect.objectContaining({ startTime: '2026-12-07 08:00:00', endTime: '2026-12-07 23:59:59' }),
    ]);
    await playback.pause();
    await playback.resume();
    await playback.seek(from + 90_000);
    await playback.setSpeed(4);
    await expect(playback.setSpeed(8)).rejects.toThrow('wvp 回放只支持 0.25、0.5、1、2、4 倍速');
    await Promise.all([playback.stop(), playback.stop()]);
    await expect(playback.pause()).rejects.toThrow('回放已停止');
    expect(double.control.counters.playbackControls.map(({ action, value }) => [action, value])).toEqual([
      ['pause', undefined],
      ['resume', undefined],
      ['seek', 90],
      ['speed', 4],
      ['stop', undefined],
    ]);
  });

  it('delivers each new alarm once, with VideoLoss as an offline hint, and not the alarms from before it started', async () => {
    double.control.raiseAlarm({ channelId: 1, type: 'MotionDetection' });
    const connector = connect();
    await connector.probe();
    // The probe's request, then two polls: the first (which learns the history) has been read.
    await until(() => double.control.counters.alarmListRequests.length >= 3);
    const alarms: string[] = [];
    connector.onAlarm((alarm) => alarms.push(`${alarm.platformCameraId}:${alarm.type}`));
    // Polls go on every 40 ms; the same alarms are on every page they fetch.
    const status = nextEvent(connector.onStatus);
    double.control.raiseAlarm({ channelId: 12, type: 'IntrusionDetection', description: '河道入侵' });
    double.control.setOnline(13, false);
    expect(await status).toEqual([{ platformCameraId: '13', status: 'offline' }]);
    const polls = double.control.counters.alarmListRequests.length;
    await until(() => double.control.counters.alarmListRequests.length >= polls + 3);
    expect(alarms).toEqual(['12:IntrusionDetection', '13:VideoLoss']);
    double.control.setOnline(13, true);
  });
});
