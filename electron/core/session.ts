// One window's connection to the core: checks who may call each request and validates it at entry (the one
// permission check), dispatches it to its handler, and sends events — topic updates coalesced to at most ten
// batches a second.
import {
  ProtocolError,
  mayCall,
  refusalReason,
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
import type { Principal } from '@shared/model/user';
import type { FeedHub, FeedSubscription } from './feeds/feed-hub';
import { TopicCoalescer } from './feeds/topic-coalescer';

/** What a handler knows about the window that asked. */
export interface SessionContext {
  readonly session: CoreSession;
  /**
   * Set by a wrapper that must make a record of the act durable with it (the journal's audit of wall commands).
   * A handler that changes durable state calls it once the act is applied, then waits for it beside its own
   * save: the two flushes overlap instead of adding up, and the answer still waits for both.
   */
  readonly onApplied?: () => Promise<void>;
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

/** Who a connection is, as its host learnt it (a cookie, a start ticket, the wall's machine token, nothing). */
export interface SessionIdentity {
  principal: Principal | null;
  /** The AuthService session token behind a user principal (null for start tickets and machines). */
  authToken?: string | null;
  /** The peer's address (journal actor), e.g. `127.0.0.1` or `ipc`. */
  address?: string;
}

/** What the core does around the permission check: end expired sessions first, journal each refusal. */
export interface SessionGuard {
  /**
   * Before every request: may end the session (expired, revoked) and so change `session.principal`, or lock it
   * (`session.isLocked`).
   */
  refresh(session: CoreSession): void;
  /** Journals a refusal; `reason` is the answer's text (无权限：… or 已锁定：…). */
  refused(session: CoreSession, name: RequestName, reason: string): void;
}

export class CoreSession {
  readonly subscription: FeedSubscription;
  /** Which client this window said it is (set by its hello). */
  role = 'unknown';
  /** Who calls: checked against every request's declared access before its handler runs. */
  principal: Principal | null;
  /** The AuthService session token behind `principal`, when it is a signed-in user's session. */
  authToken: string | null;
  readonly address: string;
  /** Topic values offered to this window, sent after coalescing, and batches sent. */
  readonly feedStats = { offered: 0, sent: 0, batches: 0 };
  private readonly coalescer: TopicCoalescer;
  private isClosed = false;
  private locked = false;
  /** Requests refused since the lock began: journaled once each, as a locked console's widgets retry. */
  private readonly refusedWhileLocked = new Set<RequestName>();

  constructor(
    private readonly handlers: RequestHandlers<SessionContext>,
    hub: FeedHub,
    private readonly sendEvent: EventSender,
    options: CoreSessionOptions = {},
    identity: SessionIdentity = { principal: null },
    private readonly guard?: SessionGuard,
  ) {
    this.principal = identity.principal;
    this.authToken = identity.authToken ?? null;
    this.address = identity.address ?? 'unknown';
    this.coalescer = new TopicCoalescer((values) => this.sendBatch(values), {
      intervalMs: options.coalesceMs ?? defaultCoalesceMs,
    });
    this.subscription = hub.subscribe((values) => this.enqueue(values));
  }

  /** The session is locked (no input for the lock time): public requests only, until auth.unlock. */
  get isLocked(): boolean {
    return this.locked;
  }

  set isLocked(isLocked: boolean) {
    this.locked = isLocked;
    if (!isLocked) this.refusedWhileLocked.clear();
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
    // The one permission check: before validation and the handler, so a refused caller learns nothing more.
    this.guard?.refresh(this);
    const access = requestSchemas[name].access;
    if (!mayCall(this.principal, access)) {
      const reason = `无权限：${refusalReason(this.principal, access)}`;
      this.guard?.refused(this, name, reason);
      throw new ProtocolError('forbidden', `${reason}（${name}）`);
    }
    // A locked console keeps its principal (who is signed in) but may only sign out, unlock or say who it is.
    if (this.isLocked && access !== 'public') {
      const reason = '已锁定：请输入密码解锁';
      if (!this.refusedWhileLocked.has(name)) this.guard?.refused(this, name, reason);
      this.refusedWhileLocked.add(name);
      throw new ProtocolError('locked', `${reason}（${name}）`);
    }
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
