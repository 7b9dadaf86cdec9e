// Whether a tile's picture has stopped moving: marked within seconds, long before the stall watchdog gives up
// on the connection, with the last frame kept (greyed) on a canvas so a frozen frame never looks live.
import { computed, ref, watch, type Ref } from 'vue';
import type { SwitcherView } from './player-switcher';
import type { TilePlayer } from './tile-player';

/** What the frozen-picture check needs of its tile. */
export interface FrozenPictureSource {
  /** The tile's stall timeout (ms): a picture is frozen after half of it, 3 s at most. */
  readonly stallTimeoutMs: () => number;
  /** The canvas that keeps the last picture. */
  readonly still: Readonly<Ref<HTMLCanvasElement | null>>;
  /** Whose picture the tile shows, and its player's status. */
  readonly view: Readonly<Ref<SwitcherView>>;
}

/**
 * `isFrozen`: the player still says `playing`, but no new frame arrived for `frozenAfterMs`. `hasStill`: the
 * last picture is kept on the still canvas, so the frozen frame outlives the player's teardown. `check()` runs
 * once a second; another picture on screen (a new camera or profile, or frames back) ends both.
 */
export function useFrozenPicture(source: FrozenPictureSource) {
  /**
   * A picture that has not changed for this long is frozen: the tile says so long before the stall watchdog
   * gives up on the connection (10 s by default), because a still frame with a live look misleads the operator.
   */
  const frozenAfterMs = computed(() => Math.min(3_000, source.stallTimeoutMs() / 2));
  const isFrozen = ref(false);
  const hasStill = ref(false);

  /** Whether the shown player's picture still moves; keeps its last frame the moment it stops. */
  function check(player: TilePlayer | null): void {
    const current = player?.status;
    if (!player || current?.state !== 'playing') return;
    const isStale = current.lastFrameAt !== null && Date.now() - current.lastFrameAt >= frozenAfterMs.value;
    if (isStale && !isFrozen.value) keepStill(player.video);
    isFrozen.value = isStale;
    if (!isStale) hasStill.value = false;
  }

  /** Copies the frame on screen to the still canvas, where it stays (greyed) after the player lets go of it. */
  function keepStill(video: HTMLVideoElement): void {
    const canvas = source.still.value;
    if (!canvas || video.videoWidth === 0 || video.videoHeight === 0) return;
    try {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext('2d');
      if (!context) return;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      hasStill.value = true;
    } catch {
      // No copy (a test DOM, a lost frame): the tile still says 画面停滞, over a dark panel instead.
    }
  }

  /** The tile holds no player any more: nothing is frozen, nothing kept. */
  function reset(): void {
    isFrozen.value = false;
    hasStill.value = false;
  }

  // Another picture on screen (a new camera or profile took over, or frames came back): no longer the old still.
  watch(
    () => [source.view.value.key, source.view.value.status?.state],
    ([key, playerState], [oldKey]) => {
      if (key !== oldKey || playerState === 'playing') {
        isFrozen.value = false;
        if (key !== oldKey) hasStill.value = false;
      }
    },
  );

  return { isFrozen, hasStill, check, reset };
}
