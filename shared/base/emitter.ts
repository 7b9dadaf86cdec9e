// A typed event: listeners subscribe with `on()` and get a Disposable back, so whoever listens can stop —
// and an owner can collect its subscriptions in a DisposableStore.
import { toDisposable, type Disposable } from './disposable';

/** Subscribing to an event: the listener is called on every firing until the returned Disposable is disposed. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  /** One entry per subscription: the same function subscribed twice is called twice, and released apart. */
  private readonly listeners = new Set<{ readonly listener: (value: T) => void }>();
  private disposed = false;

  /** The event to hand out to listeners (keeps `fire` with the owner). */
  readonly event: Event<T> = (listener) => this.on(listener);

  on(listener: (value: T) => void): Disposable {
    if (this.disposed) return toDisposable(() => undefined);
    const entry = { listener };
    this.listeners.add(entry);
    return toDisposable(() => this.listeners.delete(entry));
  }

  /**
   * Calls every listener with `value`, in the order they subscribed. A listener removed while firing is not
   * called; one added while firing is called from the next firing. A listener that throws stops the firing.
   */
  fire(value: T): void {
    if (this.listeners.size === 0) return;
    for (const entry of [...this.listeners]) {
      if (this.listeners.has(entry)) entry.listener(value);
    }
  }

  /** Number of current subscriptions, for tests and diagnostics. */
  get size(): number {
    return this.listeners.size;
  }

  /** Drops every listener; later `on()` calls subscribe nothing and `fire()` reaches nobody. */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
