// The scenario presets of the demo wall (平急转换): 日常 for normal duty; 防汛防台, 大客流 and 火灾 for emergencies,
// each with the warning levels that suggest it; 重大活动 for planned special events.
import type { z } from 'zod';
import type { scenarioSchema } from '../../../shared/model/wall';
import type { widgetConfigSchema } from '../../../shared/model/widget';
import type { PlannedCamera } from './cameras';
import { streets, type District } from './district';
import { districtCentre, toLonLat } from './geometry';

type ScenarioInput = z.input<typeof scenarioSchema>;
type WidgetInput = z.input<typeof widgetConfigSchema>;

/** Tags that make a camera useful in flood response; the flood preset shows only such cameras. */
export const floodTags = ['防汛', '下立交', '河道'];

/** The per-street 12345 indicators (see indicators.ts), ranked on the daily wall. */
const streetHotlineIndicatorIds = streets.map((street) => `hotline-street-${street.id}`);

/** A request for cameras: `count` online cameras whose placement group starts with `group`. */
type CameraRequest = { group: string; count: number; where?: (planned: PlannedCamera) => boolean };

/** Online cameras for each request in turn, none twice and none of `excluding` (e.g. those already on the wall). */
function pickCameras(
  cameras: readonly PlannedCamera[],
  requests: readonly CameraRequest[],
  excluding: readonly PlannedCamera[] = [],
): PlannedCamera[] {
  const picked: PlannedCamera[] = [];
  for (const { group, count, where } of requests) {
    const matches = cameras.filter(
      (planned) =>
        planned.group.startsWith(group) &&
        planned.camera.isOnline &&
        !picked.includes(planned) &&
        !excluding.includes(planned) &&
        (where?.(planned) ?? true),
    );
    if (matches.length < count)
      throw new Error(`demo scenarios: only ${matches.length} online cameras in ${group}`);
    picked.push(...matches.slice(0, count));
  }
  return picked;
}

/**
 * Orders tiles so no tile repeats the demo stream of its left or upper neighbour: there are only six looping
 * streams, and two identical pictures side by side make the demo wall look fake.
 */
function arrangeByStream(cameras: readonly PlannedCamera[], columns: number): PlannedCamera[] {
  const remaining = [...cameras];
  const arranged: PlannedCamera[] = [];
  while (remaining.length > 0) {
    const index = arranged.length;
    const left = index % columns === 0 ? undefined : arranged[index - 1];
    const above = arranged[index - columns];
    const clashes = (planned: PlannedCamera) =>
      planned.camera.streamId === left?.camera.streamId || planned.camera.streamId === above?.camera.streamId;
    const choice = remaining.findIndex((planned) => !clashes(planned));
    arranged.push(...remaining.splice(choice === -1 ? 0 : choice, 1));
  }
  return arranged;
}

const videoTiles = (cameras: readonly PlannedCamera[]): WidgetInput[] =>
  cameras.map((planned) => ({
    kind: 'video.camera',
    options: { cameraId: planned.camera.id, profile: 'auto' },
  }));

/**
 * A patrol tile (轮巡): one cell cycling through `cameras`, `dwellSeconds` each (the schema's minimum is 5); with a
 * `block` (分组轮巡) the cell shows rows × columns tiles that page through the cameras together.
 */
const patrolTile = (
  cameras: readonly PlannedCamera[],
  dwellSeconds: number,
  title: string,
  block?: { rows: number; columns: number },
): WidgetInput => ({
  kind: 'video.patrol',
  options: {
    cameraIds: cameras.map((planned) => planned.camera.id),
    dwellSeconds,
    profile: 'auto',
    title,
    ...(block && { block }),
  },
});

