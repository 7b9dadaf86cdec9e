// What an adapter reports into: values for the hub, incidents for the store, and its own health.
import type { TopicValue, SamplePoint } from '@shared/model/feed';
import type { Incident } from '@shared/model/incident';
import type { SourceState } from '@shared/model/source';

/** Given to each adapter by the source manager; everything it delivers is already validated. */
export interface SourceSink {
  values(values: readonly TopicValue[]): void;
  incidents(incidents: readonly Incident[]): void;
  /** Seeds recent history without notifying windows (a source's past at start). */
  backfill(topic: string, points: readonly SamplePoint[]): void;
  /** Something arrived from the backend (a value, a heartbeat, a poll answer): it is alive. */
  alive(): void;
  /** Payloads or records refused by validation; `problem` is one readable line. */
  rejected(count: number, problem: string): void;
  state(state: SourceState, detail?: { error?: string; nextAttemptAt?: number }): void;
  count(counter: 'resyncs' | 'duplicates' | 'reconnects', amount?: number): void;
}

/** One running source: started once, stopped once (closing its connection and timers). */
export interface SourceAdapter {
  start(): void;
  stop(): Promise<void>;
}
