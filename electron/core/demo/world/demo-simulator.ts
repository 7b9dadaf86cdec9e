// The embedded demo source: moves every simulated indicator plausibly (a slow wave plus seeded noise)
// and publishes into the hub through the same path a real backend would use.
import type { Indicator } from '@shared/model/indicator';
import type { TopicValue } from '@shared/model/feed';
import { createSeededRandom } from '@shared/base/seeded-random';
import type { SourceSink } from '../../feeds/source-sink';

/** Where the simulator publishes: a source sink (or the hub itself in tests). */
export type DemoTarget = Pick<SourceSink, 'values' | 'backfill'>;

/** Replaces a simulated value while a script runs (the typhoon); undefined keeps the simulated one. */
export type ValueOverride = (indicatorId: string, ts: number, simulated: number) => number | undefined;

export interface DemoSimulatorOptions {
  /** Milliseconds between two publications (default 1,000). */
  intervalMs?: number;
  /** Minutes of history to backfill at start so charts show a whole line at once (default 60). */
  backfillMinutes?: number;
  seed?: number;
  now?: () => number;
  /** Simulate only indicators this accepts (other sources may own the rest). */
  accepts?: (indicatorId: string) => boolean;
  override?: ValueOverride;
}

type Simulated = Indicator & { simulation: NonNullable<Indicator['simulation']> };

/** The value of a simulated indicator at time `ts`: deterministic wave plus noise from `random`. */
export function simulatedValue(
  indicator: Simulated,
  ts: number,
  phase: number,
  random: () => number,
): number {
  const simulation = indicator.simulation;
  const wave = Math.sin((2 * Math.PI * ts) / (simulation.periodSeconds * 1000) + phase);
  const noise = (random() + random() + random() - 1.5) * simulation.noise;
  let value = simulation.base + simulation.amplitude * wave + noise;
  if (simulation.min !== undefined) value = Math.max(simulation.min, value);
  if (simulation.max !== undefined) value = Math.min(simulation.max, value);
  const factor = 10 ** simulation.decimals;
  return Math.round(value * factor) / factor;
}

export class DemoSimulator {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly random: () => number;
  private readonly simulated: Simulated[];
  private readonly phases: number[];
  private readonly now: () => number;

  constructor(
    private readonly target: DemoTarget,
    indicators: readonly Indicator[],
    private readonly options: DemoSimulatorOptions = {},
  ) {
    this.random = createSeededRandom(options.seed ?? 20_261_121);
    this.now = options.now ?? Date.now;
    this.simulated = indicators.filter(
      (indicator): indicator is Simulated =>
        indicator.simulation !== undefined && (options.accepts?.(indicator.id) ?? true),
    );
    this.phases = this.simulated.map(() => this.random() * 2 * Math.PI);
  }

  start(): void {
    if (this.timer) return;
    this.backfill();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? 1_000);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Publishes one value per simulated indicator at the current time. */
  tick(): void {
    const ts = this.now();
    const values: TopicValue[] = this.simulated.map((indicator, index) => {
      const simulated = simulatedValue(indicator, ts, this.phases[index]!, this.random);
      return {
        topic: indicator.sourceKey,
        ts,
        value: this.options.override?.(indicator.id, ts, simulated) ?? simulated,
      };
    });
    this.target.values(values);
  }

  private backfill(): void {
    const minutes = this.options.backfillMinutes ?? 60;
    const stepMs = 5_000;
    const end = this.now();
    for (const [index, indicator] of this.simulated.entries()) {
      const points: [number, number][] = [];
      for (let ts = end - minutes * 60_000; ts < end; ts += stepMs) {
        points.push([ts, simulatedValue(indicator, ts, this.phases[index]!, this.random)]);
      }
      this.target.backfill(indicator.sourceKey, points);
    }
  }
}
