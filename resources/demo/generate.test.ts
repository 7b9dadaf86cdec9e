// Checks the committed demo workspace: generated (not hand-edited), deterministic, geographically consistent and
// internally referenced correctly.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutCells } from '../../shared/layout/grid';
import { cameraCatalogueSchema } from '../../shared/model/camera';
import { dimensions, indicatorCatalogueSchema } from '../../shared/model/indicator';
import type { Layout } from '../../shared/model/wall';
import { scenarioSchema, wallSchema } from '../../shared/model/wall';
import { districtMapSchema, workspaceManifestSchema } from '../../shared/model/workspace';
import { loadWorkspace } from '../../electron/core/workspace/load-workspace';
import { buildDemoWorkspace, demoDirectory } from './generate';

const files = buildDemoWorkspace();
const text = (name: string) => {
  const content = files.get(name);
  if (content === undefined) throw new Error(`the generator did not produce ${name}`);
  return content;
};
const manifest = workspaceManifestSchema.parse(JSON.parse(text('workspace.json')));
const wall = wallSchema.parse(JSON.parse(text('wall.json')));
const cameras = cameraCatalogueSchema.parse(JSON.parse(text('cameras.json'))).cameras;
const indicators = indicatorCatalogueSchema.parse(JSON.parse(text('indicators.json'))).indicators;
const features = districtMapSchema.parse(JSON.parse(text('district.geojson'))).features;
const scenarios = [...files.keys()]
  .filter((name) => name.startsWith('scenarios/'))
  .map((name) => scenarioSchema.parse(JSON.parse(text(name))));

type Ring = number[][];

/** Ray casting, written independently of the generator's own geometry so the two check each other. */
function isInside([longitude, latitude]: readonly number[], ring: Ring): boolean {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index, index += 1) {
    const [x1, y1] = ring[index] as [number, number];
    const [x2, y2] = ring[previous] as [number, number];
    if (y1 > (latitude as number) !== y2 > (latitude as number)) {
      const crossingLongitude = x1 + ((x2 - x1) * ((latitude as number) - y1)) / (y2 - y1);
      if ((longitude as number) < crossingLongitude) inside = !inside;
    }
  }
  return inside;
}

function polygonsOf(kind: string): Map<string, { ring: Ring; street?: string }> {
  const polygons = new Map<string, { ring: Ring; street?: string }>();
  for (const feature of features) {
    if (feature.properties.kind !== kind || feature.geometry.type !== 'Polygon') continue;
    polygons.set(feature.properties.id, {
      ring: feature.geometry.coordinates[0] as Ring,
      ...(feature.properties.street === undefined ? {} : { street: feature.properties.street }),
    });
  }
  return polygons;
}

function cellCount(layout: Layout): number {
  const covered = Array.from({ length: layout.rows }, () => Array<boolean>(layout.columns).fill(false));
  let count = 0;
  for (const merge of layout.merges) {
    count += 1;
    for (let row = merge.row; row < merge.row + merge.rowSpan; row += 1) {
      for (let column = merge.column; column < merge.column + merge.columnSpan; column += 1) {
        expect(covered[row]?.[column], `merge cell ${row},${column} is inside the layout, once`).toBe(false);
        (covered[row] as boolean[])[column] = true;
      }
    }
  }
  for (const row of covered) count += row.filter((isCovered) => !isCovered).length;
  return count;
}

