import { describe, expect, it } from 'vitest';
import type { Camera } from '@shared/model/camera';
import type { CoreSession, HandlerGroup } from '../session';
import { withCameraControlPermissions } from './camera-permissions';

const camera = (id: string, street: string): Camera => ({
  id,
  name: id,
  street,
  grid: `${street}-01`,
  position: [121.5, 31.2],
  tags: ['人流'],
  platform: 'demo',
  streamId: 'cam-01',
  isOnline: true,
});
const cameras = [camera('cam-0017', 'waitan'), camera('cam-0051', 'yuyuan')];
const waitanOperator = {
  principal: { kind: 'user', userId: 'waitan-operator', role: 'operator', areas: { streets: ['waitan'] } },
} as unknown as CoreSession;

type Ptz =
  'ptz.state' | 'ptz.move' | 'ptz.stop' | 'ptz.presets' | 'ptz.goToPreset' | 'ptz.areaZoom' | 'ptz.centre';
const answering = async () => ({ holder: null });
const handlers = {
  'ptz.state': answering,
  'ptz.move': answering,
  'ptz.stop': answering,
  'ptz.presets': async () => ({ presets: [] }),
  'ptz.goToPreset': answering,
  'ptz.areaZoom': answering,
  'ptz.centre': answering,
  'cameras.get': async () => 'unguarded',
} as unknown as HandlerGroup<Ptz>;

const cameraById = (cameraId: string) => cameras.find((candidate) => candidate.id === cameraId);

describe('withCameraControlPermissions', () => {
  it('lets a street operator steer the cameras of their street only, journaling the refusal', async () => {
    const refused: string[] = [];
    const guarded = withCameraControlPermissions(handlers, {
      camera: cameraById,
      refused: (_session, cameraId, reason) => refused.push(`${cameraId}: ${reason}`),
    });
    const context = { session: waitanOperator };
    await expect(
      guarded['ptz.move']({ cameraId: 'cam-0017', direction: 'left', speed: 1 }, context),
    ).resolves.toEqual({
      holder: null,
    });
    await expect(
      guarded['ptz.move']({ cameraId: 'cam-0051', direction: 'left', speed: 1 }, context),
    ).rejects.toThrow('无权限：摄像机 cam-0051 不在您的管辖区域内');
    expect(refused).toEqual(['cam-0051: 摄像机 cam-0051 不在您的管辖区域内']);
  });

  it('wraps only the PTZ requests of a whole handler table (camera lists keep their own filter)', () => {
    // Spread over the whole table in trust-boundary.ts: an entry for cameras.get here would undo its area filter.
    const guarded = withCameraControlPermissions(handlers, {
      camera: cameraById,
      refused: () => undefined,
    });
    expect(Object.keys(guarded).sort()).toEqual([
      'ptz.areaZoom',
      'ptz.centre',
      'ptz.goToPreset',
      'ptz.move',
      'ptz.presets',
      'ptz.state',
      'ptz.stop',
    ]);
  });
});
