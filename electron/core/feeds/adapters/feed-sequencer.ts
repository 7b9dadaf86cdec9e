// Sequence tracking of the Tianmu feed protocol per stream: applies snapshots and deltas in order, ignores
// duplicates, holds briefly reordered deltas, and asks for exactly one snapshot per gap.
import type { FeedMessage, SequencedFeedMessage } from '@shared/model/feed-protocol';

export interface SequencerOptions {
  /** Out-of-order deltas held before a hole counts as a gap (reordering up to this far is healed). */
  reorderWindow?: number;
  /** A hole older than this counts as a gap even with few deltas behind it. */
  gapTimeoutMs?: number;
  /** Deltas held per stream while waiting for a snapshot; beyond it the oldest are discarded (the snapshot covers them). */
  maxPending?: number;
  now?: () => number;
}

export interface SequencerHandlers {
  /** A snapshot or delta to apply, in sequence order. */
  apply(message: SequencedFeedMessage): void;
  /** A gap in `topic` (first missing sequence number): ask the backend for a snapshot. Once per gap. */
  resync(topic: string, missingSeq: number): void;
}

interface StreamState {
  /** Sequence number applied last; null before the first snapshot. */
  lastSeq: number | null;
  pending: Map<number, SequencedFeedMessage>;
  resyncRequestedAt: number | null;
  holeSince: number | null;
}

export class FeedSequencer {
  readonly stats = { applied: 0, duplicates: 0, resyncs: 0, discarded: 0 };
  private streams = new Map<string, StreamState>();
  private readonly reorderWindow: number;
  private readonly gapTimeoutMs: number;
  private readonly maxPending: number;
  private readonly now: () => number;

  constructor(
    private readonly handlers: SequencerHandlers,
    options: SequencerOptions = {},
  ) {
    this.reorderWindow = options.reorderWindow ?? 8;
    this.gapTimeoutMs = options.gapTimeoutMs ?? 2_000;
    this.maxPending = options.maxPending ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Forgets every stream: a new connection starts from its snapshots (the server may have restarted). */
  reset(): void {
    this.streams = new Map();
  }

  receive(message: FeedMessage): void {
    if (message.kind === 'heartbeat') return this.heartbeat(message.seqs ?? {});
    const stream = this.stream(message.topic);
    if (message.kind === 'snapshot') this.snapshot(message.topic, stream, message);
    else this.delta(message.topic, stream, message);
  }

  /** Re-checks holes against the gap timeout (called from the adapter's watchdog). */
  check(): void {
    for (const [topic, stream] of this.streams) this.checkHole(topic, stream);
  }

  /** True when a requested snapshot has not come for `timeoutMs`: the adapter should reconnect. */
  isResyncOverdue(timeoutMs: number): boolean {
    const now = this.now();
    for (const stream of this.streams.values()) {
      if (stream.resyncRequestedAt !== null && now - stream.resyncRequestedAt > timeoutMs) return true;
    }
    return false;
  }

  private stream(topic: string): StreamState {
    let stream = this.streams.get(topic);
    if (!stream) {
      stream = { lastSeq: null, pending: new Map(), resyncRequestedAt: null, holeSince: null };
      this.streams.set(topic, stream);
    }
    return stream;
  }

  private snapshot(topic: string, stream: StreamState, message: SequencedFeedMessage): void {
    const isAwaited = stream.resyncRequestedAt !== null || stream.lastSeq === null;
    if (!isAwaited && message.seq <= stream.lastSeq!) {
      this.stats.duplicates++;
      return;
    }
    this.apply(message);
    stream.lastSeq = message.seq;
    stream.resyncRequestedAt = null;
    for (const seq of stream.pending.keys()) if (seq <= message.seq) stream.pending.delete(seq);
    this.drain(stream);
    this.checkHole(topic, stream);
  }

  private delta(topic: string, stream: StreamState, message: SequencedFeedMessage): void {
    if ((stream.lastSeq !== null && message.seq <= stream.lastSeq) || stream.pending.has(message.seq)) {
      this.stats.duplicates++;
      return;
    }
    stream.pending.set(message.seq, message);
    if (stream.pending.size > this.maxPending) {
      stream.pending.delete(Math.min(...stream.pending.keys()));
      this.stats.discarded++;
    }
    if (stream.lastSeq === null) {
      // A delta before any snapshot: nothing to apply it to.
      if (stream.resyncRequestedAt === null) this.requestResync(topic, stream, message.seq);
      return;
    }
    this.drain(stream);
    this.checkHole(topic, stream);
  }

  private heartbeat(seqs: Readonly<Record<string, number>>): void {
    for (const [topic, seq] of Object.entries(seqs)) {
      const stream = this.streams.get(topic);
      if (!stream || stream.lastSeq === null || stream.resyncRequestedAt !== null) continue;
      // The server sent up to `seq` before this heartbeat; a connection keeps order, so the rest is lost.
      if (seq > stream.lastSeq) this.requestResync(topic, stream, stream.lastSeq + 1);
    }
  }

  private drain(stream: StreamState): void {
    let next = stream.pending.get(stream.lastSeq! + 1);
    while (next) {
      stream.pending.delete(next.seq);
      this.apply(next);
      stream.lastSeq = next.seq;
      next = stream.pending.get(next.seq + 1);
    }
  }

  private checkHole(topic: string, stream: StreamState): void {
    if (stream.pending.size === 0 || stream.lastSeq === null) {
      stream.holeSince = null;
      return;
    }
    if (stream.resyncRequestedAt !== null) return;
    const now = this.now();
    stream.holeSince ??= now;
    if (stream.pending.size >= this.reorderWindow || now - stream.holeSince >= this.gapTimeoutMs) {
      this.requestResync(topic, stream, stream.lastSeq + 1);
    }
  }

  private requestResync(topic: string, stream: StreamState, missingSeq: number): void {
    stream.resyncRequestedAt = this.now();
    stream.holeSince = null;
    this.stats.resyncs++;
    this.handlers.resync(topic, missingSeq);
  }

  private apply(message: SequencedFeedMessage): void {
    this.stats.applied++;
    this.handlers.apply(message);
  }
}
