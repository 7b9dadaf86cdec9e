import { describe, expect, it } from 'vitest';
import { stressCameras } from '../../../tests/fixtures/stress-cameras';
import { buildCameraIndex, cameraRows } from './camera-rows';

const cameras = stressCameras();
const names = new Map([
  ['street-1', '一号街道'],
  ['street-1-grid-1', '一号街道-01网格'],
]);

describe('camera rows over a 26,000-camera estate', () => {
  const index = buildCameraIndex(cameras, names);

  it('shows the streets collapsed, then a street’s grids, then a grid’s cameras', () => {
    const streets = cameraRows(index, { mode: 'area', query: '', expanded: new Set() });
    expect(streets).toHaveLength(12);
    expect(streets.reduce((sum, row) => sum + (row.kind === 'group' ? row.count : 0), 0)).toBe(26_000);
    expect(streets.find((row) => row.key === 'street:street-1')).toMatchObject({
      label: '一号街道',
      depth: 0,
    });

    const open = cameraRows(index, {
      mode: 'area',
      query: '',
      expanded: new Set(['street:street-1', 'grid:street-1-grid-1']),
    });
    const firstGrid = open.findIndex((row) => row.key === 'grid:street-1-grid-1');
    expect(open[firstGrid]).toMatchObject({ kind: 'group', depth: 1, label: '一号街道-01网格' });
    expect(open[firstGrid + 1]).toMatchObject({ kind: 'camera', depth: 2 });
    const gridCameras = open.filter((row) => row.kind === 'camera');
    expect(gridCameras.length).toBe(cameras.filter((camera) => camera.grid === 'street-1-grid-1').length);
  });

  it('groups by tag, a camera under each of its tags', () => {
    const rows = cameraRows(index, { mode: 'tag', query: '', expanded: new Set(['tag:防汛']) });
    const flood = rows.filter((row) => row.kind === 'camera');
    expect(flood.length).toBe(cameras.filter((camera) => camera.tags.includes('防汛')).length);
    expect(flood.every((row) => row.kind === 'camera' && row.camera.tags.includes('防汛'))).toBe(true);
  });

  it('finds one camera by part of its name among 26,000, in well under a frame budget per keystroke', () => {
    const target = cameras[17_345]!;
    const started = performance.now();
    const rows = cameraRows(index, { mode: 'area', query: target.id, expanded: new Set() });
    const elapsed = performance.now() - started;
    expect(
      rows.filter((row) => row.kind === 'camera').map((row) => row.kind === 'camera' && row.camera.id),
    ).toEqual([target.id]);
    // Street and grid of the match are shown open above it.
    expect(rows.map((row) => row.kind)).toEqual(['group', 'group', 'camera']);
    expect(elapsed).toBeLessThan(200);
  });

  it('needs every word of the query: a tag and a place narrow the list together', () => {
    const rows = cameraRows(index, { mode: 'tag', query: '防汛 学校', expanded: new Set() });
    const found = rows.filter((row) => row.kind === 'camera');
    expect(found.length).toBeGreaterThan(0);
    for (const row of found) {
      if (row.kind !== 'camera') continue;
      expect(row.camera.name).toContain('学校');
      expect(row.camera.tags).toContain('防汛');
    }
  });
});

describe('camera rows with live status', () => {
  it('counts a street’s unknown cameras apart and not as online', () => {
    const [first, second, third] = stressCameras().slice(0, 3);
    const index = buildCameraIndex(
      [
        { ...first!, street: 's', isOnline: true, status: 'online' as const },
        { ...second!, street: 's', isOnline: false, status: 'unknown' as const },
        { ...third!, street: 's', isOnline: false, status: 'offline' as const },
      ],
      new Map(),
    );
    const [street] = cameraRows(index, { mode: 'area', query: '', expanded: new Set() });
    expect(street).toMatchObject({ count: 3, onlineCount: 1, unknownCount: 1 });
  });
});
