// The window's session with the core: the hello (workspace facts), the live wall state and the connection.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Indicator } from '@shared/model/indicator';
import type { WallCommand, WallState } from '@shared/model/wall';
import type { ClientRole, HelloResult } from '@shared/protocol';
import type { ConnectionStatus, CoreClient } from '../transport/core-client';

export const useSessionStore = defineStore('session', () => {
  const hello = shallowRef<HelloResult | null>(null);
  const wallState = shallowRef<WallState | null>(null);
  const status = ref<ConnectionStatus>('connecting');
  const lastError = ref<string | null>(null);
  /** Milliseconds to add to Date.now() to get the core's clock (ages are computed against source time). */
  const clockOffset = ref(0);
  let client: CoreClient | undefined;

  const indicatorsById = computed(
    () =>
      new Map<string, Indicator>(
        (hello.value?.indicators ?? []).map((indicator) => [indicator.id, indicator]),
      ),
  );
  const activeScenario = computed(() =>
    hello.value?.scenarios.find((scenario) => scenario.id === wallState.value?.scenarioId),
  );

  async function sayHello(role: ClientRole, displayId?: string) {
    if (!client) return;
    try {
      const sentAt = Date.now();
      const result = await client.request('session.hello', { role, ...(displayId ? { displayId } : {}) });
      clockOffset.value = result.serverTime - (sentAt + Date.now()) / 2;
      hello.value = result;
      acceptState(result.state);
      lastError.value = null;
    } catch (error) {
      lastError.value = (error as Error).message;
    }
  }

  /** Newer versions only: events and hello answers may cross on the wire. */
  function acceptState(state: WallState) {
    if (
      !wallState.value ||
      state.version >= wallState.value.version ||
      state.changedAt > wallState.value.changedAt
    ) {
      wallState.value = state;
    }
  }

  function start(coreClient: CoreClient, role: ClientRole, displayId?: string) {
    client = coreClient;
    status.value = coreClient.status;
    coreClient.on('wall.stateChanged', ({ state }) => acceptState(state));
    coreClient.onStatusChanged((next) => {
      status.value = next;
      // After a reconnect the core may have restarted: ask again for the whole truth.
      if (next === 'open') void sayHello(role, displayId);
    });
    void sayHello(role, displayId);
  }

  async function execute(command: WallCommand): Promise<void> {
    if (!client) throw new Error('not connected');
    await client.request('wall.command', { command });
  }

  return { hello, wallState, status, lastError, clockOffset, indicatorsById, activeScenario, start, execute };
});
