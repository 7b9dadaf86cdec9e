// Which players of this page still wait for their first picture.
//
// At a scenario switch 16–36 tiles of a page start at once on a machine that may have two cores. A tile that
// has its first picture and plays on decodes 25 frames a second, and a tile that jumps over the media
// server's key-frame cache decodes that GOP a second time — decoder time the tiles still without a picture
// are waiting for. So a starting tile holds its first picture, paused, while any other tile of the page is
// still waiting (TilePlayer caps the hold), and all of them go live the moment the last one has its picture.
// Measured with bench:switch on two cores: p50/p95 698/1,014 ms with neither the hold nor the deferred
// teardown (release-queue.ts); with both, p50 607–630 ms and p95 797–1,067 ms over three runs.

const waiting = new Set<object>();
const listeners = new Set<() => void>();

/** Marks `player` as waiting for its first frame until the returned function is called (idempotent). */
export function waitForFirstFrame(player: object): () => void {
  waiting.add(player);
  let isDone = false;
  return () => {
    if (isDone) return;
    isDone = true;
    waiting.delete(player);
    if (waiting.size === 0) for (const listener of [...listeners]) listener();
  };
}

/** Whether any player other than `player` still waits for its first frame. */
export function othersWaitForFirstFrame(player: object): boolean {
  return waiting.size > (waiting.has(player) ? 1 : 0);
}

/** Calls `listener` each time the last waiting player has its first frame; returns the function that stops it. */
export function onAllFirstFrames(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
