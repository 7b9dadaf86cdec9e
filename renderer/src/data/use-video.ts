// Composables for video tiles: the wall's video settings, a patrol cell's live position, snapshots, and the
// settings every live tile of a window shares.
import { computed, type ComputedRef } from 'vue';
import { videoSettingsOf, type WallVideoSettings } from '@shared/model/wall';
import { patrolKey, runningPatrol, type PatrolState } from '@shared/model/patrol';
import { useSessionStore } from '../stores/session-store';
import { useWindowContext } from './context';
import { useStreamResolver } from './use-workspace-data';

/** Latency target and stall timeout of this window's wall (defaults when `wall.json` says nothing). */
export function useVideoSettings(): Required<WallVideoSettings> {
  const context = useWindowContext();
  try {
    return videoSettingsOf(context.wall);
  } catch {
    return videoSettingsOf({});
  }
}

/** Where a patrol cell is (paused, step, since), as the wall state says; running from the epoch by default. */
export function usePatrolState(
  cell: () => { displayId: string; cellIndex: number } | undefined,
): ComputedRef<PatrolState> {
  const session = useSessionStore();
  return computed(() => {
    const address = cell();
    if (!address) return runningPatrol;
    return session.wallState?.patrols?.[patrolKey(address.displayId, address.cellIndex)] ?? runningPatrol;
  });
}

/** Saves a PNG frame (base64) of a camera into the workspace's `snapshots/` folder through the core. */
export function useSnapshotSaver(): (cameraId: string, png: string) => Promise<{ file: string }> {
  const { client } = useWindowContext();
  return (cameraId, png) => client.request('media.snapshot', { cameraId, png });
}

/** Whether tiles open with their statistics overlay (`?videoStats=1` in the window URL). */
export function showsVideoStatistics(): boolean {
  return new URLSearchParams(window.location.search).get('videoStats') === '1';
}

/**
 * What every live video tile of this window shares (latency target, stall timeout, stream resolver, snapshots,
 * statistics overlay), for `<LiveVideoTile v-bind="tileSettings" …>`.
 */
export function useLiveTileSettings() {
  const { latencyTargetMs, stallTimeoutMs } = useVideoSettings();
  const resolver = useStreamResolver();
  return {
    latencyTargetMs,
    stallTimeoutMs,
    resolve: resolver,
    // An object, not the resolver itself (a function): Vue checks the prop's type.
    streamHolds: { hold: resolver.hold, release: resolver.release },
    saveSnapshot: useSnapshotSaver(),
    showsStatistics: showsVideoStatistics(),
  };
}
