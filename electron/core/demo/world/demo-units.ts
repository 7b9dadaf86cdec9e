// The embedded demo's moving units: a drone and a body camera (单兵) going up and down two of the district's
// roads, with a short track, published as `units.moved` like a real positioning feed would be.
import type { LonLat } from '@shared/model/common';
import type { MovingUnit, MovingUnitKind } from '@shared/model/moving-unit';
import type { DistrictMap } from '@shared/model/workspace';
import { distanceMetres } from '@shared/geo/distance';
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';

export type UnitsListener = (units: readonly MovingUnit[]) => void;

interface Route {
  readonly id: string;
  readonly kind: MovingUnitKind;
  readonly name: string;
  readonly path: readonly LonLat[];
  readonly metresPerSecond: number;
  readonly cameraId?: string | undefined;
}

/** Position `distance` metres along a path that is walked there and back (ping-pong). */
export function positionAlong(path: readonly LonLat[], distance: number): LonLat {
  const lengths = path.slice(1).map((point, index) => distanceMetres(path[index]!, point));
  const total = lengths.reduce((sum, length) => sum + length, 0);
  if (total === 0) return path[0]!;
  let along = distance % (2 * total);
  if (along > total) along = 2 * total - along;
  for (const [index, length] of lengths.entries()) {
    if (along <= length) {
      const from = path[index]!;
      const to = path[index + 1]!;
      const share = length === 0 ? 0 : along / length;
      return [from[0] + (to[0] - from[0]) * share, from[1] + (to[1] - from[1]) * share];
    }
    along -= length;
  }
  return path.at(-1)!;
}

const trackLength = 20;

export class DemoUnits {
  private readonly routes: Route[];
  private readonly units = new Map<string, MovingUnit>();
  private readonly moved = new Emitter<readonly MovingUnit[]>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly startedAt: number;

  constructor(
    district: DistrictMap,
    cameraIds: readonly string[],
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 1_000,
  ) {
    const roads = district.features.filter(
      (feature) => feature.properties.kind === 'road' && feature.geometry.type === 'LineString',
    );
    const pathOf = (index: number): LonLat[] =>
      ((roads[index % Math.max(roads.length, 1)]?.geometry.coordinates ?? []) as number[][]).map(
        (position): LonLat => [position[0]!, position[1]!],
      );
    const routes: Route[] = [
      {
        id: 'uav-01',
        kind: 'drone',
        name: '无人机 01',
        path: pathOf(0),
        metresPerSecond: 15,
        cameraId: cameraIds[0],
      },
      {
        id: 'body-01',
        kind: 'body',
        name: '单兵 01',
        path: pathOf(1),
        metresPerSecond: 1.6,
        cameraId: cameraIds[1],
      },
    ];
    this.routes = routes.filter((route) => route.path.length >= 2);
    this.startedAt = now();
    this.step();
  }

  list(): MovingUnit[] {
    return [...this.units.values()];
  }

  /** The units that moved, each step. */
  onMoved(listener: UnitsListener): Disposable {
    return this.moved.on(listener);
  }

  start(): void {
    if (this.timer || this.routes.length === 0) return;
    this.timer = setInterval(() => {
      const moved = this.step();
      this.moved.fire(moved);
    }, this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Moves every unit to where it is now; returns the moved units. */
  step(): MovingUnit[] {
    const now = this.now();
    const seconds = (now - this.startedAt) / 1_000;
    return this.routes.map((route) => {
      const position = positionAlong(route.path, seconds * route.metresPerSecond);
      const previous = this.units.get(route.id);
      const unit: MovingUnit = {
        id: route.id,
        kind: route.kind,
        name: route.name,
        position,
        track: [...(previous?.track ?? []), position].slice(-trackLength),
        ...(route.cameraId ? { cameraId: route.cameraId } : {}),
        updatedAt: now,
      };
      this.units.set(route.id, unit);
      return unit;
    });
  }
}
