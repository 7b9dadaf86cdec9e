// The ONVIF connector against a double of an ONVIF PTZ camera (tests/support/onvif): moves, stop and presets as
// SOAP calls with a UsernameToken digest, a refused password and an unreachable device named on the health.
import { afterEach, describe, expect, it } from 'vitest';
import { platformSchema, type Platform } from '@shared/model/camera';
import type { ConnectorHealth } from '@shared/model/camera-platform';
import { startOnvifDevice, type OnvifDevice } from '../../../../../tests/support/onvif/onvif-device';
import { ConnectorError, type CameraConnector } from '../../connector';
import { createOnvifConnector, onvifVelocity } from './onvif-connector';

const ref = { cameraId: 'cam-0007', platformCameraId: 'cross-07' };

function onvifPlatform(address: string): Platform {
  return platformSchema.parse({
    id: 'onvif-road',
    name: '道路球机',
    vendor: 'onvif',
    kind: 'ws-flv',
    url: { main: 'ws://10.0.0.1/live/{streamId}.flv', sub: 'ws://10.0.0.1/live/{streamId}_sub.flv' },
    connector: {
      type: 'onvif',
      devices: { 'cross-07': { address, username: 'admin', password: { env: 'ONVIF_PASSWORD' } } },
    },
  });
}

let device: OnvifDevice | undefined;
let connector: CameraConnector | undefined;
afterEach(async () => {
  connector?.dispose();
  await device?.close();
  device = undefined;
});

async function connect(
  password = 'onvif-pass',
  options: { announcedHost?: string; clockAheadMs?: number } = {},
) {
  device = await startOnvifDevice(options);
  connector = createOnvifConnector(onvifPlatform(device.address), {
    workspaceDir: '.',
    env: { ONVIF_PASSWORD: password },
  });
  return { device, connector, ptz: connector.ptz! };
}

describe('onvifVelocity', () => {
  it('maps a direction and a speed 0..1 onto pan/tilt/zoom velocities, speed 0 still moving slowly', () => {
    expect(onvifVelocity({ direction: 'up', speed: 1 })).toEqual({ pan: 0, tilt: 1, zoom: 0 });
    expect(onvifVelocity({ direction: 'left', speed: 0.5 })).toEqual({ pan: -0.55, tilt: 0, zoom: 0 });
    expect(onvifVelocity({ direction: 'down-right', speed: 0 })).toEqual({ pan: 0.1, tilt: -0.1, zoom: 0 });
    expect(onvifVelocity({ direction: 'zoom-out', speed: 1 })).toEqual({ pan: 0, tilt: 0, zoom: -1 });
  });
});

describe('ONVIF connector', () => {
  it('offers move and presets only, lists nothing and leaves live to the templates', async () => {
    const { connector } = await connect();
    expect(connector.capabilities.ptz).toEqual({ move: true, presets: true, areaZoom: false, centre: false });
    expect(connector.capabilities.listsCameras).toBe(false);
    expect(connector.capabilities.playback.recordings).toBe(false);
    await expect(connector.listCameras()).resolves.toMatchObject({ cameras: [] });
    await expect(connector.openLive(ref, 'main')).rejects.toMatchObject({ reason: 'unsupported' });
  });

  it('moves up-left as a ContinuousMove of the PTZ profile at the PTZ service, then stops pan/tilt and zoom', async () => {
    const { device, ptz } = await connect();
    await ptz.move(ref, { direction: 'up-left', speed: 1 });
    await ptz.move(ref, { direction: 'zoom-in', speed: 0.5 });
    await ptz.stop(ref);
    const moves = device.calls.filter((call) => call.operation === 'ContinuousMove');
    expect(moves.map((call) => call.path)).toEqual(['/onvif/PTZ', '/onvif/PTZ']);
    expect(moves[0]!.body).toContain('<tptz:ProfileToken>Profile_1</tptz:ProfileToken>');
    expect(moves[0]!.body).toContain('<tt:PanTilt x="-1" y="1"/>');
    expect(moves[0]!.body).not.toContain('Zoom');
    expect(moves[1]!.body).toContain('<tt:Zoom x="0.55"/>');
    const stop = device.calls.find((call) => call.operation === 'Stop')!;
    expect(stop.body).toContain('<tptz:PanTilt>true</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom>');
    // The service addresses and the profile are asked once, not per move.
    expect([device.count('GetCapabilities'), device.count('GetProfiles'), device.count('Stop')]).toEqual([
      1, 1, 1,
    ]);
    expect(device.calls.every((call) => call.authorised)).toBe(true);
  });

  it('reaches the PTZ service on the configured address when the device announces its own (NAT) address', async () => {
    const { device, ptz } = await connect('onvif-pass', { announcedHost: '192.168.1.64' });
    await ptz.stop(ref);
    expect(device.count('Stop')).toBe(1);
  });

  it('signs in the clock of a device an hour ahead (asked once with GetSystemDateAndTime) and moves', async () => {
    const { device, connector, ptz } = await connect('onvif-pass', { clockAheadMs: 3_600_000 });
    await ptz.move(ref, { direction: 'up', speed: 1 });
    await ptz.stop(ref);
    expect([
      device.count('GetSystemDateAndTime'),
      device.count('ContinuousMove'),
      device.count('Stop'),
    ]).toEqual([1, 1, 1]);
    expect(connector.health().state).toBe('connected');
  });

  it('lists the presets by token and name and goes to one', async () => {
    const { device, ptz } = await connect();
    await expect(ptz.presets(ref)).resolves.toEqual([
      { id: '1', name: '路口全景' },
      { id: '2', name: '人行横道' },
    ]);
    await ptz.goToPreset(ref, '2');
    const goTo = device.calls.find((call) => call.operation === 'GotoPreset')!;
    expect(goTo.body).toContain('<tptz:PresetToken>2</tptz:PresetToken>');
    expect(device.count('GotoPreset')).toBe(1);
  });

  it('a wrong password is refused as unauthorised and puts the platform down, naming the device and user', async () => {
    const { device, connector, ptz } = await connect('wrong');
    const changes: ConnectorHealth[] = [];
    connector.onHealth((health) => changes.push(health));
    const error = await ptz.move(ref, { direction: 'up', speed: 0.5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ reason: 'unauthorised' });
    expect(connector.health()).toMatchObject({ state: 'down' });
    expect(connector.health().problem).toBe(
      `ONVIF 设备 cam-0007（${device.address}）拒绝登录：用户名或密码错误（用户 admin）`,
    );
    expect(changes.map((health) => health.state)).toEqual(['down']);
    expect(device.count('ContinuousMove')).toBe(0);
  });

  it('an unreachable device is an unreachable error and degrades the platform, naming the device', async () => {
    const { device, connector, ptz } = await connect();
    await device.close();
    const error = await ptz.stop(ref).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      reason: 'unreachable',
      message: `无法连接 ONVIF 设备 cam-0007（${device.address}）`,
    });
    expect(connector.health()).toMatchObject({ state: 'degraded', problem: (error as Error).message });
  });

  it('a camera without a device entry is not-found, and the platform stays connected', async () => {
    const { connector, ptz } = await connect();
    await expect(ptz.stop({ cameraId: 'cam-0008', platformCameraId: 'other' })).rejects.toMatchObject({
      reason: 'not-found',
    });
    expect(connector.health().state).toBe('connected');
  });
});
