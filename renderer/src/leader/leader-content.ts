// What the leader view shows, decided without the DOM: warnings grouped by level, the open incidents in the order a
// leader reads them, the key indicators, and the cameras a leader is offered to play.
import type { Camera } from '@shared/model/camera';
import type { Incident, IncidentSeverity } from '@shared/model/incident';
import type { Indicator } from '@shared/model/indicator';
import { areasInclude, type Areas } from '@shared/model/user';
import type { Wall, WallState } from '@shared/model/wall';
import type { DistrictMap } from '@shared/model/workspace';
import type { Access } from '@shared/protocol';
import { levelRank } from '@shared/vitals/warning-level';
import type { WarningRow } from '../widgets/warnings-board/warning-rows';

/** Who may open the leader view: any signed-in user, whatever the role (never a wall machine's credential). */
export const leaderViewAccess: Access = 'view';

/** The graded levels, most severe first: the order a leader reads them in. */
export const levelsMostSevereFirst = ['red', 'orange', 'yellow', 'blue'] as const;
export type GradedLevel = (typeof levelsMostSevereFirst)[number];

export interface WarningGroup {
  readonly level: GradedLevel;
  readonly rows: readonly WarningRow[];
}

/**
 * The warnings of `rows` by level, red first; every level is listed, an empty one with no rows, so "红色 0" says
 * as plainly as "红色 2" that someone looked. Within a level the rows keep their order (longest-standing first).
 */
export function warningGroups(rows: readonly WarningRow[]): WarningGroup[] {
  return levelsMostSevereFirst.map((level) => ({ level, rows: rows.filter((row) => row.level === level) }));
}

export interface OpenIncidents {
  /** At most `limit`, most severe first, then unacknowledged before acknowledged, then newest first. */
  readonly shown: readonly Incident[];
  /** Every open (not closed) incident, counted by severity. */
  readonly countBySeverity: Readonly<Record<IncidentSeverity, number>>;
  readonly total: number;
}

/** The incidents still open (not closed) as a leader reads them: what is worst and unhandled on top. */
export function openIncidents(incidents: readonly Incident[], limit: number): OpenIncidents {
  const open = incidents.filter((incident) => incident.status !== 'closed');
  const countBySeverity: Record<IncidentSeverity, number> = { red: 0, orange: 0, yellow: 0, blue: 0 };
  for (const incident of open) countBySeverity[incident.severity]++;
  const sorted = [...open].sort(
    (a, b) =>
      levelRank(b.severity) - levelRank(a.severity) ||
      Number(b.status === 'new') - Number(a.status === 'new') ||
      b.raisedAt - a.raisedAt,
  );
  return { shown: sorted.slice(0, limit), countBySeverity, total: open.length };
}

/**
 * The key indicators: those the wall's KPI panels show now (display by display in the wall's order, cell by cell,
 * each once), so the leader sees the figures the room looks at in this scenario; without any KPI panel, the
 * first indicators of the catalogue. At most `limit`; ids the catalogue does not know are left out.
 */
export function keyIndicators(
  wall: Pick<Wall, 'displays'>,
  state: Pick<WallState, 'displays'>,
  catalogue: ReadonlyMap<string, Indicator>,
  limit: number,
): Indicator[] {
  const chosen = new Map<string, Indicator>();
  for (const display of wall.displays) {
    for (const cell of state.displays[display.id]?.cells ?? []) {
      if (cell.kind !== 'vitals.kpi') continue;
      for (const id of cell.options.indicatorIds) {
        const indicator = catalogue.get(id);
        if (indicator && !chosen.has(id)) chosen.set(id, indicator);
      }
    }
  }
  const indicators = chosen.size > 0 ? [...chosen.values()] : [...catalogue.values()];
  return indicators.slice(0, limit);
}

/**
 * The cameras a leader may tap to play: those of the leader's own areas among the cameras the core listed for
 * this session (the core lists only what the caller may see, plus what the shared wall shows; the leader view
 * offers the areas only). Online first, then by id, so the list reads the same on every visit.
 */
export function offeredCameras(cameras: readonly Camera[], areas: Areas | null): Camera[] {
  if (!areas) return [];
  return cameras
    .filter((camera) => areasInclude(areas, camera))
    .sort((a, b) => Number(b.isOnline) - Number(a.isOnline) || a.id.localeCompare(b.id));
}

/** What the leader's map shows of the district: the cameras of the leader's areas, framed on those areas. */
export interface LeaderMapArea {
  readonly cameraFilter?: { readonly streets?: string[]; readonly grids?: string[] };
  /** [west, south, east, north] in WGS-84 around the leader's streets and grids. */
  readonly extent?: [number, number, number, number];
}

/**
 * The map's camera filter and frame for `areas`. The map's filter ANDs streets with grids while areas are a
 * union, so streets and grids together become the grids of those streets plus the grids listed. The whole
 * district (or no user) is neither filtered nor framed.
 */
export function leaderMapArea(district: DistrictMap | null, areas: Areas | null): LeaderMapArea {
  if (!areas || areas.all) return {};
  const streets = new Set(areas.streets ?? []);
  const grids = new Set(areas.grids ?? []);
  const features = (district?.features ?? []).filter(
    ({ properties }) =>
      (properties.kind === 'street' && streets.has(properties.id)) ||
      (properties.kind === 'grid' &&
        (grids.has(properties.id) || (properties.street !== undefined && streets.has(properties.street)))),
  );
  let cameraFilter: LeaderMapArea['cameraFilter'];
  if (grids.size === 0) cameraFilter = { streets: [...streets] };
  else if (streets.size === 0) cameraFilter = { grids: [...grids] };
  else
    cameraFilter = {
      grids: [
        ...new Set([
          ...grids,
          ...features
            .filter(({ properties }) => properties.kind === 'grid')
            .map(({ properties }) => properties.id),
        ]),
      ],
    };
  const extent = lonLatExtent(features.map((feature) => feature.geometry.coordinates));
  return extent ? { cameraFilter, extent } : { cameraFilter };
}

/** The bounding box of nested GeoJSON coordinates, or undefined when there are none. */
function lonLatExtent(coordinates: unknown): [number, number, number, number] | undefined {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      box[0] = Math.min(box[0], value[0]);
      box[1] = Math.min(box[1], value[1]);
      box[2] = Math.max(box[2], value[0]);
      box[3] = Math.max(box[3], value[1]);
    } else for (const item of value) visit(item);
  };
  visit(coordinates);
  return box[0] <= box[2] ? box : undefined;
}
