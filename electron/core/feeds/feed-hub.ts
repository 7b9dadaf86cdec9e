// The feed hub: the latest value and a bounded history per topic, shared by every window, with
// ref-counted subscriptions. Sources publish into it; sessions subscribe to topics.
import type { SamplePoint, TopicSnapshot, TopicValue } from '@shared/model/feed';

/** Receives the values of the topics it subscribed to, as they are published. */
export type FeedListener = (values: readonly TopicValue[]) => void;

export interface FeedSubscription {
  add(topics: readonly string[]): TopicSnapshot[];
  remove(topics: readonly string[]): void;
  /** Topics this subscription holds. */
  readonly topics: ReadonlySet<string>;
  dispose(): void;
}

interface TopicEntry {
  latest: TopicValue | null;
  /**
   * [ts, value] in arrival order; the history is `points` from `start` on. A dropped point's slot is emptied at
   * once and the slots cut in bulk.
   */
  points: Array<SamplePoint | undefined>;
  start: number;
  /** Newest time in the history: points older than it by more than the age cap go. */
  newestTs: number;
}

export interface FeedHubOptions {
  /**
   * Points kept per topic (default 4,000: over an hour at one value a second, so a 60-minute trend — the
   * longest a demo scenario shows — is full).
   */
  historyLength?: number;
  /**
   * Oldest point kept, ms before a topic's newest (default an hour, the longest trend): a topic published
   * every 5 s (the risk map's grids) would otherwise take 5.5 hours to reach 4,000 points, and the core would
   * grow for half a day.
   */
  historyMs?: number;
}

export class FeedHub {
  private readonly entries = new Map<string, TopicEntry>();
  private readonly listenersByTopic = new Map<string, Set<FeedListener>>();
  /** Points kept per topic. */
  readonly historyLength: number;
  private readonly historyMs: number;

  constructor(options: FeedHubOptions = {}) {
    this.historyLength = options.historyLength ?? 4_000;
    this.historyMs = options.historyMs ?? 60 * 60_000;
  }

  /** Stores values (a value older than the latest of its topic is kept in history but not as latest). */
  publish(values: readonly TopicValue[]): void {
    const byListener = new Map<FeedListener, TopicValue[]>();
    for (const value of values) {
      const entry = this.entry(value.topic);
      this.appendHistory(entry, [value.ts, value.value]);
      if (entry.latest && entry.latest.ts > value.ts) continue;
      entry.latest = value;
      for (const listener of this.listenersByTopic.get(value.topic) ?? []) {
        let batch = byListener.get(listener);
        if (!batch) byListener.set(listener, (batch = []));
        batch.push(value);
      }
    }
    for (const [listener, batch] of byListener) listener(batch);
  }

  /** Seeds history without notifying anyone (used to backfill a source's recent past at start). */
  backfill(topic: string, points: readonly SamplePoint[]): void {
    const entry = this.entry(topic);
    for (const point of points) this.appendHistory(entry, point);
    const last = points.at(-1);
    if (last && (!entry.latest || entry.latest.ts <= last[0]))
      entry.latest = { topic, ts: last[0], value: last[1] };
  }

  snapshot(topic: string): TopicSnapshot {
    const entry = this.entries.get(topic);
    return { topic, latest: entry?.latest ?? null, history: entry ? this.history(entry) : [] };
  }

  /** Number of listeners per topic, for tests and diagnostics. */
  subscriberCount(topic: string): number {
    return this.listenersByTopic.get(topic)?.size ?? 0;
  }

  subscribe(listener: FeedListener): FeedSubscription {
    const topics = new Set<string>();
    const add = (newTopics: readonly string[]) => {
      for (const topic of newTopics) {
        if (topics.has(topic)) continue;
        topics.add(topic);
        let listeners = this.listenersByTopic.get(topic);
        if (!listeners) this.listenersByTopic.set(topic, (listeners = new Set()));
        listeners.add(listener);
      }
      return newTopics.map((topic) => this.snapshot(topic));
    };
    const remove = (oldTopics: readonly string[]) => {
      for (const topic of oldTopics) {
        if (!topics.delete(topic)) continue;
        const listeners = this.listenersByTopic.get(topic);
        listeners?.delete(listener);
        if (listeners?.size === 0) this.listenersByTopic.delete(topic);
      }
    };
    return { topics, add, remove, dispose: () => remove([...topics]) };
  }

  private entry(topic: string): TopicEntry {
    let entry = this.entries.get(topic);
    if (!entry)
      this.entries.set(topic, (entry = { latest: null, points: [], start: 0, newestTs: -Infinity }));
    return entry;
  }

  private appendHistory(entry: TopicEntry, point: SamplePoint): void {
    const { points } = entry;
    points.push(point);
    entry.newestTs = Math.max(entry.newestTs, point[0]);
    const oldest = entry.newestTs - this.historyMs;
    while (
      points.length - entry.start > this.historyLength ||
      (entry.start < points.length - 1 && points[entry.start]![0] < oldest)
    )
      points[entry.start++] = undefined;
    // Cut the emptied slots once they are as many as the kept points: amortised O(1) per point.
    if (entry.start >= 64 && entry.start * 2 >= points.length) {
      entry.points = points.slice(entry.start);
      entry.start = 0;
    }
  }

  private history(entry: TopicEntry): SamplePoint[] {
    return entry.points.slice(entry.start) as SamplePoint[];
  }
}
