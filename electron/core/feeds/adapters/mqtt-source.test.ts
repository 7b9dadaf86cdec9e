// The MQTT adapter against real brokers started here — the embedded aedes and Debian's mosquitto: mapped
// values and alarms, garbage survived, and reconnection driven by our backoff (MQTT.js's own is off).
import { afterEach, describe, expect, it } from 'vitest';
import { connectAsync, type MqttClient } from 'mqtt';
import { sourceSchema, type SourceOf } from '@shared/model/source';
import {
  startAedes,
  startMosquitto,
  mosquittoPath,
  type TestBroker,
} from '../../../../tests/support/mqtt-brokers';
import { currentState, recordingSink } from '../../../../tests/support/recording-sink';
import type { SourceAdapter } from '../source-sink';
import { createMqttSource, topicMatches } from './mqtt-source';
import { existsSync } from 'node:fs';

let broker: TestBroker | undefined;
let adapter: SourceAdapter | undefined;
let publisher: MqttClient | undefined;

afterEach(async () => {
  await adapter?.stop();
  await publisher?.endAsync(true);
  await broker?.stop();
  adapter = broker = publisher = undefined;
});

function source(url: string): SourceOf<'mqtt'> {
  return sourceSchema.parse({
    id: 'iot',
    kind: 'mqtt',
    url,
    backoff: { initialMs: 50, maxMs: 200 },
    keepaliveSeconds: 5,
    subscriptions: [
      {
        topic: 'district/sensors/+',
        mapping: { values: { key: '$topic', value: '$.v', time: '$.t', topic: 'iot/{key}' } },
      },
      {
        topic: 'district/alarms',
        qos: 1,
        mapping: {
          incidents: {
            id: '$.id',
            title: '$.title',
            longitude: '$.lon',
            latitude: '$.lat',
            category: '$.type',
            severity: '$.grade',
          },
        },
      },
    ],
  }) as SourceOf<'mqtt'>;
}

async function exercise(testBroker: TestBroker) {
  const sink = recordingSink();
  adapter = createMqttSource(source(testBroker.url), sink);
  adapter.start();
  await sink.until(() => currentState(sink) === 'open', 5_000, 'subscribed');
  publisher = await connectAsync(testBroker.url, { reconnectPeriod: 0 });
  await publisher.publishAsync(
    'district/sensors/water-level',
    JSON.stringify({ v: 3.42, t: 1_700_000_000_000 }),
  );
  await publisher.publishAsync('district/sensors/broken', 'not json');
  await publisher.publishAsync(
    'district/alarms',
    JSON.stringify({
      id: 'E17',
      title: '电梯困人',
      lon: 121.48,
      lat: 31.23,
      type: 'elevator',
      grade: 'orange',
    }),
    { qos: 1 },
  );
  await sink.until(() => sink.incidentList.length === 1 && sink.latest.size === 1, 5_000, 'delivery');
  expect(sink.latest.get('iot/district/sensors/water-level')).toEqual({
    topic: 'iot/district/sensors/water-level',
    value: 3.42,
    ts: 1_700_000_000_000,
  });
  expect(sink.incidentList[0]).toMatchObject({ id: 'iot-e17', category: 'elevator', severity: 'orange' });
  expect(sink.counters.rejected).toBe(1);
  return sink;
}

describe('topicMatches', () => {
  it('follows MQTT wildcards', () => {
    expect(topicMatches('a/+/c', 'a/b/c')).toBe(true);
    expect(topicMatches('a/#', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+', 'a/b/c')).toBe(false);
    expect(topicMatches('a/b', 'a/b')).toBe(true);
  });
});

describe('MQTT source', () => {
  it('maps topics and alarms from the embedded aedes broker', async () => {
    broker = await startAedes();
    await exercise(broker);
  });

  it('reconnects through its own backoff when the broker goes away, and resumes', async () => {
    const aedes = await startAedes();
    broker = aedes;
    const sink = recordingSink();
    adapter = createMqttSource(source(aedes.url), sink);
    adapter.start();
    await sink.until(() => currentState(sink) === 'open', 5_000, 'subscribed');
    await aedes.stop();
    await sink.until(() => currentState(sink) === 'reconnecting', 3_000, 'reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 800));
    // reconnectPeriod 0 means MQTT.js alone would never retry: every attempt here is ours, within the cap.
    expect(sink.counters.reconnects).toBeGreaterThanOrEqual(3);
    expect(sink.counters.reconnects).toBeLessThan(40);
    const delays = sink.states
      .filter((entry) => entry.nextAttemptAt)
      .map((entry) => entry.nextAttemptAt! - entry.at);
    expect(Math.max(...delays)).toBeLessThanOrEqual(200);
    await aedes.start();
    await sink.until(() => currentState(sink) === 'open', 3_000, 'reopened');
    publisher = await connectAsync(aedes.url, { reconnectPeriod: 0 });
    await publisher.publishAsync('district/sensors/rain', JSON.stringify({ v: 9, t: 2 }));
    await sink.until(
      () => sink.latest.get('iot/district/sensors/rain')?.value === 9,
      3_000,
      'value after reconnect',
    );
  });

  // Debian's mosquitto is part of the test setup (.ci/run installs it): a machine without it fails here, saying so.
  it("maps topics and alarms from Debian's mosquitto", async () => {
    if (!existsSync(mosquittoPath)) {
      throw new Error(`${mosquittoPath} is missing: apt-get install mosquitto (as .ci/run does)`);
    }
    broker = await startMosquitto();
    await exercise(broker!);
  });
});
