// The ZLMediaKit double answers as WebApi.cpp does: the secret check of both versions, getMediaList per schema,
// recordings as MP4Recorder names them, and playback control of a loaded MP4.
import { afterEach, describe, expect, it } from 'vitest';
import { shippedSecret, startZlmDouble, type ZlmDouble, type ZlmDoubleOptions } from './zlm-double';

// The double's answers are read field by field, as a client would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = Record<string, any>;

let zlm: ZlmDouble | undefined;
afterEach(async () => {
  await zlm?.close();
  zlm = undefined;
});

async function start(options: ZlmDoubleOptions = {}): Promise<ZlmDouble> {
  zlm = await startZlmDouble(options);
  return zlm;
}

async function api(route: string, args: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${zlm!.url}/index/api/${route}?${new URLSearchParams(args)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}

describe('ZLMediaKit double', () => {
  it('refuses a wrong secret with -100 "Please login first" and a cookie, since the cookie login', async () => {
    await start();
    const answer = await api('getMediaList', { secret: 'wrong' });
    expect(answer).toMatchObject({ code: -100, msg: 'Please login first' });
    expect(answer.cookie).toMatch(/^ZLM_UNLOGIN=/);
  });

  it('refuses a wrong secret with "Incorrect secret" and a missing one with -300 in the older check', async () => {
    await start({ secretCheck: 'secret-only' });
    expect(await api('getMediaList', { secret: 'wrong' })).toEqual({ code: -100, msg: 'Incorrect secret' });
    expect(await api('getMediaList', {})).toEqual({
      code: -300,
      msg: 'Required parameter missed: "secret"',
    });
  });

  it('lists a stream once per schema, and answers no data at all when nothing matches', async () => {
    const double = await start();
    expect(await api('getMediaList', { secret: shippedSecret })).toEqual({ code: 0 });
    double.control.addStream('live', 'cam-01');
    const answer = await api('getMediaList', { secret: shippedSecret, app: 'live' });
    expect(answer.data.map((entry: { schema: string }) => entry.schema)).toEqual([
      'rtsp',
      'rtmp',
      'fmp4',
      'ts',
    ]);
    expect(answer.data[0]).toMatchObject({
      vhost: '__defaultVhost__',
      app: 'live',
      stream: 'cam-01',
      originType: 1,
      originTypeStr: 'rtmp_push',
      readerCount: 0,
    });
    expect(answer.data[0].tracks[0]).toMatchObject({ codec_type: 0, width: 1280, fps: 25 });
    expect(await api('close_streams', { secret: shippedSecret, app: 'live' })).toMatchObject({
      code: 0,
      count_hit: 4,
    });
    expect(double.control.streams.size).toBe(0);
  });

  it('names recordings in a date folder in the server time, dated since 2025 and time-only before', async () => {
    const start0 = Date.parse('2026-12-07T01:02:03Z'); // 09:02:03 in Beijing
    for (const [recordLayout, name] of [
      ['dated', '2026-12-07-09-02-03-0.mp4'],
      ['time-only', '09-02-03-0.mp4'],
    ] as const) {
      const double = await start({ recordLayout });
      double.control.addRecording('live', 'cam-01', start0, 3_600_000);
      double.control.addRecording('live', 'cam-01', start0 + 3_600_000, 60_000, { index: 1, isOpen: true });
      const month = await api('getMP4RecordFile', {
        secret: shippedSecret,
        vhost: '__defaultVhost__',
        app: 'live',
        stream: 'cam-01',
        period: '2026-12',
      });
      expect(month.data).toEqual({
        rootPath: '/opt/media/bin/www/record/live/cam-01/',
        paths: ['2026-12-07'],
      });
      const day = await api('getMP4RecordFile', {
        secret: shippedSecret,
        vhost: '__defaultVhost__',
        app: 'live',
        stream: 'cam-01',
        period: '2026-12-07',
      });
      expect(day.data.rootPath).toBe('/opt/media/bin/www/record/live/cam-01/2026-12-07/');
      expect(day.data.paths[0]).toBe(name);
      expect(day.data.paths[1]).toMatch(/^\..*-1\.mp4$/);
      await double.close();
    }
  });

  it('loads a recorded file as an mp4_vod stream, seeks within it and sets its speed within 0.1 … 20', async () => {
    const double = await start();
    const file = double.control.addRecording('live', 'cam-01', Date.now() - 600_000, 300_000);
    const stream = { secret: shippedSecret, vhost: '__defaultVhost__', app: 'playback', stream: 'p1' };
    expect(await api('loadMP4File', { ...stream, file_path: '/nowhere.mp4' })).toMatchObject({ code: -400 });
    expect(await api('loadMP4File', { ...stream, file_path: file })).toEqual({
      code: 0,
      data: { duration_ms: 300_000 },
    });
    expect(await api('seekRecordStamp', { ...stream, schema: 'rtmp', stamp: '60000' })).toMatchObject({
      code: 0,
    });
    expect(await api('seekRecordStamp', { ...stream, schema: 'rtmp', stamp: '900000' })).toMatchObject({
      code: -1,
      msg: 'seek failed',
    });
    expect(await api('setRecordSpeed', { ...stream, schema: 'rtmp', speed: '4' })).toMatchObject({ code: 0 });
    expect(await api('setRecordSpeed', { ...stream, schema: 'rtmp', speed: '32' })).toMatchObject({
      code: -1,
    });
    expect(double.control.streams.get('__defaultVhost__/playback/p1')?.vod).toMatchObject({
      seekMs: 60_000,
      speed: 4,
    });
    expect(
      await api('seekRecordStamp', { ...stream, stream: 'gone', schema: 'rtmp', stamp: '0' }),
    ).toMatchObject({
      code: -500,
      msg: 'can not find the stream',
    });
  });
});
