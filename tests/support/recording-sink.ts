// A SourceSink for adapter tests: keeps everything an adapter delivers, with its states in order.
import type { TopicValue } from '../../shared/model/feed';
import type { Incident } from '../../shared/model/incident';
import type { SourceState } from '../../shared/model/source';
import type { SourceSink } from '../../electron/core/feeds/source-sink';

export interface RecordingSink extends SourceSink {
  readonly latest: Map<string, TopicValue>;
  readonly incidentList: Incident[];
  readonly states: Array<{ state: SourceState; at: number; error?: string; nextAttemptAt?: number }>;
  readonly counters: {
    resyncs: number;
    duplicates: number;
    reconnects: number;
    rejected: number;
    alive: number;
  };
  readonly problems: string[];
  /** Resolves when `predicate` holds (checked every 10 ms), or rejects after `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
}

export function recordingSink(): RecordingSink {
  const sink: RecordingSink = {
    latest: new Map(),
    incidentList: [],
    states: [],
    counters: { resyncs: 0, duplicates: 0, reconnects: 0, rejected: 0, alive: 0 },
    problems: [],
    values(values) {
      for (const value of values) {
        const previous = sink.latest.get(value.topic);
        if (!previous || previous.ts <= value.ts) sink.latest.set(value.topic, value);
      }
    },
    incidents(incidents) {
      sink.incidentList.push(...incidents);
    },
    backfill() {},
    alive() {
      sink.counters.alive++;
    },
    rejected(count, problem) {
      sink.counters.rejected += count;
      sink.problems.push(problem);
    },
    state(state, detail = {}) {
      sink.states.push({ state, at: Date.now(), ...detail });
    },
    count(counter, amount = 1) {
      sink.counters[counter] += amount;
    },
    async until(predicate, timeoutMs = 5_000, what = 'condition') {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
  return sink;
}

/** The latest state the sink was told. */
export function currentState(sink: RecordingSink): SourceState | undefined {
  return sink.states.at(-1)?.state;
}
