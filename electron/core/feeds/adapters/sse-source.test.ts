// The SSE adapter against a real event-stream server started here: snapshot and deltas, a gap resolved by
// the resync URL or by re-opening the stream, comment heartbeats, and recovery after the server restarts.
import { afterEach, describe, expect, it } from 'vitest';
import { sourceSchema, type SourceOf } from '@shared/model/source';
import { startSseFeedServer, type SseFeedServer } from '../../../../tests/support/feed-servers';
import { currentState, recordingSink } from '../../../../tests/support/recording-sink';
import type { SourceAdapter } from '../source-sink';
import { createSseSource } from './sse-source';
import { SseParser } from './sse-parser';

let server: SseFeedServer | undefined;
let adapter: SourceAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  await server?.stop();
  adapter = server = undefined;
});

function source(url: string, overrides: Record<string, unknown> = {}): SourceOf<'tianmu-sse'> {
  return sourceSchema.parse({
    id: 'hydrology',
    kind: 'tianmu-sse',
    url,
    backoff: { initialMs: 50, maxMs: 200 },
    heartbeatTimeoutMs: 600,
    ...overrides,
  }) as SourceOf<'tianmu-sse'>;
}

describe('SseParser', () => {
  it('joins data lines, handles CRLF and split chunks, and reports comments', () => {
    const events: string[] = [];
    let comments = 0;
    const parser = new SseParser(
      (data) => events.push(data),
      () => comments++,
    );
    parser.push('data: {"a":\r\ndata: 1}\r\n\r\n: ping\n\nda');
    parser.push('ta: two\n');
    parser.push('\nevent: x\nid: 3\n\n');
    expect(events).toEqual(['{"a":\n1}', 'two']);
    expect(comments).toBe(1);
  });
});

describe('SSE source (Tianmu feed protocol)', () => {
  it('applies the snapshot and deltas', async () => {
    server = await startSseFeedServer({ heartbeatMs: 100 });
    server.publish({ 'creek-level': 2.9 }, { ts: 5_000 });
    const sink = recordingSink();
    adapter = createSseSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => sink.latest.get('vitals/creek-level')?.value === 2.9, 3_000, 'snapshot');
    server.publish({ 'creek-level': 3.1 }, { ts: 6_000 });
    await sink.until(() => sink.latest.get('vitals/creek-level')?.value === 3.1, 3_000, 'delta');
    expect(currentState(sink)).toBe('open');
  });

  it('resyncs a gap through the resync URL, once', async () => {
    server = await startSseFeedServer({ heartbeatMs: 100 });
    const sink = recordingSink();
    adapter = createSseSource(source(server.url, { resyncUrl: server.resyncUrl }), sink);
    adapter.start();
    await sink.until(() => currentState(sink) === 'open');
    server.publish({ a: 1 });
    server.publish({ b: 2 }, { skip: true });
    server.publish({ a: 3 });
    await sink.until(() => sink.latest.get('vitals/b')?.value === 2, 3_000, 'resync');
    expect(server.resyncRequests).toEqual(['vitals']);
    expect(server.connectionCount).toBe(1);
  });

  it('without a resync URL, re-opens the stream to get snapshots', async () => {
    server = await startSseFeedServer({ heartbeatMs: 100 });
    const sink = recordingSink();
    adapter = createSseSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => currentState(sink) === 'open');
    server.publish({ b: 2 }, { skip: true });
    server.publish({ a: 3 });
    await sink.until(() => sink.latest.get('vitals/b')?.value === 2, 3_000, 're-open');
    expect(server.connectionCount).toBe(2);
  });

  it('counts comment heartbeats as life, and recovers after the server restarts', async () => {
    server = await startSseFeedServer({ heartbeatMs: 60_000 });
    const sink = recordingSink();
    adapter = createSseSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => currentState(sink) === 'open');
    const keepAlive = setInterval(() => server?.comment(), 100);
    try {
      await new Promise((resolve) => setTimeout(resolve, 900));
      expect(currentState(sink)).toBe('open');
    } finally {
      clearInterval(keepAlive);
    }
    await server.stop();
    await sink.until(() => currentState(sink) === 'reconnecting', 3_000, 'reconnecting');
    server.publish({ a: 5 });
    await server.start();
    await sink.until(() => sink.latest.get('vitals/a')?.value === 5, 3_000, 'recovered');
  });
});
