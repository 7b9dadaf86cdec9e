// The window's view of the feed hub: one core subscription per topic however many widgets show it,
// the latest values and a bounded history, re-subscribed after a reconnect. History is asked of the core and kept only
// for the topics a widget reads the history of (a trend), and only while one holds the topic: a risk map's 85 grids
// and a KPI need only the latest value (their history was ~10 MB per scenario switch across the windows), and a
// topic left at a scenario switch would otherwise stay at its cap for good.
import { shallowRef, triggerRef, type ShallowRef } from 'vue';
import type { SamplePoint, TopicSnapshot, TopicValue } from '@shared/model/feed';
import type { HistoryWanted } from '@shared/protocol/domains/feeds';
import type { CoreClient } from '../transport/core-client';

/** Points a window keeps per topic at most (the longest trend's hour at one value a second fits in it). */
const maxHistoryPoints = 3_000;

/**
 * Latest value per topic, one ref per topic: a batch re-renders only what shows a changed topic (a reactive
 * Map would also wake everything that iterates it, and costs a proxy trap per read).
 */
export class LatestValues {
  private readonly refs = new Map<string, ShallowRef<TopicValue | undefined>>();

  /** The latest value of `topic` (reactive: a render or computed reading it follows that topic only). */
  get(topic: string): TopicValue | undefined {
    return this.ref(topic).value;
  }

  set(value: TopicValue): void {
    this.ref(value.topic).value = value;
  }

  /** The value without tracking, for bookkeeping that must not subscribe its caller. */
  peek(topic: string): TopicValue | undefined {
    return this.refs.get(topic)?.value;
  }

  private ref(topic: string): ShallowRef<TopicValue | undefined> {
    let ref = this.refs.get(topic);
    if (!ref) this.refs.set(topic, (ref = shallowRef(undefined)));
    return ref;
  }
}

export class LiveData {
  /** Latest value per topic (reactive per topic). */
  readonly latest = new LatestValues();
  private readonly histories = new Map<string, ShallowRef<SamplePoint[]>>();
  private readonly refCounts = new Map<string, number>();
  /**
   * Topics whose snapshot is on its way, and whether it brings history (`all`: a history asked for now is filled
   * by it; `none`: a reader of the history needs one more).
   */
  private readonly awaitingSnapshot = new Map<string, HistoryWanted>();
  private readonly stopListening: Array<() => void> = [];

  /**
   * `coreHistoryLength` tells how many points the core keeps per topic (from the hello): a window keeps no more,
   * so both caps fill together.
   */
  constructor(
    private readonly client: CoreClient,
    private readonly coreHistoryLength: () => number | undefined = () => undefined,
  ) {
    this.stopListening.push(
      client.on('topic.updated', ({ values }) => this.apply(values)),
      client.onStatusChanged((status) => {
        if (status === 'open' && this.refCounts.size > 0) this.subscribe([...this.refCounts.keys()]);
      }),
    );
  }

  /**
   * The history of a topic as a reactive ref (oldest first). The first reader of a topic already held (a trend
   * mounted beside a KPI of the same indicator) gets it from a fresh snapshot: none was kept before.
   */
  history(topic: string): ShallowRef<SamplePoint[]> {
    let history = this.histories.get(topic);
    if (!history) {
      this.histories.set(topic, (history = shallowRef([])));
      if (this.refCounts.has(topic) && this.awaitingSnapshot.get(topic) !== 'all') this.subscribe([topic]);
    }
    return history;
  }

  /**
   * Holds the topics until the returned function is called; the first holder subscribes at the core. A holder
   * that reads the history (`all`, a trend) has it asked for with the subscription; a topic already held without
   * it is asked again with it (the larger need wins, and stays while the topic is held).
   */
  acquire(topics: readonly string[], history: HistoryWanted = 'none'): () => void {
    const wanted: string[] = [];
    for (const topic of topics) {
      const count = this.refCounts.get(topic) ?? 0;
      this.refCounts.set(topic, count + 1);
      const isHistoryNew = history === 'all' && !this.histories.has(topic);
      if (isHistoryNew) this.histories.set(topic, shallowRef([]));
      const isAsked = count > 0 && !(isHistoryNew && this.awaitingSnapshot.get(topic) !== 'all');
      if (!isAsked && !wanted.includes(topic)) wanted.push(topic);
    }
    if (wanted.length > 0) this.subscribe(wanted);
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      const stale: string[] = [];
      for (const topic of topics) {
        const count = (this.refCounts.get(topic) ?? 1) - 1;
        if (count > 0) this.refCounts.set(topic, count);
        else {
          this.refCounts.delete(topic);
          this.histories.delete(topic);
          stale.push(topic);
        }
      }
      if (stale.length > 0 && this.client.status === 'open') {
        this.client.request('topic.unsubscribe', { topics: stale }).catch(() => undefined);
      }
    };
  }

  /** Points of history the window holds over all topics (for tests and the soak bench). */
  keptHistoryPoints(): number {
    let points = 0;
    for (const history of this.histories.values()) points += history.value.length;
    return points;
  }

  dispose(): void {
    for (const stop of this.stopListening) stop();
  }

  /** Subscribes at the core: the topics with a history reader with their history, the others without. */
  private subscribe(topics: readonly string[]): void {
    const withHistory = topics.filter((topic) => this.histories.has(topic));
    const latestOnly = topics.filter((topic) => !this.histories.has(topic));
    if (withHistory.length > 0) void this.requestSnapshots(withHistory, 'all');
    if (latestOnly.length > 0) void this.requestSnapshots(latestOnly, 'none');
  }

  private async requestSnapshots(topics: string[], history: HistoryWanted): Promise<void> {
    for (const topic of topics) {
      if (this.awaitingSnapshot.get(topic) !== 'all') this.awaitingSnapshot.set(topic, history);
    }
    try {
      const { snapshots } = await this.client.request('topic.subscribe', { topics, history });
      for (const snapshot of snapshots) this.applySnapshot(snapshot, history);
    } catch (error) {
      // A lost connection re-subscribes everything on reconnect; anything else is worth a console line.
      console.warn('[live-data] subscribe failed', error);
    } finally {
      for (const topic of topics) {
        if (this.awaitingSnapshot.get(topic) === history) this.awaitingSnapshot.delete(topic);
      }
    }
  }

  /** Takes the latest value, and the history when it was asked for (a latest-only answer has none to give). */
  private applySnapshot(snapshot: TopicSnapshot, history: HistoryWanted): void {
    if (snapshot.latest) this.latest.set(snapshot.latest);
    const kept = this.histories.get(snapshot.topic);
    if (history === 'all' && kept && this.refCounts.has(snapshot.topic))
      kept.value = snapshot.history.slice(-this.historyLimit());
  }

  private historyLimit(): number {
    return Math.min(maxHistoryPoints, this.coreHistoryLength() ?? maxHistoryPoints);
  }

  /** One pass over a batch; Vue's scheduler then re-renders each affected widget once. */
  private apply(values: readonly TopicValue[]): void {
    for (const value of values) {
      const previous = this.latest.peek(value.topic);
      if (previous && previous.ts >= value.ts) continue;
      this.latest.set(value);
      const history = this.histories.get(value.topic);
      if (!history) continue;
      history.value.push([value.ts, value.value]);
      const limit = this.historyLimit();
      if (history.value.length > limit) history.value.splice(0, history.value.length - limit);
      triggerRef(history);
    }
  }
}
