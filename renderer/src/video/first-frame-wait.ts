// Which players of this page still wait for their first picture.
//
// At a scenario switch 16–36 tiles of a page start at once on a machine that may have two cores. A tile that
// has its first picture and plays on decodes 25 frames a second, and a tile that jumps over the media
// server's key-frame cache decodes that GOP a second time — decoder time the tiles still without a picture
// are waiting for. So a starting tile holds its first picture, paused, while any other tile of the page is
// still waiting (TilePlayer caps the hold), and all of them go live the moment the last one has its picture.
// Measured with bench:switch on two cores: p50/p95 698/1,014 ms with neither the hold nor the deferred
// teardown (release-queue.ts); with both, p50 607–630 ms and p95 797–1,067 ms over three runs.

import { Emitter } from '@shared/base/emitter';

const waiting = new Set<object>();
const allFirstFrames = new Emitter<void>();

/** Marks `player` as waiting for its first frame until the returned function is called (idempotent). */
export function waitForFirstFrame(player: object): () => void {
  waiting.add(player);
  let isDone = false;
  return () => {
    if (isDone) return;
    isDone = true;
    waiting.delete(player);
    if (waiting.size === 0) allFirstFrames.fire();
  };
}

/** Whether any player other than `player` still waits for its first frame. */
export function othersWaitForFirstFrame(player: object): boolean {
  return waiting.size > (waiting.has(player) ? 1 : 0);
}

/** Calls `listener` each time the last waiting player has its first frame; returns the function that stops it. */
export function onAllFirstFrames(listener: () => void): () => void {
  const subscription = allFirstFrames.on(listener);
  return () => subscription.dispose();
}

/** The longest a starting tile holds its first picture for other tiles' first frames, ms. */
export const startupHoldMs = 1_000;

/**
 * One player's part in the page's start-up hold. It waits for its first frame (`beginWait` at each new engine,
 * `endWait` once it has one); with its first picture it holds while other players of the page still wait, for
 * `startupHoldMs` at most. `release` runs when the hold may end: when the last waiting player of the page has
 * its picture, and when `startupHoldMs` are over.
 */
export class StartupHold {
  private seen: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly stopListening: () => void;

  constructor(private readonly release: () => void) {
    // The last tile of a switch shows its picture: tiles that held their first picture go live now.
    this.stopListening = onAllFirstFrames(release);
  }

  /** A new engine starts: this player waits for its first frame (again). */
  beginWait(): void {
    this.endWait();
    this.seen = waitForFirstFrame(this);
  }

  /** This player has its first frame, or no longer waits for one (idempotent). */
  endWait(): void {
    const seen = this.seen;
    this.seen = null;
    seen?.();
  }

  /**
   * Whether a player that has played since `playingSince` (ms since epoch) holds its first picture now for
   * other players that still wait for theirs; a timer then calls `release` when the hold is over.
   */
  holds(playingSince: number | null): boolean {
    if (playingSince === null) return false;
    const heldFor = Date.now() - playingSince;
    if (heldFor >= startupHoldMs || !othersWaitForFirstFrame(this)) return false;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.release();
    }, startupHoldMs - heldFor);
    return true;
  }

  /** Ends a hold in progress without calling `release` (the engine is gone). */
  endHold(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops hearing of other players' first frames, and ends this player's wait and hold. */
  dispose(): void {
    this.stopListening();
    this.endWait();
    this.endHold();
  }
}
