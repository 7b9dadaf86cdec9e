// The transports' fan-out: only valid events reach listeners, each until it unsubscribes or the client closes.
import { describe, expect, it, vi } from 'vitest';
import { EventFanout } from './event-fanout';

describe('EventFanout', () => {
  it('hands a valid event to its listeners until they unsubscribe, and drops a malformed one', () => {
    const fanout = new EventFanout();
    const listener = vi.fn();
    const stop = fanout.on('window.visibilityChanged', listener);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fanout.emit('window.visibilityChanged', { isShown: false });
    fanout.emit('window.visibilityChanged', { isShown: 'yes' });
    stop();
    fanout.emit('window.visibilityChanged', { isShown: true });
    expect(listener.mock.calls).toEqual([[{ isShown: false }]]);
  });

  it('tells status listeners of each change once, and no one after it is disposed', () => {
    const fanout = new EventFanout();
    const seen: string[] = [];
    fanout.onStatusChanged((status) => seen.push(status));
    fanout.on('window.visibilityChanged', (event) => seen.push(String(event.isShown)));
    fanout.setStatus('open');
    fanout.setStatus('open');
    fanout.setStatus('closed');
    fanout.dispose();
    fanout.setStatus('reconnecting');
    fanout.emit('window.visibilityChanged', { isShown: true });
    expect(seen).toEqual(['open', 'closed']);
  });
});
