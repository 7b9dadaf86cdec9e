// Adapter: MQTT topics through MQTT.js with a declarative mapping per subscription. MQTT.js's own reconnect
// retries every second for ever; it is switched off (reconnectPeriod 0) and replaced by our capped,
// jittered backoff. The keepalive ping reveals a half-open connection.
import { connect, type MqttClient } from 'mqtt';
import type { SourceOf } from '@shared/model/source';
import { applyMapping } from '@shared/feeds/apply-mapping';
import type { SourceAdapter, SourceSink } from '../source-sink';
import { ReconnectingConnection } from './reconnecting-connection';

/** True when an MQTT topic filter (with `+` and `#`) matches a topic. */
export function topicMatches(filter: string, topic: string): boolean {
  const filterParts = filter.split('/');
  const topicParts = topic.split('/');
  for (let index = 0; index < filterParts.length; index++) {
    const part = filterParts[index];
    if (part === '#') return true;
    if (index >= topicParts.length) return false;
    if (part !== '+' && part !== topicParts[index]) return false;
  }
  return filterParts.length === topicParts.length;
}

export function createMqttSource(source: SourceOf<'mqtt'>, sink: SourceSink): SourceAdapter {
  const connection = new ReconnectingConnection(
    sink,
    // MQTT's keepalive does the half-open detection; our watchdog only guards a stuck CONNECT.
    { backoff: source.backoff, silenceTimeoutMs: 0 },
    (callbacks) => {
      const client: MqttClient = connect(source.url, {
        reconnectPeriod: 0,
        connectTimeout: 10_000,
        keepalive: source.keepaliveSeconds,
        clean: true,
        clientId: source.clientId ?? `tianmu-${source.id}-${Math.random().toString(16).slice(2, 10)}`,
        username: source.username,
        password: source.password,
      });
      client.on('connect', () => {
        client.subscribe(
          Object.fromEntries(source.subscriptions.map((entry) => [entry.topic, { qos: entry.qos }])),
          (error) => {
            if (error) callbacks.failed(`subscribe failed: ${error.message}`);
            else callbacks.opened();
          },
        );
      });
      client.on('message', (topic, payload) => {
        callbacks.alive();
        sink.alive();
        let json: unknown;
        try {
          json = JSON.parse(payload.toString('utf8'));
        } catch {
          sink.rejected(1, `a message on '${topic.slice(0, 80)}' is not JSON`);
          return;
        }
        for (const subscription of source.subscriptions) {
          if (!topicMatches(subscription.topic, topic)) continue;
          const mapped = applyMapping(json, subscription.mapping, {
            now: Date.now(),
            sourceId: source.id,
            messageTopic: topic,
          });
          if (mapped.rejected > 0) sink.rejected(mapped.rejected, mapped.problems[0] ?? 'records refused');
          if (mapped.values.length > 0) sink.values(mapped.values);
          if (mapped.incidents.length > 0) sink.incidents(mapped.incidents);
        }
      });
      client.on('error', (error) => callbacks.failed(error.message));
      client.on('close', () => callbacks.failed('connection closed'));
      client.on('offline', () => callbacks.failed('offline'));
      return {
        close: () => {
          client.removeAllListeners();
          client.on('error', () => undefined);
          client.end(true);
        },
      };
    },
  );
  return {
    start: () => connection.start(),
    stop: async () => connection.stop(),
  };
}
