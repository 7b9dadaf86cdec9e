// The typed event: every subscriber is told until it disposes its subscription, and not after.
import { describe, expect, it, vi } from 'vitest';
import { DisposableStore, toDisposable, type Disposable } from './disposable';
import { Emitter } from './emitter';

describe('Emitter', () => {
  it('tells every listener in the order they subscribed, until its subscription is disposed', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    const first = emitter.on((value) => seen.push(`first ${value}`));
    emitter.event((value) => seen.push(`second ${value}`));
    emitter.fire(1);
    first.dispose();
    emitter.fire(2);
    expect(seen).toEqual(['first 1', 'second 1', 'second 2']);
    expect(emitter.size).toBe(1);
  });

  it('counts the same function subscribed twice as two subscriptions, released apart', () => {
    const emitter = new Emitter<string>();
    const listener = vi.fn();
    const once = emitter.on(listener);
    emitter.on(listener);
    emitter.fire('a');
    once.dispose();
    emitter.fire('b');
    expect(listener.mock.calls).toEqual([['a'], ['a'], ['b']]);
  });

  it('skips a listener removed while firing and reaches one added while firing from the next firing', () => {
    const emitter = new Emitter<number>();
    const late = vi.fn();
    const removed = vi.fn();
    let removal: Disposable = toDisposable(() => undefined);
    emitter.on(() => {
      removal.dispose();
      emitter.on(late);
    });
    removal = emitter.on(removed);
    emitter.fire(1);
    expect(removed).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
    emitter.fire(2);
    expect(late).toHaveBeenCalledWith(2);
  });

  it('reaches nobody once disposed, and an owner store releases every subscription it collected', () => {
    const emitter = new Emitter<number>();
    const owner = new DisposableStore();
    const listener = vi.fn();
    owner.add(emitter.on(listener));
    owner.add(emitter.on(listener));
    owner.dispose();
    emitter.fire(1);
    expect(listener).not.toHaveBeenCalled();
    expect(emitter.size).toBe(0);
    emitter.dispose();
    emitter.on(listener);
    emitter.fire(2);
    expect(listener).not.toHaveBeenCalled();
  });
});
