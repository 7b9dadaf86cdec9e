// The window's session with the core: the hello (workspace facts), the live wall state and the connection.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Indicator } from '@shared/model/indicator';
import type { WallState } from '@shared/model/wall';
import type { ScenarioSuggestion } from '@shared/model/scenario-pack';
import {
  accessOf,
  mayCall,
  type Caller,
  type ClientRole,
  type HelloResult,
  type RequestName,
  type ScenarioSummary,
  type WhoAmI,
} from '@shared/protocol';
import { DisposableStore, toDisposable } from '@shared/base/disposable';
import type { ConnectionStatus, CoreClient } from '../transport/core-client';

/** Windows people use (they sign in); a wall window is a machine with its own credential. */
export function isPersonWindow(role: ClientRole): boolean {
  return role !== 'wall';
}

export const useSessionStore = defineStore('session', () => {
  const hello = shallowRef<HelloResult | null>(null);
  const wallState = shallowRef<WallState | null>(null);
  /** The core's hash of `wallState` (equal hashes: the wall shows exactly the same thing). */
  const stateHash = ref<string | null>(null);
  /** The scenario list, kept current when packs are imported. */
  const scenarios = shallowRef<ScenarioSummary[]>([]);
  /** Open 平急转换 suggestions (console). */
  const suggestions = shallowRef<ScenarioSuggestion[]>([]);
  const status = ref<ConnectionStatus>('connecting');
  /** Who this window is signed in as (null until the core said). */
  const me = shallowRef<WhoAmI | null>(null);
  /** The console has no session: show the login page (set again when the session ends). */
  const needsLogin = ref(false);
  /** The console's session is locked (no input for the workspace's lock time): the lock screen covers all. */
  const isLocked = ref(false);
  const lastError = ref<string | null>(null);
  /** Milliseconds to add to Date.now() to get the core's clock (ages are computed against source time). */
  const clockOffset = ref(0);
  let client: CoreClient | undefined;
  /** What start() registered on the client, released by stop() and by the next start(). */
  const subscriptions = new DisposableStore();

  const indicatorsById = computed(
    () =>
      new Map<string, Indicator>(
        (hello.value?.indicators ?? []).map((indicator) => [indicator.id, indicator]),
      ),
  );
  const activeScenario = computed(() =>
    scenarios.value.find((scenario) => scenario.id === wallState.value?.scenarioId),
  );

  const caller = computed<Caller>(() => {
    if (me.value?.kind === 'user' && me.value.user) return { kind: 'user', role: me.value.user.role };
    return me.value?.kind === 'machine' ? { kind: 'machine' } : null;
  });
  /** May this window call `name`? The same declarations the core checks (it stays the boundary). */
  function can(name: RequestName): boolean {
    return mayCall(caller.value, accessOf(name));
  }

  async function sayHello(role: ClientRole, displayId?: string) {
    if (!client) return;
    try {
      me.value = await client.request('auth.me', {});
      // A person's window (console, leader view) nobody signed in to goes to the login page; a wall without its
      // credential says so.
      needsLogin.value = isPersonWindow(role) && me.value.kind === 'none';
      // A locked session (also after a reload) asks for nothing more until it is unlocked: the core would refuse.
      isLocked.value = me.value.isLocked;
      if (needsLogin.value || isLocked.value) return;
      const sentAt = Date.now();
      const result = await client.request('session.hello', { role, ...(displayId ? { displayId } : {}) });
      clockOffset.value = result.serverTime - (sentAt + Date.now()) / 2;
      hello.value = result;
      scenarios.value = result.scenarios;
      acceptState(result.state, result.stateHash);
      if (role === 'console' && can('scenario.suggestions')) {
        const open = await client.request('scenario.suggestions', {});
        suggestions.value = open.suggestions;
      }
      lastError.value = null;
    } catch (error) {
      lastError.value = (error as Error).message;
    }
  }

  /** Newer versions only: events and hello answers may cross on the wire. */
  function acceptState(state: WallState, hash: string) {
    if (
      !wallState.value ||
      state.version >= wallState.value.version ||
      state.changedAt > wallState.value.changedAt
    ) {
      wallState.value = state;
      stateHash.value = hash;
    }
  }

  let started: { role: ClientRole; displayId: string | undefined } = {
    role: 'console',
    displayId: undefined,
  };

  /** After signing in over this connection (the Electron bridge): ask for the whole truth again. */
  function restart(): Promise<void> {
    return sayHello(started.role, started.displayId);
  }

  function start(coreClient: CoreClient, role: ClientRole, displayId?: string) {
    stop();
    client = coreClient;
    started = { role, displayId };
    status.value = coreClient.status;
    const keep = (release: () => void) => subscriptions.add(toDisposable(release));
    keep(coreClient.on('wall.stateChanged', ({ state, stateHash: hash }) => acceptState(state, hash)));
    keep(coreClient.on('scenario.listChanged', (payload) => (scenarios.value = payload.scenarios)));
    keep(
      coreClient.on('scenario.suggestionsChanged', (payload) => (suggestions.value = payload.suggestions)),
    );
    keep(
      coreClient.on('auth.sessionEnded', () => {
        me.value = {
          kind: 'none',
          user: null,
          expiresAt: null,
          notice: null,
          isLocked: false,
          lockAfterIdleMs: null,
        };
        needsLogin.value = isPersonWindow(role);
        isLocked.value = false;
        hello.value = null;
      }),
    );
    keep(coreClient.on('auth.locked', () => (isLocked.value = true)));
    keep(
      coreClient.on('auth.unlocked', () => {
        // Unlocked in another window of this session: this one was locked from its start, ask for everything.
        isLocked.value = false;
        void helloAfterUnlock();
      }),
    );
    keep(
      coreClient.onStatusChanged((next) => {
        status.value = next;
        // After a reconnect the core may have restarted: ask again for the whole truth.
        if (next === 'open') void sayHello(role, displayId);
      }),
    );
    void sayHello(role, displayId);
  }

  /** Releases every listener start() registered on the client (the window is closing). */
  function stop() {
    subscriptions.clear();
  }

  /** Unlocks with the password (the core checks it as at sign-in); rejects with the core's answer. */
  async function unlock(password: string): Promise<void> {
    me.value = await requireClient().request('auth.unlock', { password });
    isLocked.value = me.value.isLocked;
    if (!isLocked.value) await helloAfterUnlock();
  }

  let unlockedHello: Promise<void> | null = null;
  /** A console locked since its start never said hello: once (the answer and the auth.unlocked event race). */
  function helloAfterUnlock(): Promise<void> {
    if (hello.value) return Promise.resolve();
    unlockedHello ??= restart().finally(() => (unlockedHello = null));
    return unlockedHello;
  }

  /** The person used this console (pointer, keys): tell the core, whose lock clock starts again. */
  function reportActivity(): void {
    client?.request('auth.activity', {}).then(
      (answer) => (isLocked.value = answer.isLocked),
      () => undefined,
    );
  }

  function requireClient(): CoreClient {
    if (!client) throw new Error('not connected');
    return client;
  }

  return {
    hello,
    wallState,
    stateHash,
    scenarios,
    suggestions,
    status,
    lastError,
    clockOffset,
    indicatorsById,
    activeScenario,
    me,
    caller,
    needsLogin,
    isLocked,
    unlock,
    reportActivity,
    can,
    start,
    restart,
    stop,
    requireClient,
  };
});
