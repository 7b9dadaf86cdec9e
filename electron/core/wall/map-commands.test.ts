// Commands from the map: a clicked camera goes to a tile, a clicked incident pulls its nearest cameras.
import { describe, expect, it } from 'vitest';
import type { Camera } from '@shared/model/camera';
import type { LonLat } from '@shared/model/common';
import { wallCommandSchema, type Scenario, type WallState } from '@shared/model/wall';
import { applyWallCommand, initialWallState, type WallContext } from './wall-reducer';

const video = (cameraId: string) => ({
  kind: 'video.camera' as const,
  options: { cameraId, profile: 'auto' as const },
});
const daily: Scenario = {
  version: 2,
  id: 'daily',
  name: { zh: '日常', en: 'Daily' },
  mode: 'normal',
  triggers: [],
  displays: {
    left: {
      layout: { rows: 1, columns: 1, merges: [] },
      cells: [{ kind: 'map.incidents', options: { layers: ['district'] } }],
    },
    right: {
      layout: { rows: 3, columns: 3, merges: [] },
      cells: Array.from({ length: 9 }, (_, index) => video(`cam-${index + 1}`)),
    },
  },
};

const incident: LonLat = [121.5, 31.23];
/** `metres` east of the incident. */
const east = (metres: number): LonLat => [incident[0] + metres / 95_000, incident[1]];
const camera = (id: string, position: LonLat, isOnline = true): Camera => ({
  id,
  name: id,
  street: 'street-1',
  grid: 'grid-1',
  position,
  tags: [],
  platform: 'demo',
  streamId: 'cam-01',
  isOnline,
});
const cameras = [
  camera('cam-a', east(50)),
  camera('cam-b', east(10)),
  camera('cam-c', east(400)),
  camera('cam-d', east(5), false),
  camera('cam-e', east(150)),
  camera('cam-f', east(90)),
  camera('cam-g', east(2_000)),
];
const context: WallContext = {
  scenarios: new Map([['daily', daily]]),
  displayIds: ['left', 'right'],
  hasCamera: (id) => cameras.some((entry) => entry.id === id),
  now: 5,
  cameras: { crs: 'wgs84', cameras },
  incidentPosition: (id) => (id === 'demo-00001' ? incident : undefined),
};
const command = (input: unknown) => wallCommandSchema.parse(input);
const cameraIds = (state: WallState, displayId: string) =>
  state.displays[displayId]!.cells.map((cell) =>
    cell.kind === 'video.camera' ? cell.options.cameraId : cell.kind,
  );

describe('map commands', () => {
  it('puts the 4 nearest online cameras of an incident into a 2 × 2 block of the video display, nearest first', () => {
    const state = applyWallCommand(
      initialWallState(daily, 0),
      command({ type: 'incident.showNearestCameras', incidentId: 'demo-00001' }),
      context,
    );
    expect(cameraIds(state, 'right')).toEqual([
      'cam-b',
      'cam-a',
      'cam-3',
      'cam-f',
      'cam-e',
      'cam-6',
      'cam-7',
      'cam-8',
      'cam-9',
    ]);
    expect(cameraIds(state, 'left')).toEqual(['map.incidents']);
    expect(state.version).toBe(2);
  });

  it('fills only as many tiles as cameras lie within the radius, and refuses when none does', () => {
    const initial = initialWallState(daily, 0);
    const near = applyWallCommand(
      initial,
      command({ type: 'incident.showNearestCameras', incidentId: 'demo-00001', radiusMetres: 60, count: 4 }),
      context,
    );
    expect(cameraIds(near, 'right').slice(0, 3)).toEqual(['cam-b', 'cam-a', 'cam-3']);
    const withoutNearest = {
      ...context,
      cameras: { crs: 'wgs84' as const, cameras: [cameras[0]!, cameras[2]!] },
    };
    expect(() =>
      applyWallCommand(
        initial,
        command({ type: 'incident.showNearestCameras', incidentId: 'demo-00001', radiusMetres: 30 }),
        withoutNearest,
      ),
    ).toThrow(/no online camera within 30 m/);
    expect(() =>
      applyWallCommand(
        initial,
        command({ type: 'incident.showNearestCameras', incidentId: 'demo-09999' }),
        context,
      ),
    ).toThrow(/unknown incident 'demo-09999'/);
  });

  it('sends a clicked camera to the given tile, or to the first video tile', () => {
    const initial = initialWallState(daily, 0);
    const given = applyWallCommand(
      initial,
      command({ type: 'camera.show', cameraId: 'cam-g', displayId: 'right', cellIndex: 7 }),
      context,
    );
    expect(cameraIds(given, 'right')[7]).toBe('cam-g');
    const first = applyWallCommand(initial, command({ type: 'camera.show', cameraId: 'cam-g' }), context);
    expect(cameraIds(first, 'right')[0]).toBe('cam-g');
    expect(() =>
      applyWallCommand(initial, command({ type: 'camera.show', cameraId: 'cam-404' }), context),
    ).toThrow(/unknown camera 'cam-404'/);
    expect(() =>
      applyWallCommand(
        initial,
        command({ type: 'camera.show', cameraId: 'cam-g', displayId: 'right', cellIndex: 9 }),
        context,
      ),
    ).toThrow(/has no tile 9/);
  });
});
