// The wvp double as v2.7.4 answers: /api/alarm/all (DeviceAlarm, oldest first) instead of /api/alarm/list, the
// /api/emit event stream with keepalives and alarms, and no drag-a-box zoom.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md5Hex, startWvpDouble, type WvpDouble } from './wvp-double';

describe('wvp double (v2.7.4)', () => {
  let clock = Date.parse('2026-12-07T09:00:00+08:00');
  let double: WvpDouble;
  let token: string;
  const get = async (path: string) => {
    const response = await fetch(`${double.url}${path}`, { headers: { 'access-token': token } });
    return { status: response.status, body: (await response.json()) as { code: number; data: unknown } };
  };

  beforeAll(async () => {
    double = await startWvpDouble({ version: '2.7.4', channelCount: 500, now: () => clock, keepaliveMs: 20 });
    const login = await fetch(`${double.url}/api/user/login?username=admin&password=${md5Hex('admin')}`);
    token = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
  });
  afterAll(() => double.close());

  it('lists alarms at /api/alarm/all oldest first, as DeviceAlarm with GB codes and formatted times', async () => {
    double.control.raiseAlarm({ channelId: 3, type: 'IntrusionDetection' });
    clock += 60_000;
    double.control.setOnline(5, false);
    const answer = await get('/api/alarm/all?page=1&count=10');
    const page = answer.body.data as { total: number; list: Record<string, unknown>[] };
    expect(page.total).toBe(2);
    expect(page.list.map((alarm) => alarm.alarmTypeDescription)).toEqual(['入侵检测报警', '视频丢失报警']);
    expect(page.list[1]).toMatchObject({
      channelId: double.control.channel(5).gbDeviceId,
      deviceId: double.control.channel(5).gbParentId,
      alarmMethod: '2',
      alarmType: '1',
      alarmTime: '2026-12-07 09:01:00',
    });
    expect((await get('/api/alarm/list?page=1&count=10')).status).toBe(404);
  });

  it('pushes keepalives and each new alarm to an /api/emit listener, without a token', async () => {
    const controller = new AbortController();
    const response = await fetch(`${double.url}/api/emit?browserId=wall-1`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`event stream ended before ${pattern}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/event:keepalive\ndata:alive\n\n/);
    double.control.raiseAlarm({ channelId: 9, type: 'CrowdGathering', description: '外滩人员聚集' });
    await readUntil(/event:message\ndata:.*\n\n/);
    const data = /event:message\ndata:(.*)\n\n/.exec(text)![1]!;
    expect(JSON.parse(data)).toMatchObject({
      alarmDescription: '外滩人员聚集',
      channelId: double.control.channel(9).gbDeviceId,
    });
    controller.abort();
  });

  it('has no drag-a-box zoom (a master route): 404', async () => {
    const answer = await get(
      '/api/common/channel/front-end/drag_zoom_in?channelId=1&length=1&width=1&midPointX=1&midPointY=1&lengthX=1&lengthY=1',
    );
    expect(answer.status).toBe(404);
  });
});
