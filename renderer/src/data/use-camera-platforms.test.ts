import { describe, expect, it } from 'vitest';
import { applyCameraEvent, type CameraList, type CatalogueCamera } from './use-camera-platforms';

const camera = (id: string, status: CatalogueCamera['status']): CatalogueCamera => ({
  id,
  name: id,
  street: 's',
  grid: 'g',
  position: [120, 30],
  tags: [],
  platform: 'wvp',
  streamId: id,
  isOnline: status === 'online',
  status,
});

describe('applyCameraEvent', () => {
  it('greys a camera that went offline and keeps the others as they were', () => {
    const list: CameraList = {
      crs: 'wgs84',
      cameras: [camera('wvp-1', 'online'), camera('wvp-2', 'online')],
    };
    const next = applyCameraEvent(list, { changes: [{ cameraId: 'wvp-1', status: 'offline' }] });
    expect(next.cameras[0]).toMatchObject({ id: 'wvp-1', status: 'offline', isOnline: false });
    expect(next.cameras[1]).toBe(list.cameras[1]);
  });

  it('adds and removes the cameras of a new listing, replacing one listed again', () => {
    const list: CameraList = {
      crs: 'wgs84',
      cameras: [camera('wvp-1', 'unknown'), camera('wvp-2', 'online')],
    };
    const next = applyCameraEvent(list, {
      added: [camera('wvp-1', 'online'), camera('wvp-3', 'online')],
      removed: ['wvp-2'],
    });
    expect(next.cameras.map((item) => [item.id, item.status])).toEqual([
      ['wvp-1', 'online'],
      ['wvp-3', 'online'],
    ]);
  });
});
