import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProtocolError, type PtzHolder } from '@shared/protocol';
import { liveOnlyCapabilities, type PtzMove } from '@shared/model/camera-platform';
import type { CoreSession } from '../session';
import type { CameraConnector, CameraDirectory, ConnectorCameraRef } from './connector';
import { ptzHandlers } from './ptz-handlers';
import { PtzLeases, moveIdleMs } from './ptz-lease';

/** A platform that records what reached it. */
function fakePlatform(options: { ptz: boolean }) {
  const calls: string[] = [];
  const connector = {
    platformId: 'fake',
    capabilities: {
      ...liveOnlyCapabilities,
      ptz: { move: options.ptz, presets: options.ptz, areaZoom: false, centre: options.ptz },
    },
    ptz: {
      move: async (camera: ConnectorCameraRef, move: PtzMove) =>
        void calls.push(`move ${camera.platformCameraId} ${move.direction}`),
      stop: async (camera: ConnectorCameraRef) => void calls.push(`stop ${camera.platformCameraId}`),
      presets: async () => [{ id: '1', name: '全景' }],
      goToPreset: async (camera: ConnectorCameraRef, id: string) => void calls.push(`preset ${id}`),
      centre: async () => void calls.push('centre'),
    },
  } as unknown as CameraConnector;
  const directory: CameraDirectory = {
    find: (cameraId) =>
      cameraId.startsWith('cam-')
        ? {
            connector,
            ref: { cameraId, platformCameraId: `head-${cameraId}` },
            hasPtz: cameraId !== 'cam-fixed',
          }
        : undefined,
  };
  return { calls, directory };
}

const people: Record<string, PtzHolder> = {
  zhang: { userId: 'operator', displayName: '值班员 张三', role: 'operator' },
  chen: { userId: 'waitan-operator', displayName: '外滩街道 陈七', role: 'operator' },
  zhao: { userId: 'admin', displayName: '管理员 赵六', role: 'admin' },
};
const session = (name: string) => ({ name }) as unknown as CoreSession;

function setUp(options = { ptz: true }) {
  const { calls, directory } = fakePlatform(options);
  const presets: string[] = [];
  const leases = new PtzLeases<CoreSession>({
    stop: (cameraId) => calls.push(`auto-stop ${cameraId}`),
    changed: () => undefined,
    journal: () => undefined,
  });
  const handlers = ptzHandlers({
    directory,
    leases,
    holderOf: (caller) => people[(caller as unknown as { name: string }).name] ?? null,
    presetCalled: (_caller, cameraId, presetId) => presets.push(`${cameraId} ${presetId}`),
  });
  return { calls, handlers, presets, leases };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProtocolError);
  return error as ProtocolError;
};

describe('ptz handlers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('moves the head and answers who holds it', async () => {
    const { calls, handlers } = setUp();
    const answer = await handlers['ptz.move'](
      { cameraId: 'cam-1', direction: 'left', speed: 0.5 },
      { session: session('zhang') },
    );
    expect(answer.holder?.displayName).toBe('值班员 张三');
    expect(calls).toEqual(['move head-cam-1 left']);
  });

  it('tells a second operator who steers the camera and never reaches the platform for them', async () => {
    const { calls, handlers } = setUp();
    await handlers['ptz.move'](
      { cameraId: 'cam-1', direction: 'left', speed: 0.5 },
      { session: session('zhang') },
    );
    const error = await refusal(
      handlers['ptz.move'](
        { cameraId: 'cam-1', direction: 'right', speed: 0.5 },
        { session: session('chen') },
      ),
    );
    expect(error.code).toBe('rejected');
    expect(error.message).toBe('云台由 值班员 张三 控制');
    await refusal(handlers['ptz.stop']({ cameraId: 'cam-1' }, { session: session('chen') }));
    expect(calls).toEqual(['move head-cam-1 left']);
    const state = await handlers['ptz.state']({ cameraId: 'cam-1' }, { session: session('chen') });
    expect(state.holder?.displayName).toBe('值班员 张三');
  });

  it('answers unsupported with the reason for a fixed camera, a platform without PTZ and a missing gesture', async () => {
    const fixed = await refusal(
      setUp().handlers['ptz.move'](
        { cameraId: 'cam-fixed', direction: 'up', speed: 1 },
        { session: session('zhang') },
      ),
    );
    expect([fixed.code, fixed.message]).toEqual(['unsupported', '不支持：该摄像机为固定枪机，没有云台']);
    const platform = await refusal(
      setUp({ ptz: false }).handlers['ptz.move'](
        { cameraId: 'cam-1', direction: 'up', speed: 1 },
        { session: session('zhang') },
      ),
    );
    expect(platform.message).toBe('不支持：平台 fake 不支持云台控制');
    const areaZoom = await refusal(
      setUp().handlers['ptz.areaZoom'](
        { cameraId: 'cam-1', box: { x: 0, y: 0, width: 0.5, height: 0.5 }, zoomIn: true },
        { session: session('zhang') },
      ),
    );
    expect(areaZoom.code).toBe('unsupported');
    const state = await setUp().handlers['ptz.state'](
      { cameraId: 'cam-fixed' },
      { session: session('zhang') },
    );
    expect(state).toMatchObject({ abilities: { move: false }, reason: '该摄像机为固定枪机，没有云台' });
  });

  it('lets the holder stop the head, after which the core sends no stop of its own', async () => {
    const { calls, handlers } = setUp();
    await handlers['ptz.move'](
      { cameraId: 'cam-1', direction: 'up', speed: 1 },
      { session: session('zhang') },
    );
    await handlers['ptz.stop']({ cameraId: 'cam-1' }, { session: session('zhang') });
    vi.advanceTimersByTime(2_000);
    expect(calls).toEqual(['move head-cam-1 up', 'stop head-cam-1']);
  });

  it('stops a head itself when the console’s moves stop coming', async () => {
    const { calls, handlers } = setUp();
    await handlers['ptz.move'](
      { cameraId: 'cam-1', direction: 'up', speed: 1 },
      { session: session('zhang') },
    );
    vi.advanceTimersByTime(moveIdleMs);
    expect(calls).toEqual(['move head-cam-1 up', 'auto-stop cam-1']);
  });

  it('journals a preset call and lets an admin take the camera over', async () => {
    const { handlers, presets } = setUp();
    await handlers['ptz.move'](
      { cameraId: 'cam-1', direction: 'up', speed: 1 },
      { session: session('zhang') },
    );
    const answer = await handlers['ptz.goToPreset'](
      { cameraId: 'cam-1', presetId: '1' },
      { session: session('zhao') },
    );
    expect(answer.holder?.displayName).toBe('管理员 赵六');
    expect(presets).toEqual(['cam-1 1']);
  });

  it('refuses a wall machine (no person to hold the lease)', async () => {
    const error = await refusal(
      setUp().handlers['ptz.move'](
        { cameraId: 'cam-1', direction: 'up', speed: 1 },
        { session: session('wall') },
      ),
    );
    expect(error.code).toBe('forbidden');
  });
});
