import { describe, expect, it } from 'vitest';
import { platformSchema } from './camera';

const wvp = {
  id: 'district-wvp',
  name: '区视频平台',
  vendor: 'wvp',
  kind: 'ws-flv',
  connector: {
    type: 'wvp',
    baseUrl: 'http://10.0.0.5:18080',
    username: 'admin',
    password: { env: 'TIANMU_WVP_PASSWORD' },
    areas: { civilCodes: { '310104': 'xujiahui' }, fallback: { street: 'xujiahui', grid: 'g-01' } },
    streamOrigins: ['ws://10.0.0.6:80'],
  },
};

describe('platforms.json with connectors', () => {
  it('accepts a wvp platform without URL templates and fills its defaults', () => {
    const platform = platformSchema.parse(wvp);
    expect(platform.url).toBeUndefined();
    expect(platform.connector).toMatchObject({
      type: 'wvp',
      stream: 'ws_flv',
      refreshMinutes: 10,
      hostRewrite: [],
    });
  });

  it('refuses a static platform without URL templates, naming the url field', () => {
    const result = platformSchema.safeParse({ id: 'zlm', name: 'ZLM', vendor: 'zlmediakit', kind: 'ws-flv' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['url', 'a platform without a wvp or zlmediakit connector needs url templates (main and sub)'],
    ]);
  });

  it('refuses an ONVIF platform without templates: ONVIF steers, the templates play', () => {
    const onvif = {
      id: 'gate-cams',
      name: '门岗',
      vendor: 'onvif',
      kind: 'ws-flv',
      connector: { type: 'onvif', devices: {} },
    };
    expect(platformSchema.safeParse(onvif).error?.issues[0]?.path).toEqual(['url']);
  });

  it('refuses a stream origin with a path and a secret written into the file', () => {
    const withPath = { ...wvp, connector: { ...wvp.connector, streamOrigins: ['ws://10.0.0.6/live'] } };
    expect(platformSchema.safeParse(withPath).error?.issues[0]?.path).toEqual([
      'connector',
      'streamOrigins',
      0,
    ]);
    const plain = { ...wvp, connector: { ...wvp.connector, password: 'admin123' } };
    expect(platformSchema.safeParse(plain).error?.issues[0]?.path).toEqual(['connector', 'password']);
  });
});
