import { describe, expect, it } from 'vitest';
import type { LonLat } from '@shared/model/common';
import type { DistrictMap } from '@shared/model/workspace';
import { distanceMetres } from '@shared/geo/distance';
import { DemoUnits, positionAlong } from './demo-units';

const road: LonLat[] = [
  [121.49, 31.23],
  [121.5, 31.23],
];
const length = distanceMetres(road[0]!, road[1]!);

describe('demo units', () => {
  it('walk their road there and back', () => {
    expect(distanceMetres(positionAlong(road, length / 2), [121.495, 31.23])).toBeLessThan(1);
    expect(
      distanceMetres(positionAlong(road, length * 1.25), positionAlong(road, length * 0.75)),
    ).toBeLessThan(1);
    expect(positionAlong([road[0]!, road[0]!], 50)).toEqual(road[0]);
  });

  it('keep a short track that grows as they move', () => {
    const district: DistrictMap = {
      type: 'FeatureCollection',
      features: [0, 1].map((index) => ({
        type: 'Feature' as const,
        geometry: { type: 'LineString' as const, coordinates: road },
        properties: { kind: 'road' as const, id: `road-${index}`, name: '路' },
      })),
    };
    let now = 0;
    const units = new DemoUnits(district, ['cam-0001', 'cam-0002'], () => now);
    now = 10_000;
    const moved = units.step();
    expect(moved.map((unit) => unit.kind)).toEqual(['drone', 'body']);
    const drone = moved[0]!;
    expect(drone.track).toHaveLength(2);
    expect(distanceMetres(drone.track[0]!, drone.position)).toBeCloseTo(150, -1);
    expect(drone.cameraId).toBe('cam-0001');
  });
});
