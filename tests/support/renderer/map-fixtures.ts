// A tiny district and camera set for the map tests (not shipped: only test files import it).
import type { Camera } from '@shared/model/camera';
import type { DistrictMap } from '@shared/model/workspace';

const square = (west: number, south: number, east: number, north: number) => [
  [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ],
];

/** One district with a street, two grids, a river, a road and a landmark around the Bund. */
export const testDistrict: DistrictMap = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: square(121.45, 31.2, 121.55, 31.26) },
      properties: { kind: 'district', id: 'district', name: '示范区' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: square(121.45, 31.2, 121.5, 31.26) },
      properties: { kind: 'street', id: 'street-1', name: '外滩街道' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: square(121.45, 31.2, 121.47, 31.22) },
      properties: { kind: 'grid', id: 'grid-1', name: '第一网格', street: 'street-1' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: square(121.47, 31.2, 121.5, 31.22) },
      properties: { kind: 'grid', id: 'grid-2', name: '第二网格', street: 'street-1' },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [121.49, 31.2],
          [121.5, 31.26],
        ],
      },
      properties: { kind: 'river', id: 'river', name: '黄浦江' },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [121.45, 31.23],
          [121.55, 31.23],
        ],
      },
      properties: { kind: 'road', id: 'road-1', name: '南京路' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [121.49, 31.24] },
      properties: { kind: 'landmark', id: 'bund', name: '外滩' },
    },
  ],
};

function camera(id: string, position: [number, number], isOnline: boolean): Camera {
  return {
    id,
    name: `摄像机 ${id}`,
    street: 'street-1',
    grid: 'grid-1',
    position,
    tags: [],
    platform: 'demo',
    streamId: 'cam-01',
    isOnline,
  };
}

/** Three cameras, one offline. */
export const testCameras = {
  crs: 'wgs84' as const,
  cameras: [
    camera('cam-0001', [121.46, 31.21], true),
    camera('cam-0002', [121.48, 31.21], true),
    camera('cam-0003', [121.49, 31.24], false),
  ],
};
