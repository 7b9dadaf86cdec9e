// The HLS side of one live stream: its segmenter, subscribed to the stream while players read, and
// unsubscribed once no one has read the playlist or a segment for a while.
import { HlsSegmenter } from './hls-segmenter';
import type { LiveStream, LiveStreamClock } from './live-stream';

export interface HlsChannelOptions {
  readonly clock: LiveStreamClock;
  /** No read for this long stops segmenting (default 30 s; HLS players poll every target duration, 1 s). */
  readonly idleTimeoutMs?: number;
  readonly wallClock?: () => number;
}

/**
 * Segmenting costs a TS mux of every frame; a stream polled once by a page that then went away (or by anyone
 * sending eight requests) must not cost it forever. A read starts or keeps segmenting; `idleTimeoutMs` without
 * one suspends it (held segments are dropped, so the next player waits for fresh ones, after an
 * EXT-X-DISCONTINUITY; media sequence numbers run on).
 */
export class HlsChannel {
  readonly segmenter: HlsSegmenter;
  private readonly clock: LiveStreamClock;
  private readonly idleTimeoutMs: number;
  private unsubscribe: (() => void) | null = null;
  private cancelIdleCheck: (() => void) | null = null;
  private lastReadAt = 0;

  constructor(
    private readonly live: LiveStream,
    options: HlsChannelOptions,
  ) {
    this.clock = options.clock;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.segmenter = new HlsSegmenter(options.wallClock ? { wallClock: options.wallClock } : {});
  }

  /** Whether the segmenter is subscribed to the live stream now. */
  get isSegmenting(): boolean {
    return this.unsubscribe !== null;
  }

  /**
   * A player asked for the playlist or a segment: (re)subscribes unless the stream is stopped, and restarts
   * the idle timeout. A stopped or restarted stream ends the subscription (a new publishing session).
   */
  read(): void {
    this.lastReadAt = this.clock.now();
    if (this.unsubscribe || this.live.state === 'stopped') return;
    let isEnded = false;
    const unsubscribe = this.live.subscribe(
      (chunk) => this.segmenter.write(chunk),
      () => {
        isEnded = true;
        this.unsubscribe = null;
        this.stopIdleCheck();
        this.segmenter.endSession();
      },
    );
    if (isEnded) return;
    this.unsubscribe = unsubscribe;
    this.scheduleIdleCheck(this.idleTimeoutMs);
  }

  /** Unsubscribes and ends pending playlist waits (the server is closing). */
  close(): void {
    this.stopIdleCheck();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.segmenter.cancelWaits();
  }

  private scheduleIdleCheck(delayMs: number): void {
    this.cancelIdleCheck = this.clock.schedule(() => {
      this.cancelIdleCheck = null;
      const idleMs = this.clock.now() - this.lastReadAt;
      if (idleMs < this.idleTimeoutMs) return this.scheduleIdleCheck(this.idleTimeoutMs - idleMs);
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.segmenter.suspend();
    }, delayMs);
  }

  private stopIdleCheck(): void {
    this.cancelIdleCheck?.();
    this.cancelIdleCheck = null;
  }
}
