// Builds the embedded demo workspace (浦江示范区, a fictional district) from a seed, byte-identical on every run;
// run as a script (`npm run demo:generate`) it writes the files into resources/demo/.
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { layoutCells } from '../../shared/layout/grid';
import { cameraCatalogueSchema, platformListSchema } from '../../shared/model/camera';
import { dimensions, indicatorCatalogueSchema } from '../../shared/model/indicator';
import { scenarioSchema, wallSchema } from '../../shared/model/wall';
import { districtMapSchema, workspaceManifestSchema } from '../../shared/model/workspace';
import { usersFileSchema } from '../../shared/model/user';
import { alarmSettingsSchema } from '../../shared/model/incident';
import { buildAlarms } from './generator/alarms';
import { buildCameras, cameraCount } from './generator/cameras';
import type { District } from './generator/district';
import { buildDistrict } from './generator/district';
import type { Point } from './generator/geometry';
import { toLonLat } from './generator/geometry';
import { buildIndicators } from './generator/indicators';
import { formatJson, formatJsonWithCompactList } from './generator/json';
import { buildScenarios } from './generator/scenarios';
import { buildUsers } from './generator/users';

/** The seed of the committed files. Changing it reshuffles grid edges and cameras, so it changes every file. */
export const defaultDemoSeed = 20_250_601;

/** Where the committed demo workspace lives. */
export const demoDirectory = dirname(fileURLToPath(import.meta.url));

/** Files must stay small enough to review and to load instantly on a console PC. */
const maximumFileBytes = 1_000_000;

type DistrictFeature = z.input<typeof districtMapSchema>['features'][number];
type FeatureKind = DistrictFeature['properties']['kind'];

/** JSON with keys sorted at every level, to compare values regardless of key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([first], [second]) => (first < second ? -1 : 1)))
      : item,
  );
}

/**
 * Validates a file's content against its schema. The value must also survive parsing unchanged: a field the
 * schema would silently drop, or leave to a default, is a mistake in the generator, not something to paper over.
 */
function validated<Schema extends z.ZodType>(
  fileName: string,
  schema: Schema,
  value: z.input<Schema>,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(
      `demo workspace: ${fileName} does not match its schema:\n${z.prettifyError(result.error)}`,
    );
  }
  if (canonicalJson(result.data) !== canonicalJson(value)) {
    throw new Error(
      `demo workspace: ${fileName} has fields its schema drops or fills in; write every field explicitly`,
    );
  }
  return result.data;
}

function closedRing(ring: readonly Point[]): number[][] {
  const closed = [...ring, ring[0] as Point];
  return closed.map((point) => toLonLat(point));
}

function districtFeatures(district: District): DistrictFeature[] {
  const feature = (
    kind: FeatureKind,
    id: string,
    name: string,
    geometry: DistrictFeature['geometry'],
    street?: string,
  ) =>
    ({
      type: 'Feature',
      geometry,
      properties: { kind, id, name, ...(street === undefined ? {} : { street }) },
    }) satisfies DistrictFeature;
  const line = (points: readonly Point[]) => points.map((point) => toLonLat(point));
  return [
    feature('district', 'pujiang-demo-district', '浦江示范区', {
      type: 'Polygon',
      coordinates: [closedRing(district.outline)],
    }),
    ...district.streets.map(({ street, ring }) =>
      feature('street', street.id, street.name, { type: 'Polygon', coordinates: [closedRing(ring)] }),
    ),
    ...district.grids.map((grid) =>
      feature(
        'grid',
        grid.id,
        grid.name,
        { type: 'Polygon', coordinates: [closedRing(grid.ring)] },
        grid.street.id,
      ),
    ),
    ...[district.river, district.creek].map((waterway) =>
      feature('river', waterway.id, waterway.name, {
        type: 'LineString',
        coordinates: line(waterway.points),
      }),
    ),
    ...district.roads.map((road) =>
      feature('road', road.id, road.name, { type: 'LineString', coordinates: line(road.points) }),
    ),
    ...district.landmarks.map((landmark) =>
      feature('landmark', landmark.id, landmark.name, {
        type: 'Point',
        coordinates: toLonLat(landmark.position),
      }),
    ),
  ];
}

/**
 * Builds every file of the demo workspace in memory: relative file name (with `/`) → file text.
 * Pure and deterministic: the same seed always gives the same bytes.
 */
