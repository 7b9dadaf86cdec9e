// Owning what you open: a listener, timer or connection is registered with its owner and released with it
// (the pattern of VS Code's `Disposable`).

/** Something that holds a resource until `dispose()`; disposing twice does nothing more. */
export interface Disposable {
  dispose(): void;
}

/** A Disposable that runs `release` once, however often it is disposed. */
export function toDisposable(release: () => void): Disposable {
  let isDisposed = false;
  return {
    dispose() {
      if (isDisposed) return;
      isDisposed = true;
      release();
    },
  };
}

/**
 * What an owner has registered, released together: `this.store.add(emitter.on(...))`, then `store.dispose()`
 * in the owner's own close. Anything added after disposal is released at once, so nothing outlives its owner.
 */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Keeps `item` until the store is disposed (or releases it at once if it already is); returns it. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.add(item);
    return item;
  }

  /** Releases everything held, in the order it was added, and refuses to hold anything more. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }

  /** Releases everything held so far; the store stays usable. */
  clear(): void {
    const items = [...this.items];
    this.items.clear();
    for (const item of items) item.dispose();
  }
}
