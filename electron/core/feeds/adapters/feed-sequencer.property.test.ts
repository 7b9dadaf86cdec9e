// Property: whatever the network does to deltas (2 % dropped, duplicated, reordered), the hub ends equal to the
// server, duplicates and reordering never cause a resync, and every gap causes exactly one resync.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FeedMessage } from '@shared/model/feed-protocol';
import { FeedHub } from '../feed-hub';
import type { SourceSink } from '../source-sink';
import { FeedReceiver } from './feed-receiver';
import { createSeededRandom } from '@shared/base/seeded-random';

const keys = Array.from({ length: 16 }, (_, index) => `k${index}`);

interface RunResult {
  serverState: Map<string, number>;
  hub: FeedHub;
  dropped: Set<number>;
  triggers: number[];
  snapshotSeqs: number[];
  maxOutstanding: number;
}

/**
 * One run: the server emits `count` deltas on stream `vitals`; the channel drops, duplicates and reorders them
 * (displacement bounded by 3, below the reorder window of 8); resync requests are answered with a snapshot
 * that travels through the same channel (never dropped); a final heartbeat carries the last sequence number.
 */
function run(seed: number, count: number, rates: { drop: number; duplicate: number; reorder: number }) {
  const random = createSeededRandom(seed);
  const hub = new FeedHub();
  const serverState = new Map<string, number>(keys.map((key) => [key, 0]));
  let seq = 0;
  let clock = 1_000;
  const dropped = new Set<number>();
  const triggers: number[] = [];
  const snapshotSeqs: number[] = [];
  let outstanding = 0;
  let maxOutstanding = 0;
  /** Messages in flight: each with how many releases it has waited. */
  const channel: Array<{ message: FeedMessage; waited: number }> = [];

  const snapshot = (): FeedMessage => ({
    topic: 'vitals',
    kind: 'snapshot',
    seq,
    ts: clock,
    data: { values: Object.fromEntries(serverState) },
  });
  const sink: SourceSink = {
    values: (values) => hub.publish(values),
    incidents: () => undefined,
    backfill: () => undefined,
    alive: () => undefined,
    rejected: (_count, problem) => {
      throw new Error(problem);
    },
    state: () => undefined,
    count: () => undefined,
  };
  const receiver = new FeedReceiver(sink, {
    topicTemplate: 'vitals/{key}',
    reorderWindow: 8,
    gapTimeoutMs: Number.POSITIVE_INFINITY,
    now: () => clock,
    requestSnapshot: (_topic, missingSeq) => {
      triggers.push(missingSeq);
      outstanding++;
      maxOutstanding = Math.max(maxOutstanding, outstanding);
      channel.push({ message: snapshot(), waited: 0 });
    },
  });
  const deliver = (message: FeedMessage) => {
    if (message.kind === 'snapshot') {
      snapshotSeqs.push(message.seq);
      if (seq > 0) outstanding = Math.max(0, outstanding - 1);
    }
    receiver.receiveText(JSON.stringify(message));
  };
  /** Releases one message: usually the oldest, sometimes a younger one, never letting one wait > 3. */
  const release = () => {
    if (channel.length === 0) return;
    let index = 0;
    if (channel[0]!.waited < 3 && channel.length > 1 && random() < rates.reorder) {
      index = 1 + Math.floor(random() * Math.min(3, channel.length - 1));
    }
    const [item] = channel.splice(index, 1);
    for (const other of channel) other.waited++;
    deliver(item!.message);
  };

  deliver(snapshot());
  for (let index = 0; index < count; index++) {
    clock += 10;
    seq++;
    const changes: Record<string, number> = {};
    const changedCount = 1 + Math.floor(random() * 3);
    for (let change = 0; change < changedCount; change++) {
      const key = keys[Math.floor(random() * keys.length)]!;
      changes[key] = Math.round(random() * 10_000) / 100;
      serverState.set(key, changes[key]);
    }
    const delta: FeedMessage = { topic: 'vitals', kind: 'delta', seq, ts: clock, data: { values: changes } };
    if (random() < rates.drop) dropped.add(seq);
    else {
      channel.push({ message: delta, waited: 0 });
      if (random() < rates.duplicate) channel.push({ message: delta, waited: 0 });
    }
    if (channel.length > 2) release();
  }
  // The connection keeps order for everything but the simulated reordering: drain, then the heartbeat.
  while (channel.length > 0) release();
  deliver({ kind: 'heartbeat', ts: clock, seqs: { vitals: seq } });
  while (channel.length > 0) release();
  return { serverState, hub, dropped, triggers, snapshotSeqs, maxOutstanding } satisfies RunResult;
}

function expectHubEqualsServer(result: RunResult) {
  for (const [key, value] of result.serverState) {
    expect(result.hub.snapshot(`vitals/${key}`).latest?.value, key).toBe(value);
  }
}

describe('feed sequencing under drops, duplicates and reordering', () => {
  it('ends equal to the server with exactly one resync per gap (200 seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const result = run(seed, 400, { drop: 0.02, duplicate: 0.05, reorder: 0.2 });
        expectHubEqualsServer(result);
        // Every resync names a delta that really was lost, and no lost delta triggers two.
        for (const trigger of result.triggers)
          expect(result.dropped.has(trigger), `trigger ${trigger}`).toBe(true);
        expect(new Set(result.triggers).size).toBe(result.triggers.length);
        // A lost delta without its own resync was covered by a snapshot requested for an earlier gap.
        for (const seq of result.dropped) {
          if (!result.triggers.includes(seq)) {
            expect(result.snapshotSeqs.some((snapshotSeq) => snapshotSeq >= seq)).toBe(true);
          }
        }
        if (result.dropped.size > 0) expect(result.triggers.length).toBeGreaterThan(0);
        else expect(result.triggers).toEqual([]);
        expect(result.maxOutstanding).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('never resyncs when deltas are only duplicated and reordered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const result = run(seed, 300, { drop: 0, duplicate: 0.1, reorder: 0.4 });
        expectHubEqualsServer(result);
        expect(result.triggers).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('resyncs for a lost last delta, revealed by the heartbeat', () => {
    // Find a seed whose only drop is the very last delta, then check the heartbeat catches it.
    let found = false;
    for (let seed = 1; seed < 5_000 && !found; seed++) {
      const result = run(seed, 60, { drop: 0.02, duplicate: 0, reorder: 0 });
      if (result.dropped.size === 1 && result.dropped.has(60)) {
        found = true;
        expect(result.triggers).toEqual([60]);
        expectHubEqualsServer(result);
      }
    }
    expect(found).toBe(true);
  });
});
