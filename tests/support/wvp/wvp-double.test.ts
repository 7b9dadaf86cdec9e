// The wvp double answers as wvp-GB28181-pro does: sign-in, paging 26,000 channels, token expiry, play/stop and
// PTZ counted, outages, status flips with alarms, malformed records and the routes that differ between versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInside, wvpStreets } from './wvp-channels';
import { md5Hex, startWvpDouble, type WvpDouble } from './wvp-double';

interface Answer {
  status: number;
  body: { code: number; msg: string; data?: unknown };
  headers: Headers;
}

async function call(double: WvpDouble, path: string, params: Record<string, unknown> = {}, token?: string) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) search.set(name, String(value));
  const response = await fetch(`${double.url}${path}?${search}`, {
    headers: token ? { 'access-token': token } : {},
  });
  return { status: response.status, body: await response.json(), headers: response.headers } as Answer;
}

async function signIn(double: WvpDouble, password = 'admin'): Promise<string> {
  const answer = await call(double, '/api/user/login', { username: 'admin', password: md5Hex(password) });
  return (answer.body.data as { accessToken: string }).accessToken;
}

describe('wvp double (master, 26,000 channels)', () => {
  let clock = Date.parse('2026-12-07T09:00:00+08:00');
  let double: WvpDouble;
  let token: string;

  beforeAll(async () => {
    double = await startWvpDouble({ now: () => clock, tokenLifetimeSeconds: 600 });
    token = await signIn(double);
  });
  afterAll(() => double.close());

  it('signs in with the MD5 of the password and returns the token in the body and the access-token header', async () => {
    const answer = await call(double, '/api/user/login', { username: 'admin', password: md5Hex('admin') });
    expect(answer.status).toBe(200);
    expect(answer.body.code).toBe(0);
    const user = answer.body.data as { accessToken: string; username: string; role: { id: number } };
    expect(user.username).toBe('admin');
    expect(user.role.id).toBe(1);
    expect(answer.headers.get('access-token')).toBe(user.accessToken);
    expect(user.accessToken.split('.')).toHaveLength(3);
  });

  it('refuses the plain password and a wrong one with HTTP 200, code 100 and counts both', async () => {
    const before = double.control.counters.logins.length;
    for (const password of ['admin', md5Hex('wrong')]) {
      const answer = await call(double, '/api/user/login', { username: 'admin', password });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ code: 100, msg: '用户名或密码错误', data: null });
    }
    expect(double.control.counters.logins.slice(before).map((login) => login.succeeded)).toEqual([
      false,
      false,
    ]);
  });

  it('answers a request without a token with HTTP 401 and only code and msg', async () => {
    const answer = await call(double, '/api/common/channel/list', { page: 1, count: 10 });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ code: 401, msg: '请登录后重新请求' });
  });

  it('pages all 26,000 channels, newest first, with PageHelper totals and an empty page past the end', async () => {
    const first = await call(double, '/api/common/channel/list', { page: 1, count: 1000 }, token);
    const page = first.body.data as {
      total: number;
      pages: number;
      list: { gbId: number }[];
      hasNextPage: boolean;
    };
    expect(page).toMatchObject({
      total: 26_000,
      pages: 26,
      pageNum: 1,
      pageSize: 1000,
      size: 1000,
      hasNextPage: true,
    });
    expect(page.list[0]!.gbId).toBe(26_000);
    const seen = new Set<number>();
    for (let number = 1; number <= 26; number += 1) {
      const answer = await call(double, '/api/common/channel/list', { page: number, count: 1000 }, token);
      for (const channel of (answer.body.data as typeof page).list) seen.add(channel.gbId);
    }
    expect(seen.size).toBe(26_000);
    const past = await call(double, '/api/common/channel/list', { page: 27, count: 1000 }, token);
    expect(past.body.data).toMatchObject({
      total: 26_000,
      pageNum: 27,
      size: 0,
      list: [],
      isLastPage: false,
    });
  }, 30_000); // 26 MB of JSON: seconds on a loaded 2-core machine

  it('answers a list without page with HTTP 400 (an int parameter cannot be null)', async () => {
    const answer = await call(double, '/api/common/channel/list', { count: 10 }, token);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(400);
  });

  it('places every channel inside its street with that street’s civil code, the same for the same seed', async () => {
    const streets = new Map(wvpStreets().map((street) => [street.id, street]));
    for (const channel of double.control.channels.slice(0, 2000)) {
      const street = streets.get(channel.streetId)!;
      expect(channel.gbCivilCode).toBe(street.civilCode);
      expect(isInside([channel.gbLongitude, channel.gbLatitude], street.outline)).toBe(true);
    }
    const again = await startWvpDouble({ channelCount: 50 });
    expect(again.control.channels.map((channel) => channel.gbName)).toEqual(
      double.control.channels.slice(0, 50).map((channel) => channel.gbName),
    );
    await again.close();
  });

  it('expires a token after its lifetime plus 30 s of skew with 401, and a new login works', async () => {
    const short = await signIn(double);
    clock += 629_000;
    expect((await call(double, '/api/common/channel/list', { page: 1, count: 1 }, short)).status).toBe(200);
    clock += 2_000;
    const expired = await call(double, '/api/common/channel/list', { page: 1, count: 1 }, short);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 401, msg: '请登录后重新请求' });
    expect(double.control.counters.unauthorized.at(-1)?.reason).toBe('expired');
    token = await signIn(double);
    expect((await call(double, '/api/common/channel/list', { page: 1, count: 1 }, token)).status).toBe(200);
  });

  it('expires every token on expireTokens()', async () => {
    const fresh = await signIn(double);
    double.control.expireTokens();
    expect((await call(double, '/api/common/channel/list', { page: 1, count: 1 }, fresh)).status).toBe(401);
    token = await signIn(double);
  });

  it('counts play and play/stop, answers a StreamContent and shows the stream id in the list while playing', async () => {
    const channel = double.control.channels.find((candidate) => candidate.online)!;
    const played = await call(double, '/api/common/channel/play', { channelId: channel.gbId }, token);
    expect(played.body.code).toBe(0);
    const content = played.body.data as Record<string, string>;
    expect(content.stream).toBe(`${channel.gbParentId}_${channel.gbDeviceId}`);
    expect(content.flv).toBe(`http://10.20.30.40:80/rtp/${content.stream}.live.flv`);
    expect(content.ws_flv).toBe(`ws://10.20.30.40:80/rtp/${content.stream}.live.flv`);
    expect(content).toMatchObject({ app: 'rtp', mediaServerId: 'zlmediakit-local' });
    expect(double.control.playing.get(channel.gbId)).toBe(content.stream);
    const listed = await call(
      double,
      '/api/common/channel/list',
      { page: 1, count: 5, query: channel.gbDeviceId },
      token,
    );
    expect((listed.body.data as { list: { streamId: string }[] }).list[0]!.streamId).toBe(content.stream);
    await call(double, '/api/common/channel/play/stop', { channelId: channel.gbId }, token);
    expect(double.control.counters.plays.filter((play) => play.channelId === channel.gbId)).toHaveLength(1);
    expect(double.control.counters.playStops.filter((stop) => stop.channelId === channel.gbId)).toHaveLength(
      1,
    );
    expect(double.control.playing.has(channel.gbId)).toBe(false);
  });

  it('answers play of an OFF channel with the signalling timeout and of an unknown one with 通道不存在', async () => {
    const offline = double.control.channels.find((candidate) => !candidate.online)!;
    const timedOut = await call(double, '/api/common/channel/play', { channelId: offline.gbId }, token);
    expect(timedOut.body).toEqual({ code: -1, msg: '信令超时', data: null });
    const unknown = await call(double, '/api/common/channel/play', { channelId: 999_999 }, token);
    expect(unknown.body).toEqual({ code: 100, msg: '通道不存在', data: null });
  });

  it('counts PTZ commands with their time and speeds (50 by default) and refuses a speed over 100', async () => {
    const before = double.control.counters.ptz.length;
    for (const command of ['left', 'left', 'stop']) {
      const answer = await call(
        double,
        '/api/common/channel/front-end/ptz',
        { channelId: 7, command },
        token,
      );
      expect(answer.body).toEqual({ code: 0, msg: '成功', data: null });
    }
    const commands = double.control.counters.ptz.slice(before);
    expect(commands.map((entry) => entry.command)).toEqual(['left', 'left', 'stop']);
    expect(commands[0]).toMatchObject({
      channelId: 7,
      at: clock,
      panSpeed: 50,
      tiltSpeed: 50,
      zoomSpeed: 50,
    });
    const tooFast = await call(
      double,
      '/api/common/channel/front-end/ptz',
      { channelId: 7, command: 'up', panSpeed: 101 },
      token,
    );
    expect(tooFast.body).toEqual({ code: 100, msg: 'panSpeed 为 0-100的数字', data: null });
    expect(double.control.counters.ptz).toHaveLength(before + 3);
  });

  it('answers four presets for a dome, none for a fixed camera, and counts preset calls', async () => {
    const dome = double.control.channels.find((channel) => channel.gbPtzType === 1)!;
    const fixed = double.control.channels.find((channel) => channel.gbPtzType === 3)!;
    const presets = await call(
      double,
      '/api/common/channel/front-end/preset/query',
      { channelId: dome.gbId },
      token,
    );
    expect((presets.body.data as unknown[]).length).toBe(4);
    expect((presets.body.data as unknown[])[0]).toEqual({ presetId: '1', presetName: '全景' });
    const none = await call(
      double,
      '/api/common/channel/front-end/preset/query',
      { channelId: fixed.gbId },
      token,
    );
    expect(none.body.data).toEqual([]);
    await call(
      double,
      '/api/common/channel/front-end/preset/call',
      { channelId: dome.gbId, presetId: 2 },
      token,
    );
    expect(double.control.counters.presetCalls.at(-1)).toMatchObject({ channelId: dome.gbId, presetId: 2 });
  });

  it('signs in by POST form and accepts the token as an access-token query parameter', async () => {
    const response = await fetch(`${double.url}/api/user/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'admin', password: md5Hex('admin') }),
    });
    const posted = (await response.json()) as { data: { accessToken: string } };
    const listed = await call(double, '/api/common/channel/list', {
      page: 1,
      count: 1,
      'access-token': posted.data.accessToken,
    });
    expect(listed.status).toBe(200);
  });

  it('lists a day of recordings up to now and starts a playback whose stream names the time range', async () => {
    const channel = double.control.channels.find((candidate) => candidate.online)!;
    const range = {
      channelId: channel.gbId,
      startTime: '2026-12-07 00:00:00',
      endTime: '2026-12-07 23:59:59',
    };
    const records = await call(double, '/api/common/channel/playback/query', range, token);
    const files = records.body.data as { startTime: string; endTime: string }[];
    expect(files[0]!.startTime).toBe('2026-12-07 00:00:00');
    expect(files.some((file) => file.startTime.startsWith('2026-12-07 03:00'))).toBe(false);
    expect(files.at(-1)!.endTime <= '2026-12-07 09:20:00').toBe(true);
    const playback = await call(
      double,
      '/api/common/channel/playback',
      { ...range, endTime: '2026-12-07 01:00:00' },
      token,
    );
    const stream = (playback.body.data as { stream: string }).stream;
    expect(stream).toBe(`${channel.gbParentId}_${channel.gbDeviceId}_20261207000000_20261207010000`);
    const paused = await call(
      double,
      '/api/common/channel/playback/pause',
      { channelId: channel.gbId, stream },
      token,
    );
    expect(paused.body.code).toBe(0);
    await call(double, '/api/common/channel/playback/stop', { channelId: channel.gbId, stream }, token);
    const gone = await call(
      double,
      '/api/common/channel/playback/pause',
      { channelId: channel.gbId, stream },
      token,
    );
    expect(gone.body).toEqual({ code: 100, msg: 'streamId不存在', data: null });
  });

  it('flips a channel OFF: the list shows it OFF and the alarm list has its 视频丢失 alarm first', async () => {
    double.control.setOnline(42, false);
    const offline = await call(
      double,
      '/api/common/channel/list',
      { page: 1, count: 26_000, online: false },
      token,
    );
    const list = (offline.body.data as { list: { gbId: number; gbStatus: string }[] }).list;
    expect(list.find((channel) => channel.gbId === 42)?.gbStatus).toBe('OFF');
    const alarms = await call(double, '/api/alarm/list', { page: 1, count: 10 }, token);
    expect((alarms.body.data as { list: unknown[] }).list[0]).toMatchObject({
      channelId: 42,
      alarmType: 'VideoLoss',
      description: '视频丢失报警',
      alarmTime: clock,
    });
    double.control.setOnline(42, true);
  });

  it('filters by civil code: one street holds an eighth of the channels', async () => {
    const street = wvpStreets()[1]!;
    const answer = await call(
      double,
      '/api/common/channel/list',
      { page: 1, count: 10, civilCode: street.civilCode },
      token,
    );
    const page = answer.body.data as { total: number; list: { gbCivilCode: string }[] };
    expect(page.total).toBe(26_000 / 8);
    expect(page.list.every((channel) => channel.gbCivilCode === street.civilCode)).toBe(true);
  });

  it('serves each kind of malformed record with the bad field as injected', async () => {
    const expected = {
      'bad-position': { gbLongitude: '121.5E', gbLatitude: 'abc' },
      'swapped-position': { gbLongitude: 31.23, gbLatitude: 121.5 },
      'bad-status': { gbStatus: 'UNKNOWN' },
      'missing-name': { gbName: null },
    } as const;
    for (const [kind, fields] of Object.entries(expected)) {
      const id = double.control.injectMalformed(kind as keyof typeof expected);
      const answer = await call(double, '/api/common/channel/list', { page: 1, count: 1 }, token);
      const record = (answer.body.data as { list: Record<string, unknown>[] }).list[0]!;
      expect(record).toMatchObject({ gbId: id, ...fields });
    }
  });

  it('serves an injected malformed record first (newest) with its field missing', async () => {
    const id = double.control.injectMalformed('missing-id');
    const answer = await call(double, '/api/common/channel/list', { page: 1, count: 1 }, token);
    const record = (answer.body.data as { total: number; list: Record<string, unknown>[] }).list[0]!;
    expect(record.gbId).toBe(id);
    expect('gbDeviceId' in record).toBe(false);
  });

  it('refuses connections while down and answers again at the same address, the token still valid', async () => {
    await double.control.down();
    await expect(fetch(`${double.url}/api/common/channel/list?page=1&count=1`)).rejects.toThrow();
    await double.control.up();
    expect((await call(double, '/api/common/channel/list', { page: 1, count: 1 }, token)).status).toBe(200);
    await double.control.down({ mode: 'error' });
    const failing = await call(double, '/api/common/channel/list', { page: 1, count: 1 }, token);
    expect(failing.status).toBe(500);
    expect(failing.body.code).toBe(500);
    await double.control.up();
    await double.control.down({ mode: 'hang' });
    const hung = fetch(`${double.url}/api/common/channel/list?page=1&count=1`, {
      signal: AbortSignal.timeout(300),
    });
    await expect(hung).rejects.toThrow(/timeout|aborted/i);
    await double.control.up();
    expect((await call(double, '/api/common/channel/list', { page: 1, count: 1 }, token)).status).toBe(200);
  });

  it('accepts an api-key header, and answers 401 once the key is disabled', async () => {
    const keyed = await startWvpDouble({ channelCount: 10, apiKeys: [{ key: 'key-1', username: 'admin' }] });
    const list = () =>
      fetch(`${keyed.url}/api/common/channel/list?page=1&count=5`, { headers: { 'api-key': 'key-1' } });
    expect((await list()).status).toBe(200);
    keyed.control.setApiKeyEnabled('key-1', false);
    expect((await list()).status).toBe(401);
    await keyed.close();
  });

  it('serves only master’s routes: /api/alarm/all, /api/emit are 404 and drag-zoom exists', async () => {
    expect((await call(double, '/api/alarm/all', { page: 1, count: 10 }, token)).status).toBe(404);
    expect((await call(double, '/api/emit', { browserId: 'b' })).status).toBe(404);
    const zoom = {
      channelId: 7,
      length: 1920,
      width: 1080,
      midPointX: 400,
      midPointY: 300,
      lengthX: 200,
      lengthY: 100,
    };
    expect((await call(double, '/api/common/channel/front-end/drag_zoom_in', zoom, token)).body.code).toBe(0);
  });
});
