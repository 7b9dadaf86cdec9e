// The REST polling adapter against a real HTTP server started here: mapped values at the declared interval,
// failures backed off and shown, garbage and hanging answers survived, recovery when the backend heals.
import { afterEach, describe, expect, it } from 'vitest';
import { sourceSchema, type SourceOf } from '@shared/model/source';
import { startRestServer, type RestServer } from '../../../../tests/support/rest-server';
import { currentState, recordingSink } from '../../../../tests/support/recording-sink';
import type { SourceAdapter } from '../source-sink';
import { createHttpPollSource } from './http-poll-source';

let server: RestServer | undefined;
let adapter: SourceAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  await server?.close();
  adapter = server = undefined;
});

const payload = (rain: number, at: string) => ({
  code: 0,
  data: {
    list: [
      { indicator: 'RAIN_1H', val: rain, time: at },
      { indicator: 'hotline-12345', val: '64', time: at },
    ],
    alarms: [{ no: 'E-1', msg: '中山南路下立交积水', x: 121.49, y: 31.22, level: '2', at }],
  },
});

function source(url: string, overrides: Record<string, unknown> = {}): SourceOf<'http-poll'> {
  return sourceSchema.parse({
    id: 'city-api',
    kind: 'http-poll',
    url,
    intervalMs: 100,
    timeoutMs: 300,
    backoff: { initialMs: 100, maxMs: 400 },
    mapping: {
      values: {
        records: '$.data.list',
        key: '$.indicator',
        value: '$.val',
        time: '$.time',
        timeFormat: 'iso',
        keys: { RAIN_1H: 'rain-1h' },
      },
      incidents: {
        records: '$.data.alarms',
        id: '$.no',
        title: '$.msg',
        longitude: '$.x',
        latitude: '$.y',
        severity: '$.level',
        severities: { '1': 'red', '2': 'orange' },
        time: '$.at',
        timeFormat: 'iso',
        defaultCategory: 'flood',
      },
    },
    ...overrides,
  }) as SourceOf<'http-poll'>;
}

describe('REST polling source', () => {
  it('maps values and incidents from each poll, at the declared interval', async () => {
    server = await startRestServer(payload(12.5, '2026-11-21T08:00:00+08:00'));
    const sink = recordingSink();
    adapter = createHttpPollSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => server!.requestTimes.length >= 4, 3_000, 'four polls');
    expect(sink.latest.get('vitals/rain-1h')).toEqual({
      topic: 'vitals/rain-1h',
      value: 12.5,
      ts: Date.parse('2026-11-21T00:00:00Z'),
    });
    expect(sink.latest.get('vitals/hotline-12345')?.value).toBe(64);
    expect(sink.incidentList[0]).toMatchObject({ id: 'city-api-e-1', severity: 'orange', category: 'flood' });
    const gaps = server.requestTimes.slice(1).map((time, index) => time - server!.requestTimes[index]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
    expect(currentState(sink)).toBe('open');
  });

  it('backs off on errors, garbage and hangs, keeps the last good values, and recovers', async () => {
    server = await startRestServer(payload(12.5, '2026-11-21T08:00:00+08:00'));
    const sink = recordingSink();
    adapter = createHttpPollSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => currentState(sink) === 'open');
    for (const mode of ['error', 'garbage', 'hang'] as const) {
      server.mode = mode;
      const before = sink.states.length;
      await sink.until(
        () => sink.states.slice(before).some((entry) => entry.state === 'reconnecting'),
        3_000,
        `reconnecting after ${mode}`,
      );
      expect(sink.latest.get('vitals/rain-1h')?.value).toBe(12.5);
      server.mode = 'ok';
      await sink.until(() => currentState(sink) === 'open', 3_000, `recovered from ${mode}`);
    }
    expect(sink.states.map((entry) => entry.error).filter(Boolean)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/HTTP 500/),
        expect.stringMatching(/not JSON/),
        expect.stringMatching(/no answer/),
      ]),
    );
    server.body = payload(30, '2026-11-21T08:05:00+08:00');
    await sink.until(() => sink.latest.get('vitals/rain-1h')?.value === 30, 3_000, 'new value');
  });

  it('skips records a broken backend sends, keeping the valid ones', async () => {
    server = await startRestServer({
      data: {
        list: [
          { indicator: 'a', val: 'n/a', time: 'x' },
          { indicator: 'b', val: 2, time: '2026-01-01T00:00:00Z' },
        ],
      },
    });
    const sink = recordingSink();
    adapter = createHttpPollSource(source(server.url), sink);
    adapter.start();
    await sink.until(() => sink.latest.has('vitals/b'), 3_000, 'valid record');
    expect(sink.latest.has('vitals/a')).toBe(false);
    expect(sink.counters.rejected).toBeGreaterThan(0);
  });
});
