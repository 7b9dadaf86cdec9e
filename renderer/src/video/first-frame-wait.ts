// Which players of this page still wait for their first picture.
//
// A starting tile jumps over the media server's key-frame cache (latency-control.ts), and the jump makes the
// decoder decode that GOP a second time. At a scenario switch 32 tiles did so on two cores while others still
// waited for their first frame: the last picture of a switch came up to 0.3 s later (bench:switch p95 947 ms
// with the jumps at once, 697 ms without them). So a tile holds its jump while any other tile of the page is
// still waiting, and jumps the moment the last one shows a picture.

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
