// Tells the core that a person is using this console ("still here"), cheaply: at most one report per interval,
// the last input of a burst reported at the interval's end, so the core's lock clock is never more than an
// interval behind the person. Pure apart from the injected clock and timer.

/** How often a console reports input: a quarter of the lock time, at most once a minute. */
export function activityIntervalMs(lockAfterIdleMs: number): number {
  return Math.min(60_000, lockAfterIdleMs / 4);
}

export interface ActivityTimers {
  readonly now: () => number;
  readonly setTimeout: (run: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

const browserTimers: ActivityTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

export class ActivityReporter {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending: unknown = null;

  constructor(
    private readonly report: () => void,
    private readonly intervalMs: number,
    private readonly timers: ActivityTimers = browserTimers,
  ) {}

  /** The person moved the pointer, pressed a key or scrolled. */
  input(): void {
    const now = this.timers.now();
    if (now - this.lastSentAt >= this.intervalMs) {
      this.send(now);
      return;
    }
    // Within the interval: one trailing report at its end carries this input (and any later in the burst).
    this.pending ??= this.timers.setTimeout(
      () => {
        this.pending = null;
        this.send(this.timers.now());
      },
      this.lastSentAt + this.intervalMs - now,
    );
  }

  dispose(): void {
    if (this.pending !== null) this.timers.clearTimeout(this.pending);
    this.pending = null;
  }

  private send(now: number): void {
    this.lastSentAt = now;
    this.report();
  }
}
