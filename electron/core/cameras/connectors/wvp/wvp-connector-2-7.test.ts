// The wvp connector against a 2.7.4 double: the probe finds /api/alarm/all and no drag-a-box zoom, alarms arrive
// through /api/emit and the poll alike and are delivered once, and 2.7.4's GB-coded channel ids are mapped to gbIds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformAlarm } from '@shared/model/camera-platform';
import { startWvpDouble, type WvpDouble } from '../../../../../tests/support/wvp/wvp-double';
import { createWvpConnector, type WvpConnector } from './wvp-connector';
import { nextEvent, testEnv, until, wvpPlatform } from './wvp-test-platform';

describe('wvp connector (2.7.4)', () => {
  let clock = Date.parse('2026-12-07T10:00:00+08:00');
  let double: WvpDouble;
  let connector: WvpConnector;

  beforeAll(async () => {
    double = await startWvpDouble({ version: '2.7.4', channelCount: 200, now: () => clock, keepaliveMs: 50 });
    double.control.raiseAlarm({ channelId: 2, type: 'DeviceTamper' });
    connector = createWvpConnector(wvpPlatform(double.url), {
      workspaceDir: '.',
      env: testEnv,
      alarmPollMs: 40,
    });
  });
  afterAll(async () => {
    connector.dispose();
    await connector.whenDisposed();
    await double.close();
  });

  it('probes 2.7.4: alarms through /api/alarm/all, no area zoom (the PTZ control says so)', async () => {
    expect(await connector.probe()).toBe('2.7.4');
    expect(connector.capabilities.alarms).toBe(true);
    expect(connector.capabilities.ptz.areaZoom).toBe(false);
    const box = { x: 0.1, y: 0.1, width: 0.2, height: 0.2 };
    await expect(
      connector.ptz!.areaZoom!({ cameraId: 'wvp-3', platformCameraId: '3' }, box, true),
    ).rejects.toThrow('此 wvp 版本不支持拉框放大');
    expect(double.control.counters.dragZooms).toHaveLength(0);
  });

  it('delivers alarms from the event stream and the poll once each, named by gbId, VideoLoss as a hint', async () => {
    await connector.listCameras();
    await until(
      () => double.control.eventListenerCount === 1 && double.control.counters.alarmListRequests.length >= 4,
    );
    const alarms: PlatformAlarm[] = [];
    connector.onAlarm((alarm) => alarms.push(alarm));
    const status = nextEvent(connector.onStatus);
    clock += 1_000;
    double.control.raiseAlarm({ channelId: 9, type: 'CrowdGathering', description: '外滩人员聚集' });
    clock += 1_000;
    double.control.setOnline(11, false);
    expect(await status).toEqual([{ platformCameraId: '11', status: 'offline' }]);
    const polls = double.control.counters.alarmListRequests.length;
    await until(() => double.control.counters.alarmListRequests.length >= polls + 3);
    expect(
      alarms.map(({ platformCameraId, type, description }) => [platformCameraId, type, description]),
    ).toEqual([
      ['9', '人员聚集报警', '外滩人员聚集'],
      ['11', '视频丢失报警', '视频丢失报警'],
    ]);
    expect(alarms[0]!.time).toBe(Date.parse('2026-12-07T10:00:01+08:00'));
  });

  it('opens the event stream again when it falls silent (a half-open connection raises no error)', async () => {
    let opens = 0;
    // /api/emit answers, then never sends a byte — not even wvp's one-second keepalive.
    const silentEvents: typeof fetch = (input, init) => {
      if (!String(input).includes('/api/emit')) return fetch(input, init);
      opens += 1;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
        },
      });
      return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    };
    const silent = createWvpConnector(wvpPlatform(double.url), {
      workspaceDir: '.',
      env: testEnv,
      fetch: silentEvents,
      eventStreamSilenceMs: 100,
    });
    await silent.probe();
    await until(() => opens >= 2);
    silent.dispose();
    await silent.whenDisposed();
    expect(opens).toBeGreaterThanOrEqual(2);
  });
});
