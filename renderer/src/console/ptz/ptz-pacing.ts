// When the console sends PTZ moves and stops: a held direction is re-sent at a steady pace (the core stops a head
// that hears nothing for 500 ms), never faster than every 250 ms, and a stop always follows — on release, on
// blur, on a cancelled pointer, and after 500 ms without input from a key or the wheel — so a lost pointer or
// key-up never leaves a camera turning. Pure: the sender and the clock are given.
import type { PtzDirection } from '@shared/model/camera-platform';

/**
 * Shortest time between two moves: at most four a second (issue 17), with 10 ms to spare so that network jitter
 * never makes the platform count more (at exactly 250 ms it counted 4.03 a second in a run). Well under the
 * core's 750 ms watchdog (electron/core/cameras/ptz-lease.ts): a move later than that (a timer starved on a loaded
 * machine) lets the core stop the head, and the next move starts it again — a stutter, never a head left turning.
 */
export const resendMs = 260;
/** A key or wheel hold with no input for this long is over (its key-up or next notch was lost). */
export const inputIdleMs = 500;

export type PtzSend = (
  command: { type: 'move'; direction: PtzDirection; speed: number } | { type: 'stop' },
) => void;

export interface PacingClock {
  now(): number;
  /** Calls back after `delayMs`; returns a function that cancels it. */
  schedule(callback: () => void, delayMs: number): () => void;
}

export const browserClock: PacingClock = {
  now: () => performance.now(),
  schedule: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    return () => clearTimeout(timer);
  },
};

interface Hold {
  readonly direction: PtzDirection;
  readonly speed: number;
  /**
   * A pointer held on a button is input by itself (pointer capture reports its release or cancel); a key (its
   * auto-repeat) or the wheel (its notches) must keep saying so within `inputIdleMs`.
   */
  readonly isSustained: boolean;
}

export class PtzPacer {
  private hold: Hold | null = null;
  /** The direction the head was last told to move in, or null after a stop (or before any move). */
  private moving: PtzDirection | null = null;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private cancelTick: (() => void) | undefined;
  private cancelIdle: (() => void) | undefined;

  constructor(
    private readonly send: PtzSend,
    private readonly clock: PacingClock = browserClock,
  ) {}

  /** True while a direction is held or the head was told to move and not yet to stop. */
  get isActive(): boolean {
    return this.hold !== null || this.moving !== null;
  }

  /** A direction is pressed (or pressed again: a key's auto-repeat, another wheel notch). */
  press(direction: PtzDirection, speed: number, isSustained: boolean): void {
    this.hold = { direction, speed, isSustained };
    this.armIdle();
    this.pump();
  }

  /** Any input that says the hold goes on (a key repeat without a direction change). */
  input(): void {
    if (this.hold) this.armIdle();
  }

  /** The control was let go, the window lost focus or was hidden, the pointer was cancelled: stop now. */
  release(): void {
    this.hold = null;
    this.cancelTick?.();
    this.cancelTick = undefined;
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    if (this.moving === null) return;
    this.moving = null;
    this.send({ type: 'stop' });
  }

  dispose(): void {
    this.release();
  }

  private armIdle(): void {
    this.cancelIdle?.();
    this.cancelIdle = this.hold?.isSustained
      ? undefined
      : this.clock.schedule(() => this.release(), inputIdleMs);
  }

  /** Sends the held move if its turn has come, and keeps the pace while the hold lasts. */
  private pump(): void {
    const hold = this.hold;
    if (!hold) return;
    const wait = this.lastSentAt + resendMs - this.clock.now();
    if (wait > 0) {
      // A direction change within the pace waits for its slot (it is sent then, as the held direction).
      this.cancelTick ??= this.clock.schedule(() => {
        this.cancelTick = undefined;
        this.pump();
      }, wait);
      return;
    }
    this.lastSentAt = this.clock.now();
    this.moving = hold.direction;
    this.send({ type: 'move', direction: hold.direction, speed: hold.speed });
    this.cancelTick?.();
    this.cancelTick = this.clock.schedule(() => {
      this.cancelTick = undefined;
      this.pump();
    }, resendMs);
  }
}
