// The two scenario presets of the demo wall (平急转换): 日常 for normal duty and 防汛防台 for flood & typhoon response.
import type { z } from 'zod';
import type { scenarioSchema } from '../../../shared/model/wall';
import type { widgetConfigSchema } from '../../../shared/model/widget';
import type { PlannedCamera } from './cameras';
import type { District } from './district';
import { districtCentre, toLonLat } from './geometry';

type ScenarioInput = z.input<typeof scenarioSchema>;
type WidgetInput = z.input<typeof widgetConfigSchema>;

/** Tags that make a camera useful in flood response; the flood preset shows only such cameras. */
export const floodTags = ['防汛', '下立交', '河道'];

/** A request for cameras: `count` online cameras whose placement group starts with `group`. */
type CameraRequest = { group: string; count: number; where?: (planned: PlannedCamera) => boolean };

function pickCameras(cameras: readonly PlannedCamera[], requests: readonly CameraRequest[]): PlannedCamera[] {
  const picked: PlannedCamera[] = [];
  for (const { group, count, where } of requests) {
    const matches = cameras.filter(
      (planned) =>
        planned.group.startsWith(group) &&
        planned.camera.isOnline &&
        !picked.includes(planned) &&
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
    // The tenth camera sits on the left display beside the map: every display of the demo shows live video.
    { group: 'landmark:bund-viewing-deck', count: 1 },
  ]);
  const dailyLeftCamera = dailyCameras.pop()!;
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
    id: 'daily',
    name: { zh: '日常', en: 'Daily operations' },
    mode: 'normal',
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
            kind: 'vitals.trend',
            options: { indicatorIds: ['aqi', 'pm25'], minutes: 10, title: '空气质量' },
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
          ...videoTiles([dailyLeftCamera]),
        ],
      },
      right: {
        layout: { rows: 3, columns: 3, merges: [] },
        cells: videoTiles(arrangeByStream(dailyCameras, 3)),
      },
    },
  };

  const floodTyphoon: ScenarioInput = {
    id: 'flood-typhoon',
    name: { zh: '防汛防台', en: 'Flood & typhoon' },
    mode: 'emergency',
    banner: { zh: '防汛防台应急响应', en: 'Flood & typhoon response' },
    displays: {
      left: {
        layout: { rows: 2, columns: 2, merges: [] },
        cells: [
          {
            kind: 'map.incidents',
            options: {
              center: riversideCentre,
              zoom: 14.5,
              layers: ['district', 'grids', 'cameras', 'incidents', 'units'],
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
          { kind: 'vitals.trend', options: { indicatorIds: ['wind-speed'], minutes: 30, title: '风速' } },
        ],
      },
      right: {
        layout: { rows: 4, columns: 4, merges: [] },
        cells: videoTiles(arrangeByStream(floodCameras, 4)),
      },
    },
  };

  return [daily, floodTyphoon];
}
