// The connect → watch → fail → back off → reconnect loop every connection-based adapter shares, with a
// silence watchdog for half-open connections (a dead peer whose socket never reports an error).
import type { BackoffOptions } from '@shared/model/source';
import type { SourceSink } from '../source-sink';
import { Backoff } from '@shared/base/backoff';

/** One live connection attempt, as a subclass opens it. */
export interface Connection {
  /** Closes it for good (no further events are acted on). */
  close(): void;
}

export interface ConnectionCallbacks {
  /** The connection is up (or the first message came): the backoff starts over. */
  opened(): void;
  /** Anything arrived: the silence watchdog is re-armed. */
  alive(): void;
  /** It failed or closed: reconnect after the next backoff delay. */
  failed(error: string): void;
}

export interface ReconnectingOptions {
  backoff: BackoffOptions;
  /** Silence after which the connection is treated as half-open and replaced (0: never). */
  silenceTimeoutMs: number;
  /** Called on every watchdog tick (every quarter of the silence timeout, at least each second). */
  onTick?: () => void;
  random?: () => number;
}

export class ReconnectingConnection {
  private connection: Connection | undefined;
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastSignAt = 0;
  private isStopped = true;
  private readonly backoff: Backoff;

  constructor(
    private readonly sink: SourceSink,
    private readonly options: ReconnectingOptions,
    private readonly open: (callbacks: ConnectionCallbacks) => Connection,
  ) {
    this.backoff = new Backoff(options.backoff, options.random);
  }

  start(): void {
    if (!this.isStopped) return;
    this.isStopped = false;
    const tick = Math.max(50, Math.min(1_000, this.options.silenceTimeoutMs / 4 || 1_000));
    this.watchdog = setInterval(() => this.tick(), tick);
    this.watchdog.unref?.();
    this.sink.state('connecting');
    this.connect();
  }

  /** Replaces the current connection now (a gap on a one-way stream, an overdue snapshot). */
  restart(reason: string): void {
    if (this.isStopped) return;
    this.drop();
    this.sink.count('reconnects');
    this.sink.state('reconnecting', { error: reason, nextAttemptAt: Date.now() });
    this.connect();
  }

  stop(): void {
    this.isStopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    this.drop();
    this.sink.state('stopped');
  }

  private connect(): void {
    const generation = ++this.generation;
    const isCurrent = () => generation === this.generation && !this.isStopped;
    this.lastSignAt = Date.now();
    try {
      this.connection = this.open({
        opened: () => {
          if (!isCurrent()) return;
          this.backoff.reset();
          this.lastSignAt = Date.now();
          this.sink.state('open');
        },
        alive: () => {
          if (isCurrent()) this.lastSignAt = Date.now();
        },
        failed: (error) => {
          if (isCurrent()) this.scheduleRetry(error);
        },
      });
    } catch (error) {
      this.scheduleRetry((error as Error).message);
    }
  }

  private scheduleRetry(error: string): void {
    this.drop();
    const delay = this.backoff.next();
    this.sink.state('reconnecting', { error, nextAttemptAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      if (this.isStopped) return;
      this.sink.count('reconnects');
      this.connect();
    }, delay);
    this.retryTimer.unref?.();
  }

  private drop(): void {
    this.generation++;
    const connection = this.connection;
    this.connection = undefined;
    try {
      connection?.close();
    } catch {
      // Closing a broken connection may throw; it is gone either way.
    }
  }

  private tick(): void {
    if (this.isStopped || !this.connection) return;
    this.options.onTick?.();
    const silence = Date.now() - this.lastSignAt;
    if (this.options.silenceTimeoutMs > 0 && silence > this.options.silenceTimeoutMs) {
      this.scheduleRetry(`no message or heartbeat for ${Math.round(silence / 1_000)} s (half-open?)`);
    }
  }
}
