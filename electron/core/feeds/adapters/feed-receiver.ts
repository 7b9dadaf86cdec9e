// The receiving half of the Tianmu feed protocol, shared by the WebSocket and SSE adapters: parses and
// validates each message, sequences it, and turns snapshots and deltas into hub values and incidents.
import { feedMessageSchema, type SequencedFeedMessage } from '@shared/model/feed-protocol';
import type { TopicValue } from '@shared/model/feed';
import { incidentSchema, type Incident } from '@shared/model/incident';
import { topicForKey } from '@shared/feeds/apply-mapping';
import { describeIssues } from '@shared/protocol/validation';
import type { SourceSink } from '../source-sink';
import { FeedSequencer, type SequencerOptions } from './feed-sequencer';
import type { ReconnectingOptions } from './reconnecting-connection';

export interface FeedReceiverOptions extends SequencerOptions {
  /** Hub topic of a value key, `{key}` replaced. */
  topicTemplate: string;
  /** Asks the backend for a snapshot of one stream (sends `{"type":"resync"}` or re-opens the stream). */
  requestSnapshot(topic: string, missingSeq: number): void;
}

export class FeedReceiver {
  readonly sequencer: FeedSequencer;
  private readonly topicCache = new Map<string, string | undefined>();

  constructor(
    private readonly sink: SourceSink,
    private readonly options: FeedReceiverOptions,
  ) {
    this.sequencer = new FeedSequencer(
      {
        apply: (message) => this.apply(message),
        resync: (topic, missingSeq) => {
          this.sink.count('resyncs');
          this.options.requestSnapshot(topic, missingSeq);
        },
      },
      options,
    );
  }

  /** One message as text off the wire. Anything malformed is counted and dropped, never thrown. */
  receiveText(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.sink.rejected(1, 'a message is not JSON');
      return;
    }
    const parsed = feedMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.sink.rejected(1, `a message was refused: ${describeIssues(parsed.error, 2)}`);
      return;
    }
    this.sink.alive();
    const duplicatesBefore = this.sequencer.stats.duplicates;
    this.sequencer.receive(parsed.data);
    const duplicates = this.sequencer.stats.duplicates - duplicatesBefore;
    if (duplicates > 0) this.sink.count('duplicates', duplicates);
  }

  private topic(key: string): string | undefined {
    if (this.topicCache.has(key)) return this.topicCache.get(key);
    const topic = topicForKey(this.options.topicTemplate, key);
    if (this.topicCache.size < 100_000) this.topicCache.set(key, topic);
    return topic;
  }

  private apply(message: SequencedFeedMessage): void {
    const values: TopicValue[] = [];
    let badKeys = 0;
    for (const [key, entry] of Object.entries(message.data.values ?? {})) {
      const topic = this.topic(key);
      if (!topic) {
        badKeys++;
        continue;
      }
      if (typeof entry === 'number') values.push({ topic, value: entry, ts: message.ts });
      else values.push({ topic, value: entry.value, ts: entry.ts ?? message.ts });
    }
    if (badKeys > 0) this.sink.rejected(badKeys, `${badKeys} key(s) make no valid topic`);
    if (values.length > 0) this.sink.values(values);

    const incidents: Incident[] = [];
    for (const candidate of message.data.incidents ?? []) {
      const parsed = incidentSchema.safeParse(candidate);
      if (parsed.success) incidents.push(parsed.data);
      else this.sink.rejected(1, `an incident was refused: ${describeIssues(parsed.error, 1)}`);
    }
    if (incidents.length > 0) this.sink.incidents(incidents);
  }
}

/** How long a requested snapshot may take before the connection is replaced. */
const resyncTimeoutMs = 10_000;

/**
 * Reconnection settings of a Tianmu feed connection (WebSocket or SSE): the source's backoff and heartbeat, and a
 * watchdog tick that checks the sequence and replaces the connection when a requested snapshot never came.
 */
export function feedConnectionOptions(
  source: { backoff: ReconnectingOptions['backoff']; heartbeatTimeoutMs: number },
  receiver: FeedReceiver,
  restart: (reason: string) => void,
): ReconnectingOptions {
  return {
    backoff: source.backoff,
    silenceTimeoutMs: source.heartbeatTimeoutMs,
    onTick: () => {
      receiver.sequencer.check();
      if (receiver.sequencer.isResyncOverdue(resyncTimeoutMs)) restart('snapshot overdue');
    },
  };
}
