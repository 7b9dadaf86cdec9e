// The feed hub: the latest value and a bounded history per topic, shared by every window, with
// ref-counted subscriptions. Sources publish into it; sessions subscribe to topics. With a catalogue it keeps
// catalogue topics only, and refuses (and reports) values a real reading cannot have.
import type { SamplePoint, TopicSnapshot, TopicValue } from '@shared/model/feed';
import { valueRefusal } from '@shared/feeds/value-check';
import type { TopicCatalogue } from './topic-catalogue';
import type { Disposable } from '@shared/base/disposable';
import type { HistoryWanted } from '@shared/protocol/domains/feeds';

/** Receives the values of the topics it subscribed to, as they are published. */
export type FeedListener = (values: readonly TopicValue[]) => void;

/**
 * One listener's topics. Not an Emitter: the hub hands each listener one batch per publication across all its
 * topics, so the per-topic sets stay here; `dispose()` releases them all.
 */
export interface FeedSubscription extends Disposable {
  /**
   * Subscribes to the topics (once each) and answers their snapshots: with history (`all`, the default) within one
   * answer's budget, or only the latest values (`none`).
   */
  add(topics: readonly string[], history?: HistoryWanted): TopicSnapshot[];
  remove(topics: readonly string[]): void;
  /** Topics this subscription holds. */
  readonly topics: ReadonlySet<string>;
}

/** What a publication or backfill left out, for the source's health. */
export interface PublishResult {
  refused: number;
  /** Why the last refused value was refused (one line naming its topic). */
  problem?: string;
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

/**
 * History points one subscription answer carries at most, shared among its topics (about 2.5 MB of JSON):
 * 30 full 4,000-point histories — more trend lines than a display shows — while 500 topics still get 240
 * points each instead of a 40 MB answer.
 */
export const maxHistoryPointsPerAnswer = 120_000;

export interface FeedHubOptions {
  /**
   * Points kept per topic (default 4,000: over an hour at one value a second, so a 60-minute trend — the
   * longest a demo scenario shows — is full).
   */
  historyLength?: number;
  /** The topics kept and their plausible ranges; without it every topic is kept (tests and benches only). */
  catalogue?: TopicCatalogue;
  /** The clock source times are checked against. */
  now?: () => number;
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
  private readonly catalogue: TopicCatalogue | undefined;
  private readonly now: () => number;

  constructor(options: FeedHubOptions = {}) {
    this.historyLength = options.historyLength ?? 4_000;
    this.historyMs = options.historyMs ?? 60 * 60_000;
    this.catalogue = options.catalogue;
    this.now = options.now ?? Date.now;
  }

  /** Number of topics with an entry (bounded by the catalogue), for tests and diagnostics. */
  get topicCount(): number {
    return this.entries.size;
  }

  /**
   * Stores values (a value older than the latest of its topic is kept in history but not as latest). Values
   * outside the catalogue, stamped ahead of this clock, absurd or implausible are refused and reported.
   */
  publish(values: readonly TopicValue[]): PublishResult {
    const result: PublishResult = { refused: 0 };
    const now = this.now();
    const byListener = new Map<FeedListener, TopicValue[]>();
    for (const value of values) {
      const problem = this.refusal(value, now);
      if (problem) {
        result.refused++;
        result.problem = problem;
        continue;
      }
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
    return result;
  }

  /** Seeds history without notifying anyone (used to backfill a source's recent past at start). */
  backfill(topic: string, points: readonly SamplePoint[]): PublishResult {
    const result: PublishResult = { refused: 0 };
    const now = this.now();
    const accepted = points.filter(([ts, value]) => {
      const problem = this.refusal({ topic, ts, value }, now);
      if (problem) {
        result.refused++;
        result.problem = problem;
      }
      return !problem;
    });
    const last = accepted.at(-1);
    if (!last) return result;
    const entry = this.entry(topic);
    for (const point of accepted) this.appendHistory(entry, point);
    if (!entry.latest || entry.latest.ts <= last[0]) entry.latest = { topic, ts: last[0], value: last[1] };
    return result;
  }

  snapshot(topic: string, maxHistoryPoints = this.historyLength): TopicSnapshot {
    const entry = this.entries.get(topic);
    return {
      topic,
      latest: entry?.latest ?? null,
      history: entry ? this.history(entry, maxHistoryPoints) : [],
    };
  }

  /** Number of listeners per topic, for tests and diagnostics. */
  subscriberCount(topic: string): number {
    return this.listenersByTopic.get(topic)?.size ?? 0;
  }

  subscribe(listener: FeedListener): FeedSubscription {
    const topics = new Set<string>();
    const add = (requested: readonly string[], history: HistoryWanted = 'all') => {
      const unique = [...new Set(requested)];
      for (const topic of unique) {
        // Nothing is ever published outside the catalogue: a listener there would only hold memory.
        if (topics.has(topic) || (this.catalogue && !this.catalogue.rule(topic))) continue;
        topics.add(topic);
        let listeners = this.listenersByTopic.get(topic);
        if (!listeners) this.listenersByTopic.set(topic, (listeners = new Set()));
        listeners.add(listener);
      }
      return history === 'none' ? unique.map((topic) => this.snapshot(topic, 0)) : this.snapshots(unique);
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

  /**
   * Snapshots of distinct topics sharing `maxHistoryPointsPerAnswer`: shortest histories first, each given at
   * most an even share of what is left, so a short history comes whole and the long ones split the rest.
   */
  private snapshots(topics: readonly string[]): TopicSnapshot[] {
    const lengths = topics.map((topic) => historySize(this.entries.get(topic)));
    const order = topics.map((_, index) => index).sort((left, right) => lengths[left]! - lengths[right]!);
    const allowance = new Array<number>(topics.length);
    let budget = maxHistoryPointsPerAnswer;
    order.forEach((index, position) => {
      const share = Math.floor(budget / (topics.length - position));
      allowance[index] = Math.min(lengths[index]!, share);
      budget -= allowance[index]!;
    });
    return topics.map((topic, index) => this.snapshot(topic, allowance[index]));
  }

  private refusal(value: TopicValue, now: number): string | undefined {
    if (!this.catalogue) return valueRefusal(value, now);
    const rule = this.catalogue.rule(value.topic);
    if (!rule) return `${value.topic}: no indicator or known topic has this key`;
    return valueRefusal(value, now, rule.plausible);
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

  /** The newest `maxPoints` points, oldest first. */
  private history(entry: TopicEntry, maxPoints: number): SamplePoint[] {
    if (maxPoints <= 0) return [];
    return entry.points.slice(Math.max(entry.start, entry.points.length - maxPoints)) as SamplePoint[];
  }
}

/** Points in a topic's history (0 for a topic without an entry). */
function historySize(entry: TopicEntry | undefined): number {
  return entry ? entry.points.length - entry.start : 0;
}
