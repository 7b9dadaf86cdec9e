// Adapter: the Tianmu feed protocol over a WebSocket. One connection per source, whatever the number of
// windows; resync requests go back over the same socket; silence beyond the heartbeat timeout reconnects.
import WebSocket from 'ws';
import type { SourceOf } from '@shared/model/source';
import type { FeedClientMessage } from '@shared/model/feed-protocol';
import type { SourceAdapter, SourceSink } from '../source-sink';
import { FeedReceiver, feedConnectionOptions } from './feed-receiver';
import { ReconnectingConnection } from './reconnecting-connection';

/** A snapshot asked for and not received within this time means the backend is stuck: reconnect. */

export function createWebSocketSource(source: SourceOf<'tianmu-ws'>, sink: SourceSink): SourceAdapter {
  let socket: WebSocket | undefined;
  const receiver = new FeedReceiver(sink, {
    topicTemplate: source.topic,
    requestSnapshot: (topic) => {
      const message: FeedClientMessage = { type: 'resync', topic };
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
  });
  const connection = new ReconnectingConnection(
    sink,
    feedConnectionOptions(source, receiver, (reason) => connection.restart(reason)),
    (callbacks) => {
      receiver.sequencer.reset();
      const current = new WebSocket(source.url, {
        headers: source.headers,
        handshakeTimeout: Math.min(source.heartbeatTimeoutMs, 10_000),
        maxPayload: 64 * 1024 * 1024,
      });
      socket = current;
      current.on('open', () => callbacks.opened());
      current.on('message', (data, isBinary) => {
        callbacks.alive();
        if (isBinary) {
          sink.rejected(1, 'a binary message (the feed protocol is JSON text)');
          return;
        }
        receiver.receiveText(String(data));
      });
      current.on('pong', () => callbacks.alive());
      current.on('error', (error) => callbacks.failed(error.message));
      current.on('close', (code) => callbacks.failed(`closed (${code})`));
      return {
        close: () => {
          current.removeAllListeners();
          current.on('error', () => undefined);
          current.terminate();
          if (socket === current) socket = undefined;
        },
      };
    },
  );
  return {
    start: () => connection.start(),
    stop: async () => connection.stop(),
  };
}