describe('demo workspace', () => {
  it('matches the committed files (after a change, run npm run demo:generate)', () => {
    for (const [name, generated] of files) {
      const committed = readFileSync(join(demoDirectory, name), 'utf8');
      const committedLines = committed.split('\n');
      const generatedLines = generated.split('\n');
      const firstDifference = generatedLines.findIndex((line, index) => line !== committedLines[index]);
      expect(
        committed === generated,
        `${name} differs from the generator output at line ${firstDifference + 1}`,
      ).toBe(true);
    }
    const committedScenarios = readdirSync(join(demoDirectory, 'scenarios')).map(
      (name) => `scenarios/${name}`,
    );
    expect(committedScenarios.sort()).toEqual(
      [...files.keys()].filter((name) => name.startsWith('scenarios/')).sort(),
    );
  });

  it('is byte-identical when built again, and changes with the seed', () => {
    const again = buildDemoWorkspace();
    expect([...again.entries()]).toEqual([...files.entries()]);
    expect(buildDemoWorkspace(7).get('cameras.json')).not.toBe(files.get('cameras.json'));
  });

  it('keeps every file under 1 MB', () => {
    for (const [name, content] of files) expect(Buffer.byteLength(content), name).toBeLessThan(1_000_000);
  });

  it('has one district, 8 streets and 85 grids, each grid inside its street', () => {
    const streets = polygonsOf('street');
    const grids = polygonsOf('grid');
    expect(polygonsOf('district').size).toBe(1);
    expect(streets.size).toBe(8);
    expect(grids.size).toBe(85);
    for (const [id, grid] of grids) {
      const street = streets.get(grid.street ?? '');
      expect(street, `street of grid ${id}`).toBeDefined();
      const vertices = grid.ring.slice(0, -1);
      const centre = [0, 1].map(
        (axis) => vertices.reduce((sum, point) => sum + (point[axis] as number), 0) / vertices.length,
      );
      expect(isInside(centre, (street as { ring: Ring }).ring), `grid ${id} lies in ${grid.street}`).toBe(
        true,
      );
    }
    const ids = features.map((feature) => feature.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(features.filter((feature) => feature.properties.kind === 'river').length).toBeGreaterThanOrEqual(
      2,
    );
    expect(
      features.filter((feature) => feature.properties.kind === 'landmark').length,
    ).toBeGreaterThanOrEqual(10);
  });

  it('places every camera inside the grid polygon it names, in that grid’s street', () => {
    const grids = polygonsOf('grid');
    expect(cameras).toHaveLength(240);
    for (const camera of cameras) {
      const grid = grids.get(camera.grid);
      expect(grid, `grid of ${camera.id}`).toBeDefined();
      expect(grid?.street, `street of ${camera.id}`).toBe(camera.street);
      expect(
        isInside(camera.position, (grid as { ring: Ring }).ring),
        `${camera.id} ${camera.name} in ${camera.grid}`,
      ).toBe(true);
    }
  });

  it('gives cameras unique ids and names, 1-3 tags, the demo streams and a ~96 % online rate', () => {
    expect(new Set(cameras.map((camera) => camera.id)).size).toBe(cameras.length);
    expect(new Set(cameras.map((camera) => camera.name)).size).toBe(cameras.length);
    for (const camera of cameras) {
      const describing = camera.tags.filter((tag) => tag !== '云台');
      expect(describing.length, camera.id).toBeGreaterThanOrEqual(1);
      expect(describing.length, camera.id).toBeLessThanOrEqual(3);
      expect(camera.platform).toBe('demo');
      // PTZ heads (tagged 云台) play the steerable views ptz-01, ptz-02; the others the six loops.
      expect(camera.streamId).toMatch(camera.tags.includes('云台') ? /^ptz-0[12]$/ : /^cam-0[1-6]$/);
    }
    expect(cameras.filter((camera) => camera.tags.includes('云台')).map((camera) => camera.id)).toEqual([
      'cam-0017',
      'cam-0051',
    ]);
    const onlineRate = cameras.filter((camera) => camera.isOnline).length / cameras.length;
    expect(onlineRate).toBeGreaterThan(0.92);
    expect(onlineRate).toBeLessThan(0.995);
  });

  it('covers every dimension with at least two indicators, with ordered thresholds', () => {
    for (const dimension of dimensions) {
      expect(
        indicators.filter((indicator) => indicator.dimension === dimension).length,
        dimension,
      ).toBeGreaterThanOrEqual(2);
    }
    expect(indicators.length).toBeGreaterThanOrEqual(24);
    for (const indicator of indicators) {
      expect(indicator.sourceKey).toBe(`vitals/${indicator.id}`);
      const { thresholds } = indicator;
      if (thresholds === undefined) continue;
      const levels = [thresholds.blue, thresholds.yellow, thresholds.orange, thresholds.red].filter(
        (level): level is number => level !== undefined,
      );
      const sorted = [...levels].sort((first, second) =>
        thresholds.direction === 'above' ? first - second : second - first,
      );
      expect(levels, `${indicator.id} levels in ${thresholds.direction} order`).toEqual(sorted);
      expect(new Set(levels).size).toBe(levels.length);
    }
  });

  it('has scenarios that fit their layouts and reference existing cameras and indicators', () => {
    const cameraIds = new Set(cameras.map((camera) => camera.id));
    const indicatorIds = new Set(indicators.map((indicator) => indicator.id));
    expect(scenarios.map((scenario) => scenario.id).sort()).toEqual([
      'daily',
      'fire',
      'flood-typhoon',
      'large-crowd',
      'major-event',
    ]);
    expect(scenarios.map((scenario) => scenario.id)).toContain(manifest.defaultScenario);
    for (const scenario of scenarios) {
      expect(Object.keys(scenario.displays).sort()).toEqual(
        wall.displays.map((display) => display.id).sort(),
      );
      for (const [displayId, content] of Object.entries(scenario.displays)) {
        expect(content.cells.length, `${scenario.id}/${displayId} cells`).toBe(cellCount(content.layout));
        for (const cell of content.cells) {
          if (cell.kind === 'video.camera')
            expect(cameraIds.has(cell.options.cameraId), cell.options.cameraId).toBe(true);
          if (cell.kind === 'video.patrol')
            for (const id of cell.options.cameraIds) expect(cameraIds.has(id), id).toBe(true);
          if (cell.kind === 'vitals.trend' || cell.kind === 'vitals.kpi') {
            for (const id of cell.options.indicatorIds) expect(indicatorIds.has(id), id).toBe(true);
          }
        }
      }
    }
  });

  it('loads in the core exactly as the app loads a workspace folder', async () => {
    const workspace = await loadWorkspace(demoDirectory);
    expect(workspace.scenarios.map((scenario) => scenario.id)).toEqual([
      'daily',
      'fire',
      'flood-typhoon',
      'large-crowd',
      'major-event',
    ]);
    expect(workspace.cameras.cameras).toHaveLength(240);
  });

  it('suggests each emergency scenario by warning levels of known indicators, and uses merged layouts', () => {
    const indicatorIds = new Set(indicators.map((indicator) => indicator.id));
    for (const scenario of scenarios) {
      if (scenario.mode === 'emergency') expect(scenario.triggers.length, scenario.id).toBeGreaterThan(0);
      for (const trigger of scenario.triggers) expect(indicatorIds.has(trigger.indicatorId)).toBe(true);
    }
    const flood = scenarios.find((scenario) => scenario.id === 'flood-typhoon')!;
    expect(flood.triggers).toContainEqual({
      indicatorId: 'rain-1h',
      level: 'red',
      warning: { zh: '暴雨', en: 'rainstorm' },
    });
    const merged = scenarios.flatMap((scenario) =>
      Object.values(scenario.displays).map((content) => content.layout.merges.length),
    );
    expect(merged.filter((count) => count > 0).length).toBeGreaterThanOrEqual(4);
  });

  it('pages a 2×2 block patrol of twelve exit-route cameras in the merged cell of the major event', () => {
    const right = scenarios.find((scenario) => scenario.id === 'major-event')!.displays.right!;
    const patrols = right.cells.filter((cell) => cell.kind === 'video.patrol');
    expect(patrols).toHaveLength(1);
    const [patrol] = patrols;
    if (patrol?.kind !== 'video.patrol') throw new Error('no patrol');
    expect(patrol.options.block).toEqual({ rows: 2, columns: 2 });
    expect(patrol.options.cameraIds).toHaveLength(12);
    // In the merged bottom-right 2×2 cell, and none of its cameras is also a fixed tile of the wall.
    const index = right.cells.indexOf(patrol);
    expect(layoutCells(right.layout)[index]).toMatchObject({ row: 2, column: 2, rowSpan: 2, columnSpan: 2 });
    const fixed = right.cells.flatMap((cell) =>
      cell.kind === 'video.camera' ? [cell.options.cameraId] : [],
    );
    expect(patrol.options.cameraIds.filter((id) => fixed.includes(id))).toEqual([]);
    for (const id of patrol.options.cameraIds)
      expect(cameras.find((camera) => camera.id === id)?.isOnline, id).toBe(true);
  });

  it('shows only flood-related, online cameras on the flood & typhoon wall', () => {
    const flood = scenarios.find((scenario) => scenario.id === 'flood-typhoon');
    const tiles = flood?.displays.right?.cells ?? [];
    expect(tiles).toHaveLength(16);
    for (const tile of tiles) {
      expect(tile.kind).toBe('video.camera');
      const camera = cameras.find(
        (candidate) => tile.kind === 'video.camera' && candidate.id === tile.options.cameraId,
      );
      expect(camera?.isOnline).toBe(true);
      expect(
        camera?.tags.some((tag) => ['防汛', '下立交', '河道'].includes(tag)),
        camera?.name,
      ).toBe(true);
    }
  });
});
