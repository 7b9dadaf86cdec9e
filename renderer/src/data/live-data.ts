// The window's view of the feed hub: one core subscription per topic however many widgets show it,
// the latest values and a bounded history, re-subscribed after a reconnect.
import { shallowRef, triggerRef, type ShallowRef } from 'vue';
import type { SamplePoint, TopicSnapshot, TopicValue } from '@shared/model/feed';
import type { CoreClient } from '../transport/core-client';

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
  private readonly stopListening: Array<() => void> = [];

  constructor(private readonly client: CoreClient) {
    this.stopListening.push(
      client.on('topic.updated', ({ values }) => this.apply(values)),
      client.onStatusChanged((status) => {
        if (status === 'open' && this.refCounts.size > 0) void this.subscribe([...this.refCounts.keys()]);
      }),
    );
  }

  /** The history of a topic as a reactive ref (oldest first). */
  history(topic: string): ShallowRef<SamplePoint[]> {
    let history = this.histories.get(topic);
    if (!history) this.histories.set(topic, (history = shallowRef([])));
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
          stale.push(topic);
        }
      }
      if (stale.length > 0 && this.client.status === 'open') {
        this.client.request('topic.unsubscribe', { topics: stale }).catch(() => undefined);
      }
    };
  }

  dispose(): void {
    for (const stop of this.stopListening) stop();
  }

  private async subscribe(topics: string[]): Promise<void> {
    try {
      const { snapshots } = await this.client.request('topic.subscribe', { topics });
      for (const snapshot of snapshots) this.applySnapshot(snapshot);
    } catch (error) {
      // A lost connection re-subscribes everything on reconnect; anything else is worth a console line.
      console.warn('[live-data] subscribe failed', error);
    }
  }

  private applySnapshot(snapshot: TopicSnapshot): void {
    if (snapshot.latest) this.latest.set(snapshot.latest);
    this.history(snapshot.topic).value = snapshot.history.slice(-maxHistoryPoints);
  }

  /** One pass over a batch; Vue's scheduler then re-renders each affected widget once. */
  private apply(values: readonly TopicValue[]): void {
    for (const value of values) {
      const previous = this.latest.peek(value.topic);
      if (previous && previous.ts >= value.ts) continue;
      this.latest.set(value);
      const history = this.history(value.topic);
      history.value.push([value.ts, value.value]);
      if (history.value.length > maxHistoryPoints)
        history.value.splice(0, history.value.length - maxHistoryPoints);
      triggerRef(history);
    }
  }
}
