// Teardown work that may wait for an idle moment: the MediaSource and `<video>` of players already stopped.
//
// Destroying a media pipeline blocks Chromium's main thread for ~5 ms while its WebMediaPlayer waits on the
// media thread; at a scenario switch the 16 old tiles of a display held its 16 new tiles back by ~80 ms. A
// disposed player stops at once (connection closed, playback paused, element out of the document, every
// listener gone) and leaves the rest here, which runs when the page is next idle, a second later at most.

/** The longest a release waits, ms. */
export const releaseWithinMs = 1_000;

/** The most a drain forced by `releaseWithinMs` runs before it yields, ms. */
export const forcedDrainMs = 10;

const queue: Array<() => void> = [];
/** Cancels the scheduled drain; null when none is scheduled. */
let cancelScheduled: (() => void) | null = null;

/** Runs `release` when the page is next idle (at most `releaseWithinMs` later). */
export function releaseLater(release: () => void): void {
  queue.push(release);
  schedule();
}

/** Runs every queued release now (for tests). */
export function releasePending(): void {
  cancelScheduled?.();
  cancelScheduled = null;
  while (queue.length > 0) run(queue.shift()!);
}

/** Number of releases still queued. */
export function pendingReleases(): number {
  return queue.length;
}

function schedule(): void {
  if (cancelScheduled || queue.length === 0) return;
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(drain, { timeout: releaseWithinMs });
    cancelScheduled = () => cancelIdleCallback(handle);
  } else {
    const handle = setTimeout(() => drain(null), 0);
    cancelScheduled = () => clearTimeout(handle);
  }
}

/**
 * One release at least, more while the idle period lasts. A drain forced by the timeout (a page that stayed
 * busy) takes `forcedDrainMs` at most and leaves the rest for the next call: 36 releases at once would block
 * the page ~180 ms, perhaps in the middle of the next switch.
 */
function drain(deadline: IdleDeadline | null): void {
  cancelScheduled = null;
  const started = performance.now();
  while (queue.length > 0) {
    run(queue.shift()!);
    if (!deadline) continue;
    const isOver = deadline.didTimeout
      ? performance.now() - started >= forcedDrainMs
      : deadline.timeRemaining() < 5;
    if (isOver) break;
  }
  schedule();
}

function run(release: () => void): void {
  try {
    release();
  } catch (error) {
    console.warn('[release-queue] a release failed', error);
  }
}
