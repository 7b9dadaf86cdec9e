// A manual LiveStreamClock for unit tests: streams and idle timers move only when the test says so.
import type { LiveStreamClock } from '../../../electron/core/demo/media/live-stream';

/** A manual clock: time moves only in advance(), firing due timers in order (late if asked to). */
export class FakeClock implements LiveStreamClock {
  time = 1000;
  private timers: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  schedule(callback: () => void, delayMs: number): () => void {
    const timer = { at: this.time + delayMs, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((entry) => entry !== timer);
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.callback();
    }
    this.time = target;
  }

  /** Moves time forward without firing anything (a blocked event loop), then fires what is due. */
  block(ms: number): void {
    this.time += ms;
    this.advance(0);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}
