// The window's view of the feed hub: one core subscription per topic however many widgets show it,
// the latest values and a bounded history, re-subscribed after a reconnect. History is kept only for the topics a
// widget reads the history of (a trend), and only while one holds the topic: a risk map's 85 grids and a KPI need
// only the latest value, and a topic left at a scenario switch would otherwise stay at its cap for good.
import { shallowRef, triggerRef, type ShallowRef } from 'vue';
import type { SamplePoint, TopicSnapshot, TopicValue } from '@shared/model/feed';
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
  /** Topics whose snapshot is on its way (a history asked for now is filled by it). */
  private readonly awaitingSnapshot = new Set<string>();
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
        if (status === 'open' && this.refCounts.size > 0) void this.subscribe([...this.refCounts.keys()]);
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
      if (this.refCounts.has(topic) && !this.awaitingSnapshot.has(topic)) void this.subscribe([topic]);
    }
    return history;
  }

  /** Holds the topics until the returned function is called; the first holder subscribes at the core. */
  acquire(topics: readonly string[]): () => void {
    const fresh: string[] = [];
    for (const topic of topics) {
      const count = this.refCounts.get(topic) ?? 0;
      this.refCounts.set(topic, count + 1);
      if (count === 0) fresh.push(topic);
    }
    if (fresh.length > 0) void this.subscribe(fresh);
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

  private async subscribe(topics: string[]): Promise<void> {
    for (const topic of topics) this.awaitingSnapshot.add(topic);
    try {
      const { snapshots } = await this.client.request('topic.subscribe', { topics });
      for (const snapshot of snapshots) this.applySnapshot(snapshot);
    } catch (error) {
      // A lost connection re-subscribes everything on reconnect; anything else is worth a console line.
      console.warn('[live-data] subscribe failed', error);
    } finally {
      for (const topic of topics) this.awaitingSnapshot.delete(topic);
    }
  }

  private applySnapshot(snapshot: TopicSnapshot): void {
    if (snapshot.latest) this.latest.set(snapshot.latest);
    const history = this.histories.get(snapshot.topic);
    if (history && this.refCounts.has(snapshot.topic))
      history.value = snapshot.history.slice(-this.historyLimit());
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
