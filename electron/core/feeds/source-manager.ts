// Runs the workspace's sources: one adapter (one connection) per declared source, shared by every window.
// Delivers their values to the hub and their incidents to the store, and keeps each source's health.
import type { Incident } from '@shared/model/incident';
import type { Source, SourceHealth, SourceOf } from '@shared/model/source';
import type { IncidentStore } from '../incidents/incident-store';
import type { FeedHub } from './feed-hub';
import type { SourceAdapter, SourceSink } from './source-sink';
import { createWebSocketSource } from './adapters/websocket-source';
import { createSseSource } from './adapters/sse-source';
import { createHttpPollSource } from './adapters/http-poll-source';
import { createMqttSource } from './adapters/mqtt-source';
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';

export interface SourceManagerDependencies {
  readonly hub: FeedHub;
  readonly incidents: IncidentStore;
  /** Health broadcasts for counters only are at most this often (state changes go at once). */
  readonly healthIntervalMs?: number;
  /**
   * The adapter of a `demo` source: the embedded demo world, which only the composition root starts
   * (core/demo/start-demo-world.ts). Required when a `demo` source is declared.
   */
  readonly createDemoSource?: (source: SourceOf<'demo'>, sink: SourceSink) => SourceAdapter;
}

export type SourceHealthListener = (sources: SourceHealth[]) => void;

export class SourceManager {
  private readonly adapters: SourceAdapter[] = [];
  private readonly health = new Map<string, SourceHealth>();
  private readonly changed = new Emitter<SourceHealth[]>();
  private healthTimer: ReturnType<typeof setTimeout> | undefined;
  /** Totals since start, for diagnostics and the bench. */
  readonly totals = { values: 0, incidents: 0 };

  constructor(
    sources: readonly Source[],
    private readonly dependencies: SourceManagerDependencies,
  ) {
    for (const source of sources) {
      this.health.set(source.id, {
        id: source.id,
        kind: source.kind,
        ...(source.name ? { name: source.name } : {}),
        state: 'stopped',
        lastMessageAt: null,
        since: Date.now(),
        lastError: null,
        nextAttemptAt: null,
        reconnects: 0,
        resyncs: 0,
        duplicates: 0,
        rejected: 0,
        lastRejection: null,
        values: 0,
        incidents: 0,
      });
      this.adapters.push(this.createAdapter(source, this.sinkFor(source.id)));
    }
  }

  start(): void {
    for (const adapter of this.adapters) adapter.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.healthTimer);
    await Promise.all(this.adapters.map((adapter) => adapter.stop()));
  }

  list(): SourceHealth[] {
    return [...this.health.values()].map((health) => ({ ...health }));
  }

  /** Every source's health, at once on a state change, at most every `healthIntervalMs` for counters. */
  onChanged(listener: SourceHealthListener): Disposable {
    return this.changed.on(listener);
  }

  private createAdapter(source: Source, sink: SourceSink): SourceAdapter {
    switch (source.kind) {
      case 'demo':
        if (!this.dependencies.createDemoSource) throw new Error(`source ${source.id}: no demo world to run`);
        return this.dependencies.createDemoSource(source, sink);
      case 'tianmu-ws':
        return createWebSocketSource(source, sink);
      case 'tianmu-sse':
        return createSseSource(source, sink);
      case 'http-poll':
        return createHttpPollSource(source, sink);
      case 'mqtt':
        return createMqttSource(source, sink);
    }
  }

  private sinkFor(id: string): SourceSink {
    const health = () => this.health.get(id)!;
    const update = (change: Partial<SourceHealth>, isUrgent: boolean) => {
      this.health.set(id, { ...health(), ...change });
      this.scheduleBroadcast(isUrgent);
    };
    // Refusals are the backend's faults, not the connection's: kept apart from lastError.
    const rejected = (count: number, problem: string) => {
      update({ rejected: health().rejected + count, lastRejection: problem.slice(0, 300) }, false);
    };
    return {
      values: (values) => {
        health().lastMessageAt = Date.now();
        const { refused, problem } = this.dependencies.hub.publish(values);
        const accepted = values.length - refused;
        this.totals.values += accepted;
        health().values += accepted;
        if (refused > 0) rejected(refused, problem ?? 'values refused');
        else this.scheduleBroadcast(false);
      },
      incidents: (incidents: readonly Incident[]) => {
        this.totals.incidents += incidents.length;
        health().incidents += incidents.length;
        // Straight to the store: it broadcasts every change uncoalesced, and counts what it must evict.
        this.dependencies.incidents.upsert(incidents);
        this.scheduleBroadcast(false);
      },
      backfill: (topic, points) => {
        const { refused, problem } = this.dependencies.hub.backfill(topic, points);
        if (refused > 0) rejected(refused, problem ?? 'backfill refused');
      },
      alive: () => {
        health().lastMessageAt = Date.now();
      },
      rejected,
      state: (state, detail = {}) => {
        const current = health();
        const isChanged = current.state !== state;
        update(
          {
            state,
            since: isChanged ? Date.now() : current.since,
            nextAttemptAt: detail.nextAttemptAt ?? null,
            ...(detail.error !== undefined ? { lastError: detail.error.slice(0, 300) } : {}),
          },
          isChanged,
        );
      },
      count: (counter, amount = 1) => {
        update({ [counter]: health()[counter] + amount }, false);
      },
    };
  }

  private scheduleBroadcast(isUrgent: boolean): void {
    if (isUrgent) {
      clearTimeout(this.healthTimer);
      this.healthTimer = undefined;
      this.broadcast();
      return;
    }
    if (this.healthTimer) return;
    this.healthTimer = setTimeout(() => {
      this.healthTimer = undefined;
      this.broadcast();
    }, this.dependencies.healthIntervalMs ?? 1_000);
    this.healthTimer.unref?.();
  }

  private broadcast(): void {
    this.changed.fire(this.list());
  }
}
