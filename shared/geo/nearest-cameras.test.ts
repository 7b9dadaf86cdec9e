// 调阅周边视频 finds the nearest online cameras within the radius, nearest first, whatever the file order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Camera } from '../model/camera';
import type { LonLat } from '../model/common';
import { fromWgs84 } from './china-coordinates';
import { distanceMetres } from './distance';
import { nearestCameras } from './nearest-cameras';

const incident: LonLat = [121.5, 31.23];
/** A point `east` and `north` metres from the incident (good to centimetres at these distances). */
const offset = (east: number, north: number): LonLat => [
  incident[0] + east / (111_320 * Math.cos((incident[1] * Math.PI) / 180)),
  incident[1] + north / 110_574,
];

function camera(id: string, position: LonLat, isOnline = true): Camera {
  return {
    id,
    name: id,
    street: 'street-1',
    grid: 'grid-1',
    position,
    tags: [],
    platform: 'demo',
    streamId: 'cam-01',
    isOnline,
  };
}

describe('nearestCameras', () => {
  const cameras = [
    camera('cam-far', offset(900, 0)),
    camera('cam-40', offset(0, 40)),
    camera('cam-offline', offset(5, 0), false),
    camera('cam-120', offset(-120, 0)),
    camera('cam-80', offset(60, -53)),
    camera('cam-300', offset(0, -300)),
  ];

  it('returns the N nearest online cameras within R metres, nearest first', () => {
    const found = nearestCameras(cameras, {
      position: incident,
      count: 3,
      radiusMetres: 500,
      cameraCrs: 'wgs84',
    });
    expect(found.map((entry) => entry.camera.id)).toEqual(['cam-40', 'cam-80', 'cam-120']);
    expect(found[0]!.distanceMetres).toBeCloseTo(40, 0);
  });

  it('stops at the radius, and includes offline cameras only when asked', () => {
    const inRadius = nearestCameras(cameras, {
      position: incident,
      count: 10,
      radiusMetres: 500,
      cameraCrs: 'wgs84',
    });
    expect(inRadius.map((entry) => entry.camera.id)).toEqual(['cam-40', 'cam-80', 'cam-120', 'cam-300']);
    const withOffline = nearestCameras(cameras, {
      position: incident,
      count: 1,
      radiusMetres: 500,
      cameraCrs: 'wgs84',
      isOfflineIncluded: true,
    });
    expect(withOffline.map((entry) => entry.camera.id)).toEqual(['cam-offline']);
    expect(
      nearestCameras(cameras, { position: incident, count: 0, radiusMetres: 500, cameraCrs: 'wgs84' }),
    ).toEqual([]);
  });

  it('measures GCJ-02 catalogues after converting them, not in raw platform coordinates', () => {
    // The same real places, stored as a GCJ-02 platform would: the raw values are ~500 m off.
    const gcjCameras = cameras.map((entry) => ({ ...entry, position: fromWgs84(entry.position, 'gcj02') }));
    const found = nearestCameras(gcjCameras, {
      position: incident,
      count: 3,
      radiusMetres: 500,
      cameraCrs: 'gcj02',
    });
    expect(found.map((entry) => entry.camera.id)).toEqual(['cam-40', 'cam-80', 'cam-120']);
  });

  it('never leaves out an eligible camera that is nearer than one it returned, and breaks ties by id', () => {
    const positions = fc.array(
      fc.record({
        east: fc.integer({ min: -800, max: 800 }),
        north: fc.integer({ min: -800, max: 800 }),
        isOnline: fc.boolean(),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(positions, fc.integer({ min: 1, max: 9 }), (entries, count) => {
        const input = entries.map((entry, index) =>
          camera(`cam-${String(index).padStart(3, '0')}`, offset(entry.east, entry.north), entry.isOnline),
        );
        const found = nearestCameras(input, {
          position: incident,
          count,
          radiusMetres: 600,
          cameraCrs: 'wgs84',
        });
        const chosen = new Set(found.map((entry) => entry.camera.id));
        const eligible = input.filter(
          (entry) => entry.isOnline && distanceMetres(incident, entry.position) <= 600,
        );
        expect(found).toHaveLength(Math.min(count, eligible.length));
        const farthestChosen = found.at(-1)?.distanceMetres ?? -1;
        for (const entry of eligible) {
          if (!chosen.has(entry.id))
            expect(distanceMetres(incident, entry.position)).toBeGreaterThanOrEqual(farthestChosen);
        }
        const reversed = nearestCameras([...input].reverse(), {
          position: incident,
          count,
          radiusMetres: 600,
          cameraCrs: 'wgs84',
        });
        expect(reversed.map((entry) => entry.camera.id)).toEqual(found.map((entry) => entry.camera.id));
      }),
      { numRuns: 200 },
    );
  });
});
