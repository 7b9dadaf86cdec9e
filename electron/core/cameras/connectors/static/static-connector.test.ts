import { describe, expect, it } from 'vitest';
import type { Camera, Platform } from '@shared/model/camera';
import { StaticConnector } from './static-connector';

const platform: Platform = {
  id: 'demo',
  name: '演示',
  vendor: 'demo',
  kind: 'ws-flv',
  url: { main: 'ws://{origin}/live/{streamId}.flv', sub: 'ws://{origin}/live/{streamId}-{profile}.flv' },
};
const camera: Camera = {
  id: 'cam-0001',
  name: '路口',
  street: 's',
  grid: 'g',
  position: [120, 30],
  tags: [],
  platform: 'demo',
  streamId: 'cam 01',
  isOnline: false,
};

describe('StaticConnector', () => {
  it('plays the template URL the wall played before, on the next media address, with nothing to release', async () => {
    const origins = ['127.0.0.1:1', '127.0.0.1:2'];
    const connector = new StaticConnector(platform, [camera], () => origins.shift()!);
    const ref = { cameraId: 'cam-0001', platformCameraId: 'cam 01' };
    const main = await connector.openLive(ref, 'main');
    const sub = await connector.openLive(ref, 'sub');
    expect([main.url, sub.url]).toEqual([
      'ws://127.0.0.1:1/live/cam%2001.flv',
      'ws://127.0.0.1:2/live/cam%2001-sub.flv',
    ]);
    expect(main.kind).toBe('ws-flv');
    await expect(main.release()).resolves.toBeUndefined();
    expect(connector.capabilities.onDemandLive).toBe(false);
  });

  it('lists the cameras cameras.json files for it, with their recorded status', async () => {
    const connector = new StaticConnector(platform, [camera], () => 'x');
    const page = await connector.listCameras();
    expect(page).toEqual({
      cameras: [{ platformCameraId: 'cam 01', name: '路口', status: 'offline', hasPtz: false }],
      skipped: 0,
      total: 1,
    });
    expect(connector.health()).toMatchObject({ state: 'connected', cameras: 1 });
  });
});
