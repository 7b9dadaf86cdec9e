// Latest value per topic for one window, flushed as a batch at most once per interval: right away (next
// task) when the window has been idle for an interval, otherwise when the interval since the last batch ends.
import type { TopicValue } from '@shared/model/feed';

export interface TopicCoalescerOptions {
  /** Shortest time between two batches, in ms. */
  intervalMs: number;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
}

export class TopicCoalescer {
  private pending = new Map<string, TopicValue>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(
    private readonly onBatch: (values: TopicValue[]) => void,
    private readonly options: TopicCoalescerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Keeps the newest value of each topic until the next batch. */
  offer(values: readonly TopicValue[]): void {
    for (const value of values) this.pending.set(value.topic, value);
    if (this.timer !== undefined || this.pending.size === 0) return;
    // Leading edge when idle (a quiet feed's value goes out at once), trailing edge under load (the rate
    // stays bounded). Clamped to the interval, so a clock stepping backwards never delays a batch longer.
    const sinceLast = this.now() - this.lastFlushAt;
    const wait = Math.min(this.options.intervalMs, Math.max(0, this.options.intervalMs - sinceLast));
    // Even at wait 0 a timer, not a direct call: values arriving in the same task share one batch.
    this.timer = setTimeout(() => this.flush(), wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private flush(): void {
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const values = [...this.pending.values()];
    this.pending = new Map();
    this.lastFlushAt = this.now();
    this.onBatch(values);
  }
}
