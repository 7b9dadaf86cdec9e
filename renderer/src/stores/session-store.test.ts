// The session store owns what it registers on the core client: a restart or stop leaves no listener behind.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { ConnectionStatus, CoreClient } from '../transport/core-client';
import { useSessionStore } from './session-store';

/** A client that counts its live listeners and answers nothing (the hello stays pending). */
function countingClient() {
  let live = 0;
  const subscribe = () => {
    live++;
    let isLive = true;
    return () => {
      if (isLive) live--;
      isLive = false;
    };
  };
  const client = {
    status: 'open' as ConnectionStatus,
    request: vi.fn(() => new Promise(() => undefined)),
    on: vi.fn(subscribe),
    onStatusChanged: vi.fn(subscribe),
    close: vi.fn(),
  } as unknown as CoreClient;
  return { client, live: () => live };
}

describe('useSessionStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('releases every listener it registered on the client when stopped', () => {
    const { client, live } = countingClient();
    const session = useSessionStore();
    session.start(client, 'console');
    // wall.stateChanged, scenario.listChanged, scenario.suggestionsChanged, auth.sessionEnded, auth.locked,
    // auth.unlocked, the status.
    expect(live()).toBe(7);
    session.stop();
    expect(live()).toBe(0);
  });

  it('releases the first client’s listeners when started again with another', () => {
    const first = countingClient();
    const second = countingClient();
    const session = useSessionStore();
    session.start(first.client, 'wall', 'display-1');
    session.start(second.client, 'wall', 'display-1');
    expect(first.live()).toBe(0);
    expect(second.live()).toBe(7);
  });

  it('sends a leader view nobody signed in to the login page, as the console, but not a wall window', async () => {
    const anonymous = { kind: 'none', user: null, expiresAt: null, notice: null };
    const answering = () => {
      const { client } = countingClient();
      (client.request as ReturnType<typeof vi.fn>).mockImplementation(async (name: string) =>
        name === 'auth.me' ? anonymous : new Promise(() => undefined),
      );
      return client;
    };
    const leader = useSessionStore();
    leader.start(answering(), 'leader');
    await vi.waitFor(() => expect(leader.needsLogin).toBe(true));

    setActivePinia(createPinia());
    const wall = useSessionStore();
    const wallClient = answering();
    wall.start(wallClient, 'wall', 'left');
    await vi.waitFor(() =>
      expect(wallClient.request).toHaveBeenCalledWith('session.hello', expect.anything()),
    );
    expect(wall.needsLogin).toBe(false);
  });
});
