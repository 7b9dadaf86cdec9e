// An ONVIF platform in the camera services: its cameras still resolve through the URL templates (media.resolve
// unchanged), while the directory gives PTZ to the ONVIF connector — for the cameras that have a device entry.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { platformSchema, type Camera } from '@shared/model/camera';
import { startOnvifDevice, type OnvifDevice } from '../../../../../tests/support/onvif/onvif-device';
import type { Workspace } from '../../../workspace/load-workspace';
import { createCameraServices, type CameraServices } from '../../camera-services';
import { mediaHandlers } from '../../media-handlers';
import { createConnector } from '../create-connector';

const camera = (id: string, streamId: string): Camera => ({
  id,
  name: id,
  street: 's',
  grid: 'g',
  position: [121.5, 31.2],
  tags: [],
  platform: 'onvif-road',
  streamId,
  isOnline: true,
});

let device: OnvifDevice | undefined;
let services: CameraServices | undefined;
let folder: string | undefined;
afterEach(async () => {
  await services?.close();
  await device?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

it('an ONVIF platform plays its templates and steers the heads of the cameras with a device entry', async () => {
  device = await startOnvifDevice();
  folder = await mkdtemp(path.join(os.tmpdir(), 'tianmu-onvif-'));
  const platform = platformSchema.parse({
    id: 'onvif-road',
    name: '道路球机',
    vendor: 'onvif',
    kind: 'ws-flv',
    url: { main: 'ws://{origin}/live/{streamId}.flv', sub: 'ws://{origin}/live/{streamId}_sub.flv' },
    connector: {
      type: 'onvif',
      devices: { 'cross-07': { address: device.address, username: 'admin', password: { env: 'ONVIF_PW' } } },
    },
  });
  const workspace = {
    directory: folder,
    cameras: { crs: 'wgs84', cameras: [camera('cam-0007', 'cross-07'), camera('cam-0008', 'gun-08')] },
    platforms: [platform],
  } as unknown as Workspace;
  services = createCameraServices({
    workspace,
    mediaHost: () => '127.0.0.1:18000',
    stateDir: folder,
    log: () => undefined,
    createConnector: (item) =>
      createConnector(item, { workspaceDir: folder!, env: { ONVIF_PW: 'onvif-pass' } }),
  });
  await services.start();
  const handlers = mediaHandlers({
    ...services,
    mediaHost: () => '127.0.0.1:18000',
    cellsOf: () => [],
    snapshotRoot: folder,
  });
  await expect(
    handlers['media.resolve']({ cameraId: 'cam-0007', profile: 'main' }, {} as never),
  ).resolves.toEqual({
    cameraId: 'cam-0007',
    profile: 'main',
    kind: 'ws-flv',
    url: 'ws://127.0.0.1:18000/live/cross-07.flv',
  });

  const ball = services.catalogue.find('cam-0007')!;
  expect(ball.hasPtz).toBe(true);
  expect(ball.connector.capabilities.ptz).toEqual({
    move: true,
    presets: true,
    areaZoom: false,
    centre: false,
  });
  await ball.connector.ptz!.move(ball.ref, { direction: 'right', speed: 1 });
  expect(device.count('ContinuousMove')).toBe(1);
  // A camera of the platform without a device entry is a fixed one (ptz.state says 没有云台).
  expect(services.catalogue.find('cam-0008')!.hasPtz).toBe(false);
});
