// The window's session with the core: the hello (workspace facts), the live wall state and the connection.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Indicator } from '@shared/model/indicator';
import type { WallState } from '@shared/model/wall';
import type { ScenarioSuggestion } from '@shared/model/scenario-pack';
import type { ClientRole, HelloResult, ScenarioSummary } from '@shared/protocol';
import { DisposableStore, toDisposable } from '@shared/base/disposable';
import type { ConnectionStatus, CoreClient } from '../transport/core-client';

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

  async function sayHello(role: ClientRole, displayId?: string) {
    if (!client) return;
    try {
      const sentAt = Date.now();
      const result = await client.request('session.hello', { role, ...(displayId ? { displayId } : {}) });
      clockOffset.value = result.serverTime - (sentAt + Date.now()) / 2;
      hello.value = result;
      scenarios.value = result.scenarios;
      acceptState(result.state, result.stateHash);
      if (role === 'console') {
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

  function start(coreClient: CoreClient, role: ClientRole, displayId?: string) {
    stop();
    client = coreClient;
    status.value = coreClient.status;
    const keep = (release: () => void) => subscriptions.add(toDisposable(release));
    keep(coreClient.on('wall.stateChanged', ({ state, stateHash: hash }) => acceptState(state, hash)));
    keep(coreClient.on('scenario.listChanged', (payload) => (scenarios.value = payload.scenarios)));
    keep(
      coreClient.on('scenario.suggestionsChanged', (payload) => (suggestions.value = payload.suggestions)),
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
    start,
    stop,
    requireClient,
  };
});
