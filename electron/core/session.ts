// One window's connection to the core: validates each request at entry, dispatches it to its handler,
// and sends events — topic updates coalesced to at most ten batches a second.
import {
  ProtocolError,
  describeIssues,
  eventSchemas,
  isRequestName,
  requestSchemas,
  type EventName,
  type EventPayload,
  type RequestHandlers,
  type RequestName,
} from '@shared/protocol';
import type { TopicValue } from '@shared/model/feed';
import type { FeedHub, FeedSubscription } from './feeds/feed-hub';
import { TopicCoalescer } from './feeds/topic-coalescer';

/** What a handler knows about the window that asked. */
export interface SessionContext {
  readonly session: CoreSession;
}

/** The handlers of some of the requests, written beside the service that answers them. */
export type HandlerGroup<N extends RequestName> = Pick<RequestHandlers<SessionContext>, N>;

export type EventSender = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export interface CoreSessionOptions {
  /**
   * Shortest time between two topic batches to this window (default 100: at most ten a second). It bounds
   * source-to-screen latency under load from below, so it sits well under the 250 ms the wall may lag.
   */
  coalesceMs?: number;
}

export const defaultCoalesceMs = 100;

export class CoreSession {
  readonly subscription: FeedSubscription;
  /** Which client this window said it is (set by its hello). */
  role = 'unknown';
  /** Topic values offered to this window, sent after coalescing, and batches sent. */
  readonly feedStats = { offered: 0, sent: 0, batches: 0 };
  private readonly coalescer: TopicCoalescer;
  private isClosed = false;

  constructor(
    private readonly handlers: RequestHandlers<SessionContext>,
    hub: FeedHub,
    private readonly sendEvent: EventSender,
    options: CoreSessionOptions = {},
  ) {
    this.coalescer = new TopicCoalescer((values) => this.sendBatch(values), {
      intervalMs: options.coalesceMs ?? defaultCoalesceMs,
    });
    this.subscription = hub.subscribe((values) => this.enqueue(values));
  }

  /** Handles one request by name; throws ProtocolError for anything the caller did wrong. */
  async request(name: string, params: unknown): Promise<unknown> {
    if (this.isClosed) throw new ProtocolError('rejected', 'session is closed');
    if (!isRequestName(name)) throw new ProtocolError('unknown-request', `unknown request '${name}'`);
    return this.dispatch(name, params);
  }

  send<N extends EventName>(name: N, payload: EventPayload<N>): void {
    if (this.isClosed) return;
    // Events are checked before they leave: a malformed event is a core bug, caught here in tests.
    eventSchemas[name].parse(payload);
    this.sendEvent(name, payload);
  }

  close(): void {
    this.isClosed = true;
    this.subscription.dispose();
    this.coalescer.dispose();
  }

  private async dispatch<N extends RequestName>(name: N, params: unknown): Promise<unknown> {
    const parsed = requestSchemas[name].params.safeParse(params ?? {});
    if (!parsed.success) throw new ProtocolError('bad-request', `${name}: ${describeIssues(parsed.error)}`);
    const handler = this.handlers[name] as (params: unknown, context: SessionContext) => Promise<unknown>;
    return handler(parsed.data, { session: this });
  }

  private enqueue(values: readonly TopicValue[]): void {
    this.feedStats.offered += values.length;
    this.coalescer.offer(values);
  }

  private sendBatch(values: TopicValue[]): void {
    this.feedStats.sent += values.length;
    this.feedStats.batches++;
    this.send('topic.updated', { values });
  }
}
