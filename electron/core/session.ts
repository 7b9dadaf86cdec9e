// One window's connection to the core: validates each request at entry, dispatches it to its handler,
// and sends events — topic updates coalesced to a few batches a second.
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

/** What a handler knows about the window that asked. */
export interface SessionContext {
  readonly session: CoreSession;
}

/** The handlers of some of the requests, written beside the service that answers them. */
export type HandlerGroup<N extends RequestName> = Pick<RequestHandlers<SessionContext>, N>;

export type EventSender = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export interface CoreSessionOptions {
  /** Milliseconds between two topic batches to this window (default 250: four batches a second). */
  coalesceMs?: number;
}

export class CoreSession {
  readonly subscription: FeedSubscription;
  /** Which client this window said it is (set by its hello). */
  role = 'unknown';
  /** Topic values offered to this window, sent after coalescing, and batches sent. */
  readonly feedStats = { offered: 0, sent: 0, batches: 0 };
  private pending = new Map<string, TopicValue>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private isClosed = false;

  constructor(
    private readonly handlers: RequestHandlers<SessionContext>,
    hub: FeedHub,
    private readonly sendEvent: EventSender,
    private readonly options: CoreSessionOptions = {},
  ) {
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
    clearTimeout(this.flushTimer);
    this.subscription.dispose();
    this.pending.clear();
  }

  private async dispatch<N extends RequestName>(name: N, params: unknown): Promise<unknown> {
    const parsed = requestSchemas[name].params.safeParse(params ?? {});
    if (!parsed.success) throw new ProtocolError('bad-request', `${name}: ${describeIssues(parsed.error)}`);
    const handler = this.handlers[name] as (params: unknown, context: SessionContext) => Promise<unknown>;
    return handler(parsed.data, { session: this });
  }

  private enqueue(values: readonly TopicValue[]): void {
    this.feedStats.offered += values.length;
    for (const value of values) this.pending.set(value.topic, value);
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.coalesceMs ?? 250);
  }

  private flush(): void {
    this.flushTimer = undefined;
    if (this.pending.size === 0) return;
    const values = [...this.pending.values()];
    this.pending = new Map();
    this.feedStats.sent += values.length;
    this.feedStats.batches++;
    this.send('topic.updated', { values });
  }
}
