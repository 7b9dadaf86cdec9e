import { describe, expect, it } from 'vitest';
import type { Camera } from '@shared/model/camera';
import type { Incident } from '@shared/model/incident';
import type { Indicator } from '@shared/model/indicator';
import type { WidgetConfig } from '@shared/model/widget';
import type { WarningRow } from '../widgets/warnings-board/warning-rows';
import type { DistrictMap } from '@shared/model/workspace';
import { keyIndicators, leaderMapArea, offeredCameras, openIncidents, warningGroups } from './leader-content';

const indicator = (id: string): Indicator => ({
  id,
  name: { zh: id, en: id },
  dimension: 'weather',
  unit: '',
  sourceKey: `vitals/${id}`,
  staleAfterSeconds: 30,
});
const catalogue = new Map(['rain', 'tide', 'wind', 'aqi'].map((id) => [id, indicator(id)]));

const incident = (id: string, severity: Incident['severity'], status: Incident['status'], raisedAt: number) =>
  ({ id, title: id, category: 'other', severity, status, raisedAt, updatedAt: raisedAt }) as Incident;

const camera = (id: string, street: string, grid: string, isOnline = true) =>
  ({ id, name: id, street, grid, isOnline }) as Camera;

describe('warningGroups', () => {
  it('lists every level red first, an empty level with no rows, each level keeping its rows in order', () => {
    const rows: WarningRow[] = [
      { indicator: indicator('tide'), level: 'red', since: 1 },
      { indicator: indicator('rain'), level: 'yellow', since: 2 },
      { indicator: indicator('wind'), level: 'yellow', since: 3 },
    ];
    expect(
      warningGroups(rows).map((group) => [group.level, group.rows.map((row) => row.indicator.id)]),
    ).toEqual([
      ['red', ['tide']],
      ['orange', []],
      ['yellow', ['rain', 'wind']],
      ['blue', []],
    ]);
  });
});

describe('openIncidents', () => {
  it('leaves closed incidents out and puts the most severe, then the unacknowledged, then the newest on top', () => {
    const incidents = [
      incident('old-yellow', 'yellow', 'new', 1),
      incident('red-seen', 'red', 'acknowledged', 5),
      incident('red-closed', 'red', 'closed', 9),
      incident('red-new', 'red', 'new', 2),
      incident('new-yellow', 'yellow', 'new', 4),
      incident('blue', 'blue', 'new', 8),
    ];
    const open = openIncidents(incidents, 4);
    expect(open.shown.map((item) => item.id)).toEqual(['red-new', 'red-seen', 'new-yellow', 'old-yellow']);
    expect(open.total).toBe(5);
    expect(open.countBySeverity).toEqual({ red: 2, orange: 0, yellow: 2, blue: 1 });
  });
});

describe('keyIndicators', () => {
  const wall = { displays: [{ id: 'left' }, { id: 'right' }] } as Parameters<typeof keyIndicators>[0];
  const kpi = (...indicatorIds: string[]): WidgetConfig => ({
    kind: 'vitals.kpi',
    options: { indicatorIds },
  });

  it("takes the wall's KPI panels in display and cell order, each indicator once, within the limit", () => {
    const state = {
      displays: {
        right: { layout: { rows: 1, columns: 1, merges: [] }, cells: [kpi('aqi', 'rain')] },
        left: { layout: { rows: 1, columns: 2, merges: [] }, cells: [kpi('tide', 'unknown'), kpi('rain')] },
      },
    };
    expect(keyIndicators(wall, state, catalogue, 8).map((item) => item.id)).toEqual(['tide', 'rain', 'aqi']);
    expect(keyIndicators(wall, state, catalogue, 2).map((item) => item.id)).toEqual(['tide', 'rain']);
  });

  it('falls back to the first indicators of the catalogue when the wall shows no KPI panel', () => {
    const state = { displays: { left: { layout: { rows: 1, columns: 1, merges: [] }, cells: [] } } };
    expect(keyIndicators(wall, state, catalogue, 3).map((item) => item.id)).toEqual(['rain', 'tide', 'wind']);
  });
});

describe('offeredCameras', () => {
  const listed = [
    camera('cam-3', 'yuyuan', 'yuyuan-02'),
    camera('cam-1', 'yuyuan', 'yuyuan-01', false),
    camera('cam-9', 'waitan', 'waitan-08'),
    camera('cam-2', 'yuyuan', 'yuyuan-01'),
    camera('cam-7', 'laoximen', 'laoximen-02'),
  ];

  it("offers only the leader's own streets' cameras, online first, even if the core listed a wall camera", () => {
    // cam-9 is another street's camera the core lists because the shared wall shows it: not offered.
    expect(offeredCameras(listed, { streets: ['yuyuan'] }).map((item) => item.id)).toEqual([
      'cam-2',
      'cam-3',
      'cam-1',
    ]);
  });

  it('offers the cameras of listed grids, every listed camera to the whole district, none without a user', () => {
    expect(offeredCameras(listed, { grids: ['laoximen-02'] }).map((item) => item.id)).toEqual(['cam-7']);
    expect(offeredCameras(listed, { all: true })).toHaveLength(5);
    expect(offeredCameras(listed, null)).toEqual([]);
  });
});

describe('leaderMapArea', () => {
  const square = (west: number, south: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [west, south],
        [west + 1, south],
        [west + 1, south + 1],
        [west, south],
      ],
    ],
  });
  const feature = (kind: 'street' | 'grid', id: string, west: number, street?: string) => ({
    type: 'Feature' as const,
    geometry: square(west, 30),
    properties: { kind, id, name: id, ...(street ? { street } : {}) },
  });
  const district: DistrictMap = {
    type: 'FeatureCollection',
    features: [
      feature('street', 'yuyuan', 120),
      feature('grid', 'yuyuan-01', 120, 'yuyuan'),
      feature('street', 'waitan', 121),
      feature('grid', 'waitan-01', 121, 'waitan'),
      feature('street', 'laoximen', 125),
      feature('grid', 'laoximen-02', 125, 'laoximen'),
    ],
  };

  it("filters the cameras to the leader's street and frames the map on it", () => {
    expect(leaderMapArea(district, { streets: ['yuyuan'] })).toEqual({
      cameraFilter: { streets: ['yuyuan'] },
      extent: [120, 30, 121, 31],
    });
  });

  it('turns streets and grids together into grids (the map ANDs its filters, areas are a union)', () => {
    expect(leaderMapArea(district, { streets: ['yuyuan'], grids: ['laoximen-02'] })).toEqual({
      cameraFilter: { grids: ['laoximen-02', 'yuyuan-01'] },
      extent: [120, 30, 126, 31],
    });
  });

  it('leaves the whole district, or a window without a user, unfiltered and unframed', () => {
    expect(leaderMapArea(district, { all: true })).toEqual({});
    expect(leaderMapArea(district, null)).toEqual({});
    expect(leaderMapArea(null, { grids: ['yuyuan-01'] })).toEqual({ cameraFilter: { grids: ['yuyuan-01'] } });
  });
});