export function buildDemoWorkspace(seed: number = defaultDemoSeed): Map<string, string> {
  const district = buildDistrict(seed);
  const plannedCameras = buildCameras(district, seed);

  const manifest = validated('workspace.json', workspaceManifestSchema, {
    format: 'tianmu-workspace/1',
    name: { zh: '天幕演示工作区', en: 'Tianmu demo workspace' },
    district: { zh: '浦江示范区', en: 'Pujiang Demo District' },
    defaultScenario: 'daily',
    duty: { leader: '王建国', operators: ['李敏', '陈晓东'] },
  });
  const wall = validated('wall.json', wallSchema, {
    id: 'main-wall',
    name: { zh: '主屏', en: 'Main wall' },
    displays: [
      { id: 'left', name: { zh: '左屏', en: 'Left' }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      {
        id: 'right',
        name: { zh: '右屏', en: 'Right' },
        bounds: { x: 1920, y: 0, width: 1920, height: 1080 },
      },
    ],
  });
  const platforms = validated('platforms.json', platformListSchema, {
    platforms: [
      {
        id: 'demo',
        name: '演示流媒体 (内置)',
        vendor: 'demo',
        kind: 'ws-flv',
        // {origin} is replaced by the core with its own host:port, so the demo works on any port.
        url: {
          main: 'ws://{origin}/media/live/{streamId}.flv',
          sub: 'ws://{origin}/media/live/{streamId}.flv',
        },
      },
      {
        // The same demo streams as live HLS (for platforms that offer nothing else): no camera uses it by
        // default; point a camera's `platform` here to see an HLS tile.
        id: 'demo-hls',
        name: '演示流媒体 HLS (内置)',
        vendor: 'demo',
        kind: 'hls',
        url: {
          main: 'http://{origin}/media/hls/{streamId}/index.m3u8',
          sub: 'http://{origin}/media/hls/{streamId}/index.m3u8',
        },
      },
    ],
  });
  const indicators = validated('indicators.json', indicatorCatalogueSchema, {
    indicators: buildIndicators(),
  });
  const cameras = validated('cameras.json', cameraCatalogueSchema, {
    crs: 'wgs84',
    cameras: plannedCameras.map((planned) => planned.camera),
  });
  const districtMap = validated('district.geojson', districtMapSchema, {
    type: 'FeatureCollection',
    features: districtFeatures(district),
  });
  const users = validated('users.json', usersFileSchema, buildUsers());
  const alarms = validated('alarms.json', alarmSettingsSchema, buildAlarms());
  const scenarios = buildScenarios(district, plannedCameras).map((scenario) =>
    validated(`scenarios/${scenario.id}.json`, scenarioSchema, scenario),
  );

  // Cross-file rules no single schema can check.
  if (cameras.cameras.length !== cameraCount)
    throw new Error(`demo workspace: ${cameras.cameras.length} cameras`);
  const streetIds = new Set(district.streets.map(({ street }) => street.id));
  for (const user of users.users) {
    const unknown = (user.areas.streets ?? []).filter((id) => !streetIds.has(id));
    if (unknown.length > 0) throw new Error(`demo workspace: user ${user.id} has unknown streets ${unknown}`);
  }
  for (const dimension of dimensions) {
    const count = indicators.indicators.filter((indicator) => indicator.dimension === dimension).length;
    if (count < 2)
      throw new Error(`demo workspace: dimension ${dimension} has ${count} indicators, at least 2 wanted`);
  }
  const cameraIds = new Set(cameras.cameras.map((camera) => camera.id));
  const indicatorIds = new Set(indicators.indicators.map((indicator) => indicator.id));
  if (!scenarios.some((scenario) => scenario.id === manifest.defaultScenario)) {
    throw new Error(`demo workspace: default scenario ${manifest.defaultScenario} is missing`);
  }
  for (const scenario of scenarios) {
    const wallDisplayIds = wall.displays.map((display) => display.id).sort();
    if (canonicalJson(Object.keys(scenario.displays).sort()) !== canonicalJson(wallDisplayIds)) {
      throw new Error(`demo workspace: scenario ${scenario.id} must cover exactly the wall's displays`);
    }
    for (const [displayId, content] of Object.entries(scenario.displays)) {
      const where = `scenario ${scenario.id}, display ${displayId}`;
      const expected = layoutCells(content.layout).length; // throws on merges that leave the grid or overlap
      if (content.cells.length !== expected) {
        throw new Error(
          `demo workspace: ${where} has ${content.cells.length} cells, its layout has ${expected}`,
        );
      }
      for (const cell of content.cells) {
        if (cell.kind === 'video.camera' && !cameraIds.has(cell.options.cameraId)) {
          throw new Error(`demo workspace: ${where} shows unknown camera ${cell.options.cameraId}`);
        }
        if (cell.kind === 'video.patrol') {
          const unknown = cell.options.cameraIds.filter((id) => !cameraIds.has(id));
          if (unknown.length > 0)
            throw new Error(`demo workspace: ${where} patrols unknown cameras ${unknown}`);
        }
        if (cell.kind === 'vitals.trend' || cell.kind === 'vitals.kpi') {
          const unknown = cell.options.indicatorIds.filter((id) => !indicatorIds.has(id));
          if (unknown.length > 0)
            throw new Error(`demo workspace: ${where} shows unknown indicators ${unknown}`);
        }
      }
    }
  }

  const files = new Map<string, string>([
    ['workspace.json', formatJson(manifest)],
    ['wall.json', formatJson(wall)],
    ['platforms.json', formatJson(platforms)],
    ['indicators.json', formatJson(indicators)],
    ['cameras.json', formatJsonWithCompactList(cameras, 'cameras')],
    ['district.geojson', formatJsonWithCompactList(districtMap, 'features')],
    ['users.json', formatJson(users)],
    ['alarms.json', formatJson(alarms)],
    ...scenarios.map((scenario): [string, string] => [`scenarios/${scenario.id}.json`, formatJson(scenario)]),
  ]);
  for (const [fileName, text] of files) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes >= maximumFileBytes)
      throw new Error(`demo workspace: ${fileName} is ${bytes} bytes, over 1 MB`);
  }
  return files;
}

/** Writes the demo workspace files into `directory`; returns the file names with their sizes. */
export function writeDemoWorkspace(directory = demoDirectory, seed = defaultDemoSeed): [string, number][] {
  const written: [string, number][] = [];
  for (const [fileName, text] of buildDemoWorkspace(seed)) {
    const path = join(directory, fileName);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, 'utf8');
    written.push([fileName, Buffer.byteLength(text, 'utf8')]);
  }
  return written;
}

/** True when this module is the entry script (tsx resolves symlinks differently from argv, so compare real paths). */
function isEntryScript(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryScript()) {
  for (const [fileName, bytes] of writeDemoWorkspace()) {
    console.log(`${fileName.padEnd(28)} ${String(bytes).padStart(8)} bytes`);
  }
}
