// Resolving a tile's camera (and the next patrol camera) to a stream URL and handing it to the tile's players;
// a failed resolve retries with the players' backoff, and an answer for an older request is dropped.
import { shallowRef } from 'vue';
import type { StreamProfile } from './choose-profile';
import type { PlayerSwitcher } from './player-switcher';
import { reconnectDelay } from './reconnect-delay';
import type { TilePlayerSource, TilePlayerStatus } from './tile-player';

/** One camera of a tile: what to show, or what to prefetch. */
export interface TileCamera {
  readonly id: string;
  readonly name: string;
}

/** What stream resolution needs of its tile. */
export interface StreamResolutionSource {
  readonly camera: () => TileCamera;
  /** The camera expected next (patrol), played hidden so the change shows no black gap. */
  readonly nextCamera: () => TileCamera | null | undefined;
  readonly profile: () => StreamProfile;
  /** Whether the tile may hold players now (active and on screen). */
  readonly isActive: () => boolean;
  readonly resolve: (cameraId: string, profile: StreamProfile) => Promise<TilePlayerSource>;
  /** The tile's players, created on first use. */
  readonly switcher: () => PlayerSwitcher | null;
  readonly ensureSwitcher: () => PlayerSwitcher | null;
  /** The tile shows (or prefetches) a stream now / no longer: on-demand platforms stop what no tile holds. */
  readonly hold?: (cameraId: string, profile: StreamProfile) => void;
  readonly release?: (cameraId: string, profile: StreamProfile) => void;
}

/** The key of a camera's player in the tile's PlayerSwitcher. */
export function playerKey(cameraId: string, profile: StreamProfile): string {
  return `${cameraId}:${profile}`;
}

/**
 * `show()` resolves the camera's stream and shows it, then prefetches the next camera; `resolveFailure` is the
 * status to show while a resolve fails (null otherwise); `cancel()` drops every answer still to come.
 */
export function useStreamResolution(tile: StreamResolutionSource) {
  const resolveFailure = shallowRef<TilePlayerStatus | null>(null);
  /** Bumped on every change of what to show: a URL resolved for an older request is dropped. */
  let request = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The streams this tile shows or prefetches, by player key. */
  const held = new Map<string, readonly [string, StreamProfile]>();

  const keyOf = (cameraId: string) => playerKey(cameraId, tile.profile());

  /** Holds `keep` (camera ids in the current profile) and lets go of every other stream the tile held. */
  function holdOnly(keep: readonly string[]): void {
    const profile = tile.profile();
    const wanted = new Set(keep.map((cameraId) => playerKey(cameraId, profile)));
    for (const [key, [cameraId, heldProfile]] of [...held]) {
      if (wanted.has(key)) continue;
      held.delete(key);
      tile.release?.(cameraId, heldProfile);
    }
    for (const cameraId of keep) {
      const key = playerKey(cameraId, profile);
      if (held.has(key)) continue;
      held.set(key, [cameraId, profile]);
      tile.hold?.(cameraId, profile);
    }
  }

  /** Resolves the camera's stream and shows it; a failed resolve retries with the players' backoff. */
  async function show(attempt = 0): Promise<void> {
    const current = ++request;
    const cameraId = tile.camera().id;
    let source: TilePlayerSource;
    try {
      source = await tile.resolve(cameraId, tile.profile());
    } catch (error) {
      if (current !== request) return;
      const next = attempt + 1;
      resolveFailure.value = {
        state: 'error',
        reconnectAttempt: next,
        reconnectCount: attempt,
        lastFrameAt: null,
        codec: null,
        detail: error instanceof Error ? error.message : String(error),
      };
      retryTimer = setTimeout(() => void show(next), reconnectDelay(next));
      return;
    }
    if (current !== request || !tile.isActive()) return;
    resolveFailure.value = null;
    holdOnly([cameraId]);
    tile.ensureSwitcher()?.show(keyOf(cameraId), source);
    void prefetchNext(current);
  }

  /** Starts the next camera hidden, unless a newer request came since `current` (default: the latest). */
  async function prefetchNext(current = request): Promise<void> {
    const next = tile.nextCamera();
    if (!next || next.id === tile.camera().id) {
      // At a patrol change the next camera becomes the camera: its prefetched player is what show() will use.
      tile.switcher()?.cancelPrefetch(keyOf(tile.camera().id));
      return;
    }
    try {
      const source = await tile.resolve(next.id, tile.profile());
      if (current === request && tile.isActive()) {
        holdOnly([tile.camera().id, next.id]);
        tile.switcher()?.prefetch(keyOf(next.id), source);
      }
    } catch {
      // The next camera is only a head start; showing it later will resolve (and report) again.
    }
  }

  /** Stops a pending retry (before a new `show()`). */
  function stopRetry(): void {
    clearTimeout(retryTimer);
  }

  /** Drops every answer still to come and any retry, and forgets a failure. */
  function cancel(): void {
    request++;
    stopRetry();
    resolveFailure.value = null;
    holdOnly([]);
  }

  return { resolveFailure, show, prefetchNext, stopRetry, cancel };
}
