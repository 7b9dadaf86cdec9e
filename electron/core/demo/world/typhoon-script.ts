// The demo's typhoon (台风) script: over a few compressed minutes it drives rain, wind, tide, creek, underpass,
// pump forebay and hotline indicators from their normal values up past red and back, as the storm passes.
// It overrides the demo simulator's values, so it flows through the same source → hub → window path.
import type { ValueOverride } from './demo-simulator';

interface Target {
  readonly indicatorId: string;
  /** Value at the height of the storm: beyond the indicator's red threshold. */
  readonly peak: number;
  /** Fraction of the script by which this indicator lags the storm (water rises after the rain). */
  readonly lag: number;
}

/** Peaks chosen above the demo catalogue's red thresholds (rain 70, wind 24.5, tide 5.5, creek 4.5, …). */
export const typhoonTargets: readonly Target[] = [
  { indicatorId: 'wind-speed', peak: 29, lag: 0 },
  { indicatorId: 'rain-1h', peak: 86, lag: 0.03 },
  { indicatorId: 'tide-bund', peak: 5.72, lag: 0.05 },
  { indicatorId: 'creek-level', peak: 4.71, lag: 0.08 },
  { indicatorId: 'pump-forebay-level', peak: 3.93, lag: 0.08 },
  { indicatorId: 'underpass-water', peak: 47, lag: 0.1 },
  { indicatorId: 'hotline-12345', peak: 395, lag: 0.12 },
];

const smoothstep = (x: number) => {
  const t = Math.min(1, Math.max(0, x));
  return t * t * (3 - 2 * t);
};

/** 0 → 1 → 0 over the script: approach (0.05–0.4), height of the storm (0.4–0.6), passing (0.6–0.85). */
export function stormEnvelope(fraction: number): number {
  if (fraction < 0.4) return smoothstep((fraction - 0.05) / 0.35);
  if (fraction < 0.6) return 1;
  return 1 - smoothstep((fraction - 0.6) / 0.25);
}

export interface TyphoonStatus {
  readonly isRunning: boolean;
  readonly startedAt: number | null;
  readonly durationMs: number;
}

export class TyphoonScript {
  private startedAt: number | null = null;
  private readonly targets = new Map(typhoonTargets.map((target) => [target.indicatorId, target]));

  constructor(
    /** Length of the whole storm (default 4 minutes: a demo, not a real typhoon's two days). */
    private durationMs = 240_000,
    private readonly now: () => number = Date.now,
  ) {}

  start(durationMs = this.durationMs): void {
    this.durationMs = durationMs;
    this.startedAt = this.now();
  }

  stop(): void {
    this.startedAt = null;
  }

  get status(): TyphoonStatus {
    const isRunning = this.startedAt !== null && this.now() - this.startedAt < this.durationMs;
    return { isRunning, startedAt: isRunning ? this.startedAt : null, durationMs: this.durationMs };
  }

  /** Blends each target from the simulated value toward its peak by the storm envelope. */
  readonly override: ValueOverride = (indicatorId, ts, simulated) => {
    if (this.startedAt === null) return undefined;
    const target = this.targets.get(indicatorId);
    if (!target) return undefined;
    const fraction = (ts - this.startedAt) / this.durationMs - target.lag;
    if (fraction < 0 || fraction > 1) return undefined;
    const weight = stormEnvelope(fraction);
    return Math.round((simulated + (target.peak - simulated) * weight) * 100) / 100;
  };
}
