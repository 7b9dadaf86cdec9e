// 在线率 per street and per grid: the share of cameras online now, and the time-weighted average since local
// midnight (平均在线率). `unknown` (a platform out of reach) counts as not online but is reported apart.
import type { CameraStatus } from '@shared/model/camera-platform';

/** The status counts of one area. */
export interface AreaCounts {
  online: number;
  offline: number;
  unknown: number;
}

/** One area's rates, as `cameras.onlineRates` answers them. */
export interface AreaRate extends AreaCounts {
  readonly kind: 'street' | 'grid';
  readonly id: string;
  readonly cameras: number;
  /** online / cameras now (0 without cameras). */
  readonly rate: number;
  /** Camera-time online / camera-time counted since `since` (midnight or the core's start). */
  readonly averageRate: number;
  /** Camera-time of unknown status / camera-time counted, over the same span. */
  readonly averageUnknown: number;
}

interface Accumulated {
  onlineMs: number;
  unknownMs: number;
  cameraMs: number;
}

/** Status counts of cameras by `street:<id>` and `grid:<id>`. */
export function countByArea(
  cameras: Iterable<{ readonly street: string; readonly grid: string; readonly status: CameraStatus }>,
): Map<string, AreaCounts> {
  const counts = new Map<string, AreaCounts>();
  for (const camera of cameras) {
    for (const key of [`street:${camera.street}`, `grid:${camera.grid}`]) {
      let area = counts.get(key);
      if (!area) counts.set(key, (area = { online: 0, offline: 0, unknown: 0 }));
      area[camera.status] += 1;
    }
  }
  return counts;
}

/** Local midnight at or before `time` (epoch ms). */
export function localMidnight(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/**
 * Integrates each area's counts over time. Call `record` with the new counts whenever they change; each span
 * is weighted by its length, and the averages start again at the first local midnight after the last call.
 */
export class OnlineRate {
  private counts = new Map<string, AreaCounts>();
  private accumulated = new Map<string, Accumulated>();
  private last: number;
  private dayStart: number;

  constructor(
    private readonly now: () => number,
    private readonly midnightOf: (time: number) => number = localMidnight,
  ) {
    this.last = now();
    this.dayStart = this.last;
  }

  /** The counts from now on (the previous ones are credited up to now). */
  record(counts: Map<string, AreaCounts>): void {
    this.advance(this.now());
    this.counts = counts;
  }

  /** When the averages start: the core's start, or the last local midnight since. */
  get since(): number {
    return this.dayStart;
  }

  /** Every area's rate now and its average since `since`, streets first, each by id. */
  rates(): AreaRate[] {
    this.advance(this.now());
    const keys = new Set([...this.counts.keys(), ...this.accumulated.keys()]);
    return [...keys].sort(byKindThenId).map((key) => {
      const counts = this.counts.get(key) ?? { online: 0, offline: 0, unknown: 0 };
      const cameras = counts.online + counts.offline + counts.unknown;
      const rate = cameras === 0 ? 0 : counts.online / cameras;
      const spent = this.accumulated.get(key);
      const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      return {
        kind: kind as 'street' | 'grid',
        id,
        cameras,
        ...counts,
        rate,
        // No time spent yet (just started, just past midnight): the average is the rate now.
        averageRate: spent && spent.cameraMs > 0 ? spent.onlineMs / spent.cameraMs : rate,
        averageUnknown:
          spent && spent.cameraMs > 0
            ? spent.unknownMs / spent.cameraMs
            : cameras === 0
              ? 0
              : counts.unknown / cameras,
      };
    });
  }

  /** Credits the current counts up to `time`, starting a new day at each local midnight crossed. */
  private advance(time: number): void {
    while (time > this.last) {
      const nextMidnight = this.midnightOf(this.last) + 24 * 3_600_000;
      const until = Math.min(time, nextMidnight);
      this.credit(until - this.last);
      this.last = until;
      if (until === nextMidnight) {
        // A new day: yesterday's average is done (the daily report reads the journal, not this).
        this.accumulated = new Map();
        this.dayStart = nextMidnight;
      }
    }
  }

  private credit(milliseconds: number): void {
    for (const [key, counts] of this.counts) {
      let spent = this.accumulated.get(key);
      if (!spent) this.accumulated.set(key, (spent = { onlineMs: 0, unknownMs: 0, cameraMs: 0 }));
      spent.onlineMs += counts.online * milliseconds;
      spent.unknownMs += counts.unknown * milliseconds;
      spent.cameraMs += (counts.online + counts.offline + counts.unknown) * milliseconds;
    }
  }
}

function byKindThenId(a: string, b: string): number {
  const kind = (key: string) => (key.startsWith('street:') ? 0 : 1);
  return kind(a) - kind(b) || (a < b ? -1 : a > b ? 1 : 0);
}
