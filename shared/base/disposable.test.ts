// Disposables: released once, and a store releases everything it holds, even what arrives after its owner closed.
import { describe, expect, it, vi } from 'vitest';
import { DisposableStore, toDisposable } from './disposable';

describe('toDisposable', () => {
  it('releases once however often it is disposed', () => {
    const release = vi.fn();
    const disposable = toDisposable(release);
    disposable.dispose();
    disposable.dispose();
    expect(release).toHaveBeenCalledTimes(1);
  });
});

describe('DisposableStore', () => {
  it('releases everything it holds, in the order added, once', () => {
    const store = new DisposableStore();
    const released: string[] = [];
    store.add(toDisposable(() => released.push('first')));
    store.add(toDisposable(() => released.push('second')));
    store.dispose();
    store.dispose();
    expect(released).toEqual(['first', 'second']);
    expect(store.isDisposed).toBe(true);
  });

  it('releases at once what is added after it was disposed, so nothing outlives its owner', () => {
    const store = new DisposableStore();
    store.dispose();
    const release = vi.fn();
    store.add(toDisposable(release));
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('stays usable after clear()', () => {
    const store = new DisposableStore();
    const first = vi.fn();
    const second = vi.fn();
    store.add(toDisposable(first));
    store.clear();
    store.add(toDisposable(second));
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
    expect(store.isDisposed).toBe(false);
  });
});
