// Watches every indicator with thresholds and turns level changes into events (the input later issues use
// to suggest scenarios), keeping when each level was raised for the warnings board.
import type { TopicValue } from '@shared/model/feed';
import type { Indicator } from '@shared/model/indicator';
import { evaluateLevel, type WarningLevel } from '@shared/vitals/warning-level';
import type { FeedHub, FeedSubscription } from './feed-hub';
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';

/** An indicator's current level, the value that set it and since when it holds. */
export interface IndicatorLevel {
  indicatorId: string;
  level: WarningLevel;
  /** When the level was entered (the source time of the value that raised or lowered it). */
  since: number;
  value: number;
  /** Source time of the latest value. */
  ts: number;
}

export interface LevelChange extends IndicatorLevel {
  previous: WarningLevel;
}

export class LevelWatcher {
  private readonly levels = new Map<string, IndicatorLevel>();
  private readonly byTopic = new Map<string, Indicator[]>();
  private readonly changed = new Emitter<LevelChange>();
  private subscription: FeedSubscription | undefined;

  constructor(
    private readonly hub: FeedHub,
    indicators: readonly Indicator[],
  ) {
    for (const indicator of indicators) {
      if (!indicator.thresholds) continue;
      const list = this.byTopic.get(indicator.sourceKey) ?? [];
      list.push(indicator);
      this.byTopic.set(indicator.sourceKey, list);
    }
  }

  start(): void {
    this.subscription = this.hub.subscribe((values) => this.evaluate(values));
    // Levels follow the latest value: copying every indicator's history here would be thrown away.
    const snapshots = this.subscription.add([...this.byTopic.keys()], 'none');
    this.evaluate(snapshots.flatMap((snapshot) => (snapshot.latest ? [snapshot.latest] : [])));
  }

  stop(): void {
    this.subscription?.dispose();
  }

  /** Every indicator with thresholds that has a value. */
  list(): IndicatorLevel[] {
    return [...this.levels.values()].map((level) => ({ ...level }));
  }

  /** Every change of an indicator's level. */
  onChanged(listener: (change: LevelChange) => void): Disposable {
    return this.changed.on(listener);
  }

  private evaluate(values: readonly TopicValue[]): void {
    for (const value of values) {
      for (const indicator of this.byTopic.get(value.topic) ?? []) {
        const current = this.levels.get(indicator.id);
        if (current && current.ts > value.ts) continue;
        const previous = current?.level ?? 'normal';
        const level = evaluateLevel(value.value, indicator.thresholds!, previous);
        const since = !current || level !== previous ? value.ts : current.since;
        const next = { indicatorId: indicator.id, level, since, value: value.value, ts: value.ts };
        this.levels.set(indicator.id, next);
        if (level !== previous) {
          this.changed.fire({ ...next, previous });
        }
      }
    }
  }
}