export function buildScenarios(district: District, cameras: readonly PlannedCamera[]): ScenarioInput[] {
  const dailyCameras = pickCameras(cameras, [
    { group: 'landmark:bund-viewing-deck', count: 1 },
    { group: 'landmark:nanjing-road-walk', count: 1 },
    { group: 'landmark:people-square', count: 1 },
    { group: 'landmark:metro-hub', count: 1 },
    { group: 'landmark:yuyuan-garden', count: 1 },
    { group: 'landmark:city-god-temple', count: 1 },
    { group: 'intersection:nanjing-road-east:henan-road-middle', count: 1 },
    { group: 'intersection:yanan-road-east:xizang-road-south', count: 1 },
    { group: 'landmark:east-bank-greenway', count: 1 },
  ]);
  // Beside the map on the left display, a patrol of the streets' online high lookouts (高空瞭望; one per street,
  // seven of eight online), 10 s each: the whole district in 70 s, and every display of the demo shows video.
  const lookoutPatrol = patrolTile(
    pickCameras(cameras, [{ group: 'lookout', count: 7 }]),
    10,
    '高空瞭望轮巡',
  );
  const isFloodCamera = (planned: PlannedCamera) =>
    planned.camera.tags.some((tag) => floodTags.includes(tag));
  const floodCameras = pickCameras(
    cameras,
    [
      { group: 'landmark:zhongshan-underpass', count: 3 },
      { group: 'landmark:shiliupu-pumping-station', count: 2 },
      { group: 'river-west:外滩北段', count: 2 },
      { group: 'river-west:外滩南段', count: 1 },
      // The creek mouth and the two road bridges: where the creek overtops first and traffic must be stopped.
      { group: 'creek:外白渡桥', count: 1 },
      { group: 'creek:河南路桥', count: 1 },
      { group: 'creek:西藏路桥', count: 1 },
      { group: 'river-west:十六铺', count: 1 },
      { group: 'river-west:老码头', count: 1 },
      { group: 'river-east', count: 2 },
      { group: 'landmark:bund-viewing-deck', count: 1 },
    ].map((request) => ({ ...request, where: isFloodCamera })),
  );

  // The flood map looks at the Bund stretch of the river, where tide, underpass and pumps are all in view.
  const riversideY = 3.2;
  const riversideCentre = toLonLat({ x: district.riverX(riversideY) - 0.25, y: riversideY }, 4);

  const daily: ScenarioInput = {
    version: 2,
    id: 'daily',
    name: { zh: '日常', en: 'Daily operations' },
    mode: 'normal',
    triggers: [],
    displays: {
      left: {
        layout: { rows: 3, columns: 3, merges: [{ row: 0, column: 0, rowSpan: 2, columnSpan: 2 }] },
        cells: [
          {
            kind: 'map.incidents',
            options: {
              center: [districtCentre.longitude, districtCentre.latitude],
              zoom: 13.5,
              layers: ['district', 'grids', 'cameras', 'incidents', 'units'],
            },
          },
          {
            kind: 'vitals.kpi',
            options: { indicatorIds: ['rain-1h', 'tide-bund', 'aqi', 'congestion-index'], title: '城市体征' },
          },
          {
            kind: 'vitals.trend',
            options: { indicatorIds: ['flow-nanjing-road', 'metro-flow'], minutes: 10, title: '客流' },
          },
          {
            kind: 'vitals.ranking',
            options: {
              indicatorIds: streetHotlineIndicatorIds,
              title: '各街道12345工单',
              limit: streetHotlineIndicatorIds.length,
            },
          },
          {
            kind: 'vitals.kpi',
            options: {
              indicatorIds: [
                'hotline-12345',
                'elevator-entrapments',
                'elderly-water-alerts',
                'grid-work-orders',
              ],
              title: '民生服务',
            },
          },
          lookoutPatrol,
        ],
      },
      right: {
        layout: { rows: 3, columns: 3, merges: [] },
        cells: videoTiles(arrangeByStream(dailyCameras, 3)),
      },
    },
  };

  const floodTyphoon: ScenarioInput = {
    version: 2,
    id: 'flood-typhoon',
    name: { zh: '防汛防台', en: 'Flood & typhoon' },
    mode: 'emergency',
    banner: { zh: '防汛防台应急响应', en: 'Flood & typhoon response' },
    triggers: [
      { indicatorId: 'rain-1h', level: 'red', warning: { zh: '暴雨', en: 'rainstorm' } },
      { indicatorId: 'tide-bund', level: 'orange', warning: { zh: '高潮位', en: 'high tide' } },
      { indicatorId: 'wind-speed', level: 'orange', warning: { zh: '大风', en: 'gale' } },
    ],
    displays: {
      left: {
        layout: { rows: 2, columns: 2, merges: [] },
        cells: [
          {
            kind: 'map.incidents',
            options: {
              center: riversideCentre,
              zoom: 14.5,
              // Flood response reads risk by grid and the underpass water-level sensors first.
              layers: ['risk', 'district', 'grids', 'sensors', 'cameras', 'incidents', 'units'],
            },
          },
          {
            kind: 'vitals.trend',
            options: { indicatorIds: ['rain-1h', 'tide-bund'], minutes: 30, title: '降雨与潮位' },
          },
          {
            kind: 'vitals.kpi',
            options: {
              indicatorIds: [
                'rain-1h',
                'tide-bund',
                'creek-level',
                'wind-speed',
                'underpass-water',
                'pump-forebay-level',
              ],
              title: '防汛关键指标',
            },
          },
          // Which warnings are up, most severe first: the leader's one look in a flood.
          { kind: 'warnings.board', options: { title: '预警看板', limit: 8 } },
        ],
      },
      right: {
        layout: { rows: 4, columns: 4, merges: [] },
        cells: videoTiles(arrangeByStream(floodCameras, 4)),
      },
    },
  };

  return [daily, floodTyphoon, ...buildSpecialScenarios(district, cameras)];
}

