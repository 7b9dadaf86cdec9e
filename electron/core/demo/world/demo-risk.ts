// The embedded demo's risk map (风险图): a seeded risk index 0–100 per city-ops grid, drifting slowly, published
// into the feed hub as `risk/grid/<gridId>` — the topics a real risk-assessment platform would feed.
import type { TopicValue } from '@shared/model/feed';
import type { DistrictMap } from '@shared/model/workspace';
import { createSeededRandom } from '@shared/base/seeded-random';

/** Topic prefix of the demo's per-grid risk index; the map's risk layer reads `<prefix>/<gridId>`. */
export const demoRiskTopicPrefix = 'risk/grid';

export interface DemoRiskOptions {
  /** Milliseconds between two publications (default 5,000: risk moves slowly). */
  intervalMs?: number;
  seed?: number;
  now?: () => number;
}

interface GridRisk {
  readonly topic: string;
  /** Where the grid's risk sits on average (0–100). */
  readonly base: number;
  readonly amplitude: number;
  readonly phase: number;
}

/** Period of the slow drift: a grid's risk rises and falls over half an hour. */
const periodMs = 30 * 60_000;

export class DemoRisk {
  private readonly grids: GridRisk[];
  private readonly now: () => number;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    district: DistrictMap,
    private readonly publish: (values: readonly TopicValue[]) => void,
    private readonly options: DemoRiskOptions = {},
  ) {
    const random = createSeededRandom(options.seed ?? 85);
    this.now = options.now ?? Date.now;
    this.grids = district.features
      .filter((feature) => feature.properties.kind === 'grid')
      .map((feature) => {
        // Squared uniform: most grids low, a few high — a risk map where everything is high says nothing.
        const draw = random();
        return {
          topic: `${demoRiskTopicPrefix}/${feature.properties.id}`,
          base: 8 + 80 * draw * draw,
          amplitude: 4 + random() * 12,
          phase: random() * 2 * Math.PI,
        };
      });
  }

  /** Number of grids with a risk value. */
  get gridCount(): number {
    return this.grids.length;
  }

  /** The risk index of every grid at time `ts`, rounded to whole numbers, within 0–100. */
  values(ts: number): TopicValue[] {
    return this.grids.map((grid) => {
      const value = grid.base + grid.amplitude * Math.sin((2 * Math.PI * ts) / periodMs + grid.phase);
      return { topic: grid.topic, ts, value: Math.round(Math.min(100, Math.max(0, value))) };
    });
  }

  start(): void {
    if (this.timer || this.grids.length === 0) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? 5_000);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    this.publish(this.values(this.now()));
  }
}
