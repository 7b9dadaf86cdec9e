// Synthetic data for the map bench: 85 grid polygons, 26,000 cameras and 10,000 incidents over an 8 × 6 km
// district, seeded so every run draws the same thing. Bench only: never shipped in a window.
import type { Camera } from '@shared/model/camera';
import type { LonLat } from '@shared/model/common';
import type { Incident, IncidentSeverity } from '@shared/model/incident';
import type { DistrictMap } from '@shared/model/workspace';
import { createSeededRandom } from '@shared/base/seeded-random';

export const benchCentre: LonLat = [121.5, 31.23];
const west = 121.46;
const south = 31.203;
const columns = 11;
const rows = 8;
const cellLongitude = 0.0076;
const cellLatitude = 0.0068;

export interface SyntheticDistrict {
  readonly district: DistrictMap;
  readonly cameras: Camera[];
  readonly incidents: Incident[];
}

export function syntheticDistrict(cameraCount = 26_000, incidentCount = 10_000): SyntheticDistrict {
  const random = createSeededRandom(20_261_101);
  const features: DistrictMap['features'] = [];
  const grids: { id: string; west: number; south: number }[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      // Three corners cut off: 88 - 3 = 85 grids, like the demo district.
      if (
        (row === 0 && column === 0) ||
        (row === rows - 1 && column === 0) ||
        (row === 0 && column === columns - 1)
      )
        continue;
      const gridWest = west + column * cellLongitude;
      const gridSouth = south + row * cellLatitude;
      const id = `grid-${row}-${column}`;
      grids.push({ id, west: gridWest, south: gridSouth });
      features.push({
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [gridWest, gridSouth],
              [gridWest + cellLongitude, gridSouth],
              [gridWest + cellLongitude, gridSouth + cellLatitude],
              [gridWest, gridSouth + cellLatitude],
              [gridWest, gridSouth],
            ],
          ],
        },
        properties: { kind: 'grid', id, name: `第${grids.length}网格`, street: 'street-1' },
      });
    }
  }
  features.push({
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [west + columns * cellLongitude, south],
          [west + columns * cellLongitude, south + rows * cellLatitude],
          [west, south + rows * cellLatitude],
          [west, south],
        ],
      ],
    },
    properties: { kind: 'district', id: 'district', name: '示范区' },
  });
  const place = (index: number): { position: LonLat; grid: string } => {
    const grid = grids[index % grids.length]!;
    // Cameras crowd along streets: half of them snap near a grid edge.
    const alongEdge = random() < 0.5;
    const x = alongEdge ? (random() < 0.5 ? 0.03 : 0.97) : random();
    return {
      position: [grid.west + x * cellLongitude, grid.south + random() * cellLatitude],
      grid: grid.id,
    };
  };
  const cameras: Camera[] = Array.from({ length: cameraCount }, (_, index) => {
    const { position, grid } = place(Math.floor(random() * grids.length));
    return {
      id: `cam-${String(index).padStart(5, '0')}`,
      name: `摄像机 ${index}`,
      street: 'street-1',
      grid,
      position,
      tags: [],
      platform: 'demo',
      streamId: 'cam-01',
      isOnline: random() < 0.95,
    };
  });
  const severities: IncidentSeverity[] = ['blue', 'blue', 'yellow', 'yellow', 'orange', 'red'];
  const now = Date.now();
  const incidents: Incident[] = Array.from({ length: incidentCount }, (_, index) => {
    const { position, grid } = place(Math.floor(random() * grids.length));
    return {
      id: `incident-${index}`,
      title: `事件 ${index}`,
      category: 'other',
      severity: severities[Math.floor(random() * severities.length)]!,
      position,
      grid,
      source: 'bench',
      status: random() < 0.3 ? 'new' : 'acknowledged',
      raisedAt: now - index * 1_000,
      updatedAt: now - index * 1_000,
      isDrill: false,
    };
  });
  return { district: { type: 'FeatureCollection', features }, cameras, incidents };
}