/** The map centred on a point of the district (local kilometres). */
function mapAt(point: { x: number; y: number }, zoom: number): WidgetInput {
  const [longitude, latitude] = toLonLat(point, 4);
  return {
    kind: 'map.incidents',
    options: { center: [longitude!, latitude!], zoom, layers: ['district', 'grids', 'cameras'] },
  };
}

/**
 * 大客流, 火灾 and 重大活动: merged layouts (1+5, 1+7, 2+8, two 2×2 blocks in 4×4, one a block patrol) around the
 * places they concern.
 */
function buildSpecialScenarios(district: District, cameras: readonly PlannedCamera[]): ScenarioInput[] {
  const landmark = (id: string) => district.landmarks.find((candidate) => candidate.id === id)!.position;
  const hasTag = (tag: string) => (planned: PlannedCamera) => planned.camera.tags.includes(tag);

  const crowdCameras = pickCameras(cameras, [
    { group: 'landmark:bund-viewing-deck', count: 4 },
    { group: 'landmark:nanjing-road-walk', count: 3 },
    { group: 'landmark:metro-hub', count: 2 },
    { group: 'landmark:people-square', count: 1 },
  ]);
  // Where a crowd goes next, cycled in one tile every 8 s: the other cameras of the metro hub, People's Square
  // and Nanjing Road (none of them already on the wall).
  const crowdPatrolCameras = pickCameras(
    cameras,
    [
      { group: 'landmark:metro-hub', count: 2 },
      { group: 'landmark:people-square', count: 2 },
      { group: 'landmark:nanjing-road-walk', count: 2 },
    ],
    crowdCameras,
  );
  const largeCrowd: ScenarioInput = {
    version: 2,
    id: 'large-crowd',
    name: { zh: '大客流', en: 'Large crowds' },
    mode: 'emergency',
    banner: { zh: '大客流应急处置', en: 'Large crowd response' },
    triggers: [
      { indicatorId: 'crowd-bund', level: 'yellow', warning: { zh: '外滩大客流', en: 'Bund crowd' } },
      { indicatorId: 'metro-flow', level: 'orange', warning: { zh: '地铁大客流', en: 'metro crowd' } },
    ],
    displays: {
      left: {
        // 1+5: the map of the Bund and Nanjing Road large, crowd figures, a metro camera and a crowd patrol.
        layout: { rows: 3, columns: 3, merges: [{ row: 0, column: 0, rowSpan: 2, columnSpan: 2 }] },
        cells: [
          mapAt(landmark('bund-viewing-deck'), 15),
          // The density against its warning bands: how close the Bund is to closing the viewing deck.
          { kind: 'vitals.gauge', options: { indicatorId: 'crowd-bund', title: '外滩人流密度' } },
          {
            kind: 'vitals.trend',
            options: { indicatorIds: ['flow-nanjing-road', 'metro-flow'], minutes: 30, title: '客流' },
          },
          {
            kind: 'vitals.kpi',
            options: {
              indicatorIds: ['crowd-bund', 'flow-nanjing-road', 'metro-flow', 'visitors-yuyuan'],
              title: '客流指标',
            },
          },
          ...videoTiles(crowdCameras.slice(8, 9)),
          patrolTile(crowdPatrolCameras, 8, '客流轮巡'),
        ],
      },
      right: {
        // 1+7: the Bund viewing deck large, seven crowd cameras along the right and bottom.
        layout: { rows: 4, columns: 4, merges: [{ row: 0, column: 0, rowSpan: 3, columnSpan: 3 }] },
        cells: videoTiles(crowdCameras.slice(0, 8)),
      },
    },
  };

  const fireCameras = pickCameras(
    cameras,
    [
      { group: 'landmark:city-god-temple', count: 3 },
      { group: 'landmark:yuyuan-garden', count: 2 },
      { group: 'landmark:central-hospital', count: 2 },
      { group: 'residential', count: 4 },
    ].map((request) => ({ ...request, where: hasTag('消防通道') })),
  );
  const fire: ScenarioInput = {
    version: 2,
    id: 'fire',
    name: { zh: '火灾', en: 'Fire' },
    mode: 'emergency',
    banner: { zh: '火灾事故应急处置', en: 'Fire response' },
    triggers: [
      { indicatorId: 'fire-alarms-today', level: 'orange', warning: { zh: '火警', en: 'fire alarm' } },
    ],
    displays: {
      left: {
        layout: { rows: 2, columns: 2, merges: [] },
        cells: [
          mapAt(landmark('city-god-temple'), 15.5),
          {
            kind: 'vitals.kpi',
            options: {
              indicatorIds: ['fire-alarms-today', 'water-pressure', 'congestion-index', 'hotline-12345'],
              title: '火情与保障',
            },
          },
          {
            kind: 'vitals.trend',
            options: { indicatorIds: ['water-pressure'], minutes: 30, title: '消防供水压力' },
          },
          ...videoTiles(fireCameras.slice(10, 11)),
        ],
      },
      right: {
        // 2+8: the two nearest fire-lane cameras large on top, eight smaller ones below.
        layout: {
          rows: 4,
          columns: 4,
          merges: [
            { row: 0, column: 0, rowSpan: 2, columnSpan: 2 },
            { row: 0, column: 2, rowSpan: 2, columnSpan: 2 },
          ],
        },
        cells: videoTiles(arrangeByStream(fireCameras.slice(0, 10), 4)),
      },
    },
  };

  const eventCameras = pickCameras(cameras, [
    { group: 'landmark:pujiang-stadium', count: 5 },
    { group: 'landmark:people-square', count: 2 },
    { group: 'landmark:metro-hub', count: 2 },
  ]);
  // The routes the crowd leaves by (metro hub, People's Square, Nanjing Road), none of them already on the wall:
  // a 2×2 block patrol (分组轮巡) shows four at a time, 10 s a page, the whole twelve in 30 s.
  const eventRouteCameras = pickCameras(
    cameras,
    [
      { group: 'landmark:metro-hub', count: 4 },
      { group: 'landmark:people-square', count: 4 },
      { group: 'landmark:nanjing-road-walk', count: 4 },
    ],
    eventCameras,
  );
  const majorEvent: ScenarioInput = {
    version: 2,
    id: 'major-event',
    name: { zh: '重大活动', en: 'Major event' },
    mode: 'special',
    banner: { zh: '重大活动安保', en: 'Major event security' },
    // A planned event is switched to by the duty leader, never by a warning.
    triggers: [],
    displays: {
      left: {
        layout: { rows: 2, columns: 2, merges: [] },
        cells: [
          mapAt(landmark('pujiang-stadium'), 15),
          {
            kind: 'vitals.kpi',
            options: {
              indicatorIds: ['metro-flow', 'congestion-index', 'parking-occupancy', 'average-speed'],
              title: '活动保障',
            },
          },
          {
            kind: 'vitals.trend',
            options: { indicatorIds: ['metro-flow', 'congestion-index'], minutes: 60, title: '交通与客流' },
          },
          { kind: 'clock', options: { showDate: true } },
        ],
      },
      right: {
        // 4×4 with two merged 2×2 cells: the stadium gate large at the top left, the exit-route block patrol at
        // the bottom right, eight stadium, square and metro cameras around them.
        layout: {
          rows: 4,
          columns: 4,
          merges: [
            { row: 0, column: 0, rowSpan: 2, columnSpan: 2 },
            { row: 2, column: 2, rowSpan: 2, columnSpan: 2 },
          ],
        },
        cells: [
          ...videoTiles(eventCameras.slice(0, 7)),
          patrolTile(arrangeByStream(eventRouteCameras, 2), 10, '散场路线轮巡', { rows: 2, columns: 2 }),
          ...videoTiles(eventCameras.slice(7)),
        ],
      },
    },
  };

  return [largeCrowd, fire, majorEvent];
}
