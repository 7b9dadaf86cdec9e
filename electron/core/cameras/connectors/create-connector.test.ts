// platforms.json's connector type decides the connector; a static template gets none.
import { describe, expect, it } from 'vitest';
import { platformSchema } from '@shared/model/camera';
import { createConnector } from './create-connector';
import { wvpPlatform } from './wvp/wvp-test-platform';

describe('createConnector', () => {
  it('makes a wvp connector for a wvp platform, and none for a static template', () => {
    const connector = createConnector(wvpPlatform('http://127.0.0.1:9'), { workspaceDir: '.', env: {} });
    expect(connector?.platformId).toBe('wvp-district');
    expect(connector?.capabilities.onDemandLive).toBe(true);
    connector?.dispose();
    const template = platformSchema.parse({
      id: 'zlm',
      name: 'ZLM',
      vendor: 'zlmediakit',
      kind: 'ws-flv',
      url: { main: 'ws://10.0.0.1/live/{streamId}.flv', sub: 'ws://10.0.0.1/live/{streamId}_sub.flv' },
    });
    expect(createConnector(template, { workspaceDir: '.' })).toBeUndefined();
  });

  it('makes an ONVIF connector, which steers PTZ and lists nothing, for an onvif platform', () => {
    const onvif = platformSchema.parse({
      id: 'onvif',
      name: 'ONVIF',
      vendor: 'onvif',
      kind: 'ws-flv',
      url: { main: 'ws://10.0.0.1/live/{streamId}.flv', sub: 'ws://10.0.0.1/live/{streamId}_sub.flv' },
      connector: {
        type: 'onvif',
        devices: {
          c1: { address: 'http://10.0.0.7/onvif/device_service', username: 'admin', password: { env: 'P' } },
        },
      },
    });
    const connector = createConnector(onvif, { workspaceDir: '.' });
    expect(connector?.capabilities.ptz.move).toBe(true);
    expect(connector?.capabilities.listsCameras).toBe(false);
    connector?.dispose();
  });
});
