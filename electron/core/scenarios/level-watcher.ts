// Grades the feed hub's indicator values into warning levels (with hysteresis) and reports each change of
// level: how the demo simulator's values reach the scenario advisor until the feed engine reports levels itself.
import type { Indicator } from '@shared/model/indicator';
import { evaluateLevel, type WarningLevel } from '@shared/vitals/warning-level';
import type { FeedHub, FeedSubscription } from '../feeds/feed-hub';

export type LevelChangedListener = (indicatorId: string, level: WarningLevel) => void;

export class LevelWatcher {
  private readonly levels = new Map<string, WarningLevel>();
  private subscription: FeedSubscription | undefined;

  constructor(
    private readonly hub: FeedHub,
    private readonly indicators: readonly Indicator[],
    private readonly onLevelChanged: LevelChangedListener,
  ) {}

  /** Grades the latest values at once, then every published value. */
  start(): void {
    const graded = this.indicators.filter((indicator) => indicator.thresholds !== undefined);
    const bySourceKey = new Map(graded.map((indicator) => [indicator.sourceKey, indicator]));
    this.subscription = this.hub.subscribe((values) => {
      for (const value of values) {
        const indicator = bySourceKey.get(value.topic);
        if (indicator) this.grade(indicator, value.value);
      }
    });
    for (const snapshot of this.subscription.add([...bySourceKey.keys()])) {
      const indicator = bySourceKey.get(snapshot.topic);
      if (indicator && snapshot.latest) this.grade(indicator, snapshot.latest.value);
    }
  }

  stop(): void {
    this.subscription?.dispose();
    this.subscription = undefined;
  }

  private grade(indicator: Indicator, value: number): void {
    const previous = this.levels.get(indicator.id) ?? 'normal';
    const level = evaluateLevel(value, indicator.thresholds!, previous);
    this.levels.set(indicator.id, level);
    if (level !== previous) this.onLevelChanged(indicator.id, level);
  }
}
