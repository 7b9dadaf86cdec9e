// The WebSocket adapter against a real Tianmu feed server started here: snapshot then deltas, gap resync,
// duplicates, garbage, a backend that goes down and comes back, and a half-open (silent) connection.
import { afterEach, describe, expect, it } from 'vitest';
import { sourceSchema, type SourceOf } from '@shared/model/source';
import { startWebSocketFeedServer, type WebSocketFeedServer } from '../../../../tests/support/feed-servers';
import { currentState, recordingSink } from '../../../../tests/support/recording-sink';
import type { SourceAdapter } from '../source-sink';
import { createWebSocketSource } from './websocket-source';

let server: WebSocketFeedServer | undefined;
let adapter: SourceAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  await server?.stop();
  adapter = server = undefined;
});

function source(url: string, overrides: Record<string, unknown> = {}): SourceOf<'tianmu-ws'> {
  return sourceSchema.parse({
    id: 'weather',
    kind: 'tianmu-ws',
    url,
    backoff: { initialMs: 50, maxMs: 200 },
    heartbeatTimeoutMs: 600,
    ...overrides,
  }) as SourceOf<'tianmu-ws'>;
}

describe('WebSocket source (Tianmu feed protocol)', () => {
  it('applies the snapshot, then deltas, with their source times', async () => {
    server = await startWebSocketFeedServer({ heartbeatMs: 100 });
    server.publish({ 'rain-1h': 3.5 }, { ts: 1_000 });
    const sink = recordingSink();
    adapter = createWebSocketSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => sink.latest.get('vitals/rain-1h')?.value === 3.5, 3_000, 'snapshot');
    expect(currentState(sink)).toBe('open');
    server.publish({ 'rain-1h': 12, 'Tide Bund': 4.6 }, { ts: 2_000 });
    await sink.until(() => sink.latest.get('vitals/tide-bund')?.value === 4.6, 3_000, 'delta');
    expect(sink.latest.get('vitals/rain-1h')).toEqual({ topic: 'vitals/rain-1h', value: 12, ts: 2_000 });
    expect(server.connectionCount).toBe(1);
  });

  it('asks for exactly one snapshot after a lost delta and ends equal to the server', async () => {
    server = await startWebSocketFeedServer({ heartbeatMs: 100 });
    const sink = recordingSink();
    adapter = createWebSocketSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => currentState(sink) === 'open');
    server.publish({ a: 1 });
    server.publish({ a: 2, b: 7 }, { skip: true }); // lost on the way
    server.publish({ a: 3 });
    // The hole is seen by the heartbeat (seq 3 sent) or the gap timeout; one resync either way.
    await sink.until(() => sink.latest.get('vitals/b')?.value === 7, 3_000, 'resync');
    expect(server.resyncRequests).toEqual(['vitals']);
    expect(sink.counters.resyncs).toBe(1);
    expect(sink.latest.get('vitals/a')?.value).toBe(3);
  });

  it('ignores duplicates and counts refused garbage without corrupting values', async () => {
    server = await startWebSocketFeedServer({ heartbeatMs: 100 });
    const sink = recordingSink();
    adapter = createWebSocketSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => currentState(sink) === 'open');
    server.publish({ a: 1 });
    await sink.until(() => sink.latest.get('vitals/a')?.value === 1);
    const duplicate = JSON.stringify({
      topic: 'vitals',
      kind: 'delta',
      seq: 1,
      ts: Date.now(),
      data: { values: { a: 99 } },
    });
    server.sendRaw(duplicate);
    server.sendRaw('not json');
    server.sendRaw(JSON.stringify({ topic: 'vitals', kind: 'delta', seq: 'x' }));
    server.sendRaw(
      JSON.stringify({ topic: 'vitals', kind: 'delta', seq: 2, ts: 1, data: { values: { a: 'NaN' } } }),
    );
    server.publish({ a: 2 });
    await sink.until(() => sink.counters.rejected >= 3 && sink.counters.duplicates >= 1, 3_000, 'counts');
    expect(sink.latest.get('vitals/a')?.value).not.toBe(99);
    expect(sink.latest.get('vitals/a')?.value).not.toBe('NaN');
  });

  it('reconnects with backoff after the backend goes down, and resumes from a fresh snapshot', async () => {
    server = await startWebSocketFeedServer({ heartbeatMs: 100 });
    const sink = recordingSink();
    adapter = createWebSocketSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => currentState(sink) === 'open');
    await server.stop();
    await sink.until(() => currentState(sink) === 'reconnecting', 3_000, 'reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const attempts = sink.counters.reconnects;
    expect(attempts).toBeGreaterThanOrEqual(2);
    // Capped at 200 ms with jitter: a few attempts in 600 ms, not a tight loop.
    expect(attempts).toBeLessThan(20);
    server.stream.values.set('a', { value: 42, ts: Date.now() });
    await server.start();
    await sink.until(() => currentState(sink) === 'open', 3_000, 'reopened');
    await sink.until(() => sink.latest.get('vitals/a')?.value === 42, 3_000, 'fresh snapshot');
  });

  it('treats a silent connection as half-open and replaces it', async () => {
    server = await startWebSocketFeedServer({ heartbeatMs: 100 });
    const sink = recordingSink();
    adapter = createWebSocketSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => currentState(sink) === 'open');
    server.isSilent = true;
    await sink.until(
      () =>
        sink.states.some((entry) => entry.state === 'reconnecting' && /half-open/.test(entry.error ?? '')),
      3_000,
      'half-open detection',
    );
    server.isSilent = false;
    await sink.until(
      () => currentState(sink) === 'open' && server!.connectionCount >= 2,
      3_000,
      'new connection',
    );
  });
});
