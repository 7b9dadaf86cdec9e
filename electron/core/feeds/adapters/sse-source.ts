// Adapter: the Tianmu feed protocol over Server-Sent Events. One-way, so a gap asks for a snapshot by POST to
// `resyncUrl` when given, else re-opens the stream (a server sends its snapshots first on every connection).
import type { SourceOf } from '@shared/model/source';
import type { SourceAdapter, SourceSink } from '../source-sink';
import { FeedReceiver, feedConnectionOptions } from './feed-receiver';
import { ReconnectingConnection } from './reconnecting-connection';
import { SseParser } from './sse-parser';

export function createSseSource(source: SourceOf<'tianmu-sse'>, sink: SourceSink): SourceAdapter {
  const receiver = new FeedReceiver(sink, {
    topicTemplate: source.topic,
    requestSnapshot: (topic) => {
      if (!source.resyncUrl) {
        // Deferred: the receiver is still inside the message that revealed the gap.
        queueMicrotask(() => connection.restart(`gap in '${topic}': re-opening for snapshots`));
        return;
      }
      fetch(source.resyncUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...source.headers },
        body: JSON.stringify({ topic }),
        signal: AbortSignal.timeout(5_000),
      }).catch((error: Error) => connection.restart(`resync request failed: ${error.message}`));
    },
  });
  const connection = new ReconnectingConnection(
    sink,
    feedConnectionOptions(source, receiver, (reason) => connection.restart(reason)),
    (callbacks) => {
      receiver.sequencer.reset();
      const abort = new AbortController();
      void (async () => {
        const response = await fetch(source.url, {
          headers: { accept: 'text/event-stream', ...source.headers },
          signal: abort.signal,
        });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        const type = response.headers.get('content-type') ?? '';
        if (!type.includes('text/event-stream')) throw new Error(`not an event stream (${type})`);
        callbacks.opened();
        const parser = new SseParser(
          (data) => {
            callbacks.alive();
            receiver.receiveText(data);
          },
          () => {
            callbacks.alive();
            sink.alive();
          },
        );
        const decoder = new TextDecoder();
        for await (const chunk of response.body) {
          if (abort.signal.aborted) return;
          callbacks.alive();
          parser.push(decoder.decode(chunk as Uint8Array, { stream: true }));
        }
        throw new Error('the stream ended');
      })().catch((error: Error) => {
        if (!abort.signal.aborted) callbacks.failed(error.message);
      });
      return { close: () => abort.abort() };
    },
  );
  return {
    start: () => connection.start(),
    stop: async () => connection.stop(),
  };
}
