// The source manager: one adapter per declared source, values into the hub, incidents into the store, and a
// health record per source broadcast at once on state changes.
import { afterEach, describe, expect, it } from 'vitest';
import { sourceSchema, type SourceHealth } from '@shared/model/source';
import { indicatorCatalogueSchema } from '@shared/model/indicator';
import indicatorFile from '../../../resources/demo/indicators.json';
import { startWebSocketFeedServer, type WebSocketFeedServer } from '../../../tests/support/feed-servers';
import { startRestServer, type RestServer } from '../../../tests/support/rest-server';
import { FeedHub } from './feed-hub';
import { TopicCatalogue } from './topic-catalogue';
import { IncidentStore } from '../incidents/incident-store';
import { SourceManager } from './source-manager';
import { TyphoonScript } from '../demo/world/typhoon-script';
import { createDemoSource } from '../demo/world/demo-source';

const { indicators } = indicatorCatalogueSchema.parse(indicatorFile);
let manager: SourceManager | undefined;
let server: WebSocketFeedServer | undefined;
let restServer: RestServer | undefined;

afterEach(async () => {
  await manager?.stop();
  await server?.stop();
  await restServer?.close();
  manager = server = restServer = undefined;
});

const until = async (predicate: () => boolean, what: string) => {
  const deadline = Date.now() + 5_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('SourceManager', () => {
  it('runs a WebSocket source beside the demo, which leaves the keys the other source owns', async () => {
    server = await startWebSocketFeedServer({ heartbeatMs: 100 });
    server.publish({ 'rain-1h': 77.5 }, { ts: Date.now() });
    const hub = new FeedHub();
    const store = new IncidentStore();
    const broadcasts: SourceHealth[][] = [];
    manager = new SourceManager(
      [
        sourceSchema.parse({ id: 'weather', kind: 'tianmu-ws', url: server.url }),
        sourceSchema.parse({ id: 'demo', kind: 'demo', exclude: ['rain-1h'], incidents: false }),
      ],
      {
        hub,
        incidents: store,
        healthIntervalMs: 50,
        createDemoSource: (source, sink) =>
          createDemoSource(source, sink, { indicators, typhoon: new TyphoonScript() }),
      },
    );
    manager.onChanged((list) => broadcasts.push(list));
    manager.start();
    await until(() => hub.snapshot('vitals/rain-1h').latest?.value === 77.5, 'ws value');
    // The demo backfilled its own indicators but never wrote rain-1h.
    expect(hub.snapshot('vitals/tide-bund').history.length).toBeGreaterThan(100);
    expect(hub.snapshot('vitals/rain-1h').history).toHaveLength(1);
    server.publish(
      {},
      {
        incidents: [
          {
            id: 'w-1',
            title: '积水',
            category: 'flood',
            severity: 'red',
            position: [121.5, 31.2],
            source: 'weather',
            status: 'new',
            raisedAt: 1,
            updatedAt: 1,
          },
        ],
      },
    );
    await until(() => store.get('w-1') !== undefined, 'incident in the store');
    await until(
      () => broadcasts.at(-1)?.find((health) => health.id === 'weather')?.incidents === 1,
      'health',
    );
    const weather = manager.list().find((health) => health.id === 'weather')!;
    expect(weather).toMatchObject({ kind: 'tianmu-ws', state: 'open', values: 1, incidents: 1, rejected: 0 });
    expect(manager.list().find((health) => health.id === 'demo')?.state).toBe('open');

    await server.stop();
    await until(
      () => broadcasts.at(-1)?.find((health) => health.id === 'weather')?.state === 'reconnecting',
      'down',
    );
  });

  it('counts refused values on their source with the last reason, and the real later value still shows', async () => {
    server = await startWebSocketFeedServer({ heartbeatMs: 100 });
    const catalogue = new TopicCatalogue({ indicators, gridIds: [], gridPrefixes: [] });
    const hub = new FeedHub({ catalogue });
    manager = new SourceManager([sourceSchema.parse({ id: 'weather', kind: 'tianmu-ws', url: server.url })], {
      hub,
      incidents: new IncidentStore(),
      healthIntervalMs: 50,
    });
    manager.start();
    const weather = () => manager!.list().find((health) => health.id === 'weather')!;
    await until(() => weather().state === 'open', 'open');
    server.publish({ 'rain-1h': 99 }, { ts: 8.64e15 });
    server.publish({ 'rain-1h': 12.5, 'not-an-indicator': 1 }, { ts: Date.now() });
    await until(() => hub.snapshot('vitals/rain-1h').latest !== null, 'a rain value');
    expect(hub.snapshot('vitals/rain-1h').latest?.value).toBe(12.5);
    expect(hub.snapshot('vitals/not-an-indicator').latest).toBeNull();
    expect(weather()).toMatchObject({
      rejected: 2,
      values: 1,
      lastRejection: expect.stringContaining('vitals/not-an-indicator'),
      lastError: null,
    });
  });

  it('keeps an alarm acknowledged when a polling source sends it again on its next poll', async () => {
    const alarms = { alarms: [{ no: 'E-1', msg: '中山南路下立交积水', x: 121.49, y: 31.22 }] };
    restServer = await startRestServer(alarms);
    const store = new IncidentStore();
    const polling = sourceSchema.parse({
      id: 'city-api',
      kind: 'http-poll',
      url: restServer.url,
      intervalMs: 100,
      mapping: {
        incidents: { records: '$.alarms', id: '$.no', title: '$.msg', longitude: '$.x', latitude: '$.y' },
      },
    });
    manager = new SourceManager([polling], {
      hub: new FeedHub(),
      incidents: store,
      createDemoSource: (source, sink) =>
        createDemoSource(source, sink, { indicators, typhoon: new TyphoonScript() }),
    });
    manager.start();
    await until(() => store.get('city-api-e-1') !== undefined, 'the alarm');
    store.act('city-api-e-1', { type: 'acknowledge' }, { userId: 'limin', name: '李敏' });
    // What every window is told after the acknowledgement, poll after poll.
    const redelivered: string[] = [];
    store.onChanged((changed) => redelivered.push(...changed.map((incident) => incident.status)));
    await until(() => redelivered.length >= 2, 'the alarm sent again twice');
    expect(redelivered).toEqual(['acknowledged', 'acknowledged']);
    expect(store.get('city-api-e-1')).toMatchObject({ status: 'acknowledged', acknowledgedBy: '李敏' });
  });
});
