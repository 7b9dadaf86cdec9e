// Loops a parsed FLV clip forever as a real-time live stream with a key-frame (GOP) cache for new viewers.

import { encodeAmf0, rewriteMetadataForLive } from './amf0';
import { FlvTagType, type FlvFile, type FlvTag } from './flv-parser';
import { writeFlvHeader, writeFlvTag } from './flv-writer';

/**
 * Lifecycle of a stream.
 * - `idle`: created, no timer yet (streams start on first use).
 * - `running`: producing tags in real time, with or without viewers.
 * - `stalled`: fault injection; connections stay open but nothing is sent until `resume()`.
 * - `stopped`: fault injection; viewers were disconnected and new ones are refused until `restart()`.
 */
export type LiveStreamState = 'idle' | 'running' | 'stalled' | 'stopped';

/** Time source and timer, injectable so tests can drive a stream without real time passing. */
export interface LiveStreamClock {
  /** Monotonic milliseconds (default `performance.now()`). */
  now(): number;
  /** Calls `callback` after about `delayMs`; returns a function that cancels it. */
  schedule(callback: () => void, delayMs: number): () => void;
}

/** Options of a LiveStream. */
export interface LiveStreamOptions {
  readonly clock?: LiveStreamClock;
  /**
   * How late the producer may fall behind real time before it stops catching up (default 1000 ms).
   * Within this, late tags are sent at once so the stream stays in real time; beyond it (a suspended
   * process, a long event-loop block) the stream resumes from where it was instead of bursting seconds
   * of media at the viewers.
   */
  readonly maxCatchUpMs?: number;
  /**
   * Wall-clock source for send-time tags (default `Date.now`). With `sendsClockTags` on, the stream writes an `onTianmuClock { sentAt }` script tag before every key frame (and one to each new
   * viewer), so a player can measure live latency against the time the server sent the frames.
   */
  readonly wallClock?: () => number;
  /** Whether to send `onTianmuClock` script tags (default false; the demo media server turns them on). */
  readonly sendsClockTags?: boolean;
}

/** Name of the script tag that carries the server's send time (ms since epoch) as `{ sentAt }`. */
export const clockTagName = 'onTianmuClock';

/** Thrown by `subscribe()` while the stream is stopped. */
export class LiveStreamStoppedError extends Error {
  override readonly name = 'LiveStreamStoppedError';
  constructor(readonly streamId: string) {
    super(`live stream ${streamId} is stopped`);
  }
}

/** Receives FLV bytes: the first call is the FLV header, then one complete FLV tag per call. */
export type LiveStreamWriter = (chunk: Buffer) => void;

/** Real timers and the monotonic clock; timers are unref'd so an idle stream never keeps Node alive. */
export const realClock: LiveStreamClock = {
  now: () => performance.now(),
  schedule(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

interface Subscriber {
  readonly write: LiveStreamWriter;
  readonly end: (() => void) | undefined;
  /** True until the first key frame reaches this viewer: a decoder cannot start on a delta frame. */
  waitingForKeyframe: boolean;
}

/** Fallback frame interval when a clip has fewer than two video frames (25 fps). */
const defaultFrameIntervalMs = 40;

/**
 * An endless live stream made from one clip, paced in real time like a camera behind a media server
 * (ZLMediaKit/SRS style).
 *
 * Timestamps continue monotonically across loops: each loop is offset by the clip's duration plus one
 * frame interval. The AVC sequence header and the onMetaData tag (rewritten as live: duration 0) are kept
 * aside, and the tags from the latest key frame onwards (the current GOP) are cached, so a new viewer
 * receives FLV header, metadata, sequence header(s), the cached GOP starting on a key frame, then live
 * tags — and can start decoding immediately.
 */
export class LiveStream {
  /** Duration of one loop in ms (clip span plus one frame interval); the timestamp offset per loop. */
  readonly loopDurationMs: number;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;

  private readonly clock: LiveStreamClock;
  private readonly maxCatchUpMs: number;
  private readonly wallClock: (() => number) | undefined;
  private readonly header: Buffer;
  private readonly metadata: Buffer | undefined;
  private videoSequenceHeader: FlvTag | undefined;
  private readonly audioSequenceHeader: FlvTag | undefined;
  /** The clip's audio/video tags without configuration records or end-of-sequence markers. */
  private media: readonly FlvTag[];
  /** A clip waiting to replace `media` at its next key frame (replaceClip). */
  private pending: { media: readonly FlvTag[]; videoSequenceHeader: FlvTag | undefined } | undefined;
  /** Per media tag: its timestamp relative to the first media tag. */
  private readonly offsets: readonly number[];
  /** Per media tag: when it is due, relative to the loop start (non-decreasing, unlike interleaved A/V). */
  private readonly dueTimes: readonly number[];

  private readonly subscribers = new Set<Subscriber>();
  private currentState: LiveStreamState = 'idle';
  private cancelTimer: (() => void) | undefined;
  /** Clock time at which loop 0's media time 0 was (or would have been) due. */
  private anchor = 0;
  private started = false;
  private index = 0;
  private loop = 0;
  private gopCache: Buffer[] = [];
  private gopStartTimestamp = 0;

  constructor(
    readonly id: string,
    clip: FlvFile,
    options: LiveStreamOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.maxCatchUpMs = options.maxCatchUpMs ?? 1000;
    this.wallClock = options.sendsClockTags ? (options.wallClock ?? Date.now) : undefined;

    const media = clip.tags.filter(
      (tag) => tag.type !== FlvTagType.script && !tag.isSequenceHeader && !tag.isEndOfSequence,
    );
    if (media.length === 0) throw new Error(`clip for live stream ${id} has no audio or video frames`);
    this.media = media;
    this.hasVideo = media.some((tag) => tag.type === FlvTagType.video);
    this.hasAudio = media.some((tag) => tag.type === FlvTagType.audio);
    // Announce only the tracks that really exist: players wait for every announced track.
    this.header = writeFlvHeader({ hasVideo: this.hasVideo, hasAudio: this.hasAudio });
    this.videoSequenceHeader = clip.tags.find((tag) => tag.type === FlvTagType.video && tag.isSequenceHeader);
    this.audioSequenceHeader = clip.tags.find((tag) => tag.type === FlvTagType.audio && tag.isSequenceHeader);
    const script = clip.tags.find((tag) => tag.type === FlvTagType.script);
    this.metadata = script ? rewriteMetadataForLive(script.data) : undefined;

    const first = media[0]!.timestamp;
    this.offsets = media.map((tag) => Math.max(0, tag.timestamp - first));
    let due = 0;
    this.dueTimes = this.offsets.map((offset) => (due = Math.max(due, offset)));
    this.loopDurationMs = due + frameInterval(media);
  }

  /** Current lifecycle state. */
  get state(): LiveStreamState {
    return this.currentState;
  }

  /** Number of subscribed viewers. */
  get viewers(): number {
    return this.subscribers.size;
  }

  /** Timestamp (ms) the next emitted tag will carry; useful for tests and diagnostics. */
  get nextTimestamp(): number {
    return this.loop * this.loopDurationMs + this.offsets[this.index]!;
  }

  /**
   * Adds a viewer. `write` is called synchronously with the FLV header, metadata, sequence header(s) and
   * the cached GOP, then once per live tag. `end` is called if the stream is stopped or restarted (the
   * viewer's connection should be closed then). Starts the stream if it was idle. Returns an unsubscribe
   * function. Throws LiveStreamStoppedError while stopped.
   */
  subscribe(write: LiveStreamWriter, end?: () => void): () => void {
    if (this.currentState === 'stopped') throw new LiveStreamStoppedError(this.id);
    if (this.currentState === 'idle') this.start();

    const subscriber: Subscriber = { write, end, waitingForKeyframe: this.hasVideo };
    const timestamp = this.gopCache.length > 0 ? this.gopStartTimestamp : this.nextTimestamp;
    write(this.header);
    if (this.metadata) write(writeFlvTag(FlvTagType.script, timestamp, this.metadata));
    if (this.videoSequenceHeader)
      write(writeFlvTag(FlvTagType.video, timestamp, this.videoSequenceHeader.data));
    if (this.audioSequenceHeader)
      write(writeFlvTag(FlvTagType.audio, timestamp, this.audioSequenceHeader.data));
    if (this.gopCache.length > 0) {
      for (const chunk of this.gopCache) write(chunk);
      subscriber.waitingForKeyframe = false;
      // After the cached GOP, so the first frames a viewer sees are still header → metadata → key frame.
      const clockTag = this.clockTag(this.nextTimestamp);
      if (clockTag) write(clockTag);
    }
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  /**
   * Switches the stream to another clip of the same shape (same number of frames at the same timestamps, e.g. a
   * PTZ camera's next view) at the new clip's next key frame: viewers stay connected and timestamps run on, as
   * when a camera's head turns. A differing AVC sequence header is sent before the switch. Throws for a clip of
   * another shape (the stream's pacing is the first clip's).
   */
  replaceClip(clip: FlvFile): void {
    const media = clip.tags.filter(
      (tag) => tag.type !== FlvTagType.script && !tag.isSequenceHeader && !tag.isEndOfSequence,
    );
    const first = media[0]?.timestamp ?? 0;
    const isSameShape =
      media.length === this.media.length &&
      media.every((tag, index) => Math.max(0, tag.timestamp - first) === this.offsets[index]);
    if (!isSameShape) throw new Error(`clip for live stream ${this.id} differs in frames or timing`);
    this.pending = {
      media,
      videoSequenceHeader: clip.tags.find((tag) => tag.type === FlvTagType.video && tag.isSequenceHeader),
    };
  }

  /** Fault injection: disconnect every viewer (their `end` is called) and refuse new ones until restart(). */
  stop(): void {
    this.halt();
    this.currentState = 'stopped';
    this.endSubscribers();
    this.gopCache = [];
  }

  /**
   * Fault injection: keep every connection open but send nothing until resume(), like a camera that stops
   * sending while its media server keeps the session. New viewers are accepted and get the headers and the
   * cached GOP, then nothing.
   */
  stall(): void {
    if (this.currentState !== 'running' && this.currentState !== 'idle') return;
    this.halt();
    this.currentState = 'stalled';
  }

  /**
   * Ends a stall. The stream continues with the next tag and timestamps continue without a gap (as if the
   * network had paused), so viewers keep decoding without waiting for a key frame.
   */
  resume(): void {
    if (this.currentState !== 'stalled') return;
    if (!this.started) {
      this.start();
      return;
    }
    this.anchor = this.clock.now() - this.dueTime();
    this.currentState = 'running';
    this.pump();
  }

  /**
   * Fault injection: a new publishing session, as when a camera reconnects to its media server. Current
   * viewers are disconnected (their `end` is called), the clip restarts from its beginning with timestamps
   * from 0, and the stream runs again.
   */
  restart(): void {
    this.halt();
    this.endSubscribers();
    this.gopCache = [];
    this.index = 0;
    this.loop = 0;
    this.started = false;
    this.start();
  }

  /** Stops the timer and disconnects every viewer; used when the server closes. Same as stop(). */
  close(): void {
    this.stop();
  }

  private start(): void {
    this.started = true;
    this.currentState = 'running';
    this.anchor = this.clock.now() - this.dueTime();
    this.pump();
  }

  private halt(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private endSubscribers(): void {
    const subscribers = [...this.subscribers];
    this.subscribers.clear();
    for (const subscriber of subscribers) subscriber.end?.();
  }

  /** Media time at which the next tag is due, relative to `anchor`. */
  private dueTime(): number {
    return this.loop * this.loopDurationMs + this.dueTimes[this.index]!;
  }

  /** Sends every tag that is due by now, then sleeps until the next one. */
  private pump(): void {
    this.cancelTimer = undefined;
    if (this.currentState !== 'running') return;
    let elapsed = this.clock.now() - this.anchor;
    // Too far behind (timer starved, process suspended): resume from here rather than burst.
    if (elapsed - this.dueTime() > this.maxCatchUpMs) {
      this.anchor += elapsed - this.dueTime();
      elapsed = this.dueTime();
    }
    while (this.dueTime() <= elapsed) {
      this.switchIfDue();
      this.emit(this.media[this.index]!, this.nextTimestamp);
      this.index += 1;
      if (this.index === this.media.length) {
        this.index = 0;
        this.loop += 1;
      }
    }
    const delay = Math.max(1, Math.ceil(this.dueTime() - elapsed));
    this.cancelTimer = this.clock.schedule(() => this.pump(), delay);
  }

  /** Takes the pending clip when its tag at the current position is a key frame. */
  private switchIfDue(): void {
    const pending = this.pending;
    const next = pending?.media[this.index];
    if (!pending || !next || next.type !== FlvTagType.video || !next.isKeyframe) return;
    this.pending = undefined;
    this.media = pending.media;
    const header = pending.videoSequenceHeader;
    if (!header || (this.videoSequenceHeader && header.data.equals(this.videoSequenceHeader.data))) return;
    this.videoSequenceHeader = header;
    const chunk = writeFlvTag(FlvTagType.video, this.nextTimestamp, header.data);
    for (const subscriber of this.subscribers) subscriber.write(chunk);
  }

  /** An `onTianmuClock { sentAt }` script tag carrying the wall-clock send time, or undefined when off. */
  private clockTag(timestamp: number): Buffer | undefined {
    if (!this.wallClock) return undefined;
    return writeFlvTag(
      FlvTagType.script,
      timestamp,
      encodeAmf0([clockTagName, { sentAt: this.wallClock() }]),
    );
  }

  private emit(tag: FlvTag, timestamp: number): void {
    const chunk = writeFlvTag(tag.type, timestamp, tag.data);
    const isKeyframe = tag.type === FlvTagType.video && tag.isKeyframe;
    if (isKeyframe) {
      this.gopCache = [chunk];
      this.gopStartTimestamp = timestamp;
    } else if (this.gopCache.length > 0) {
      this.gopCache.push(chunk);
    }
    // Not cached: a send time is only true for the viewers it is sent to now.
    const clockTag = isKeyframe ? this.clockTag(timestamp) : undefined;
    for (const subscriber of this.subscribers) {
      if (subscriber.waitingForKeyframe) {
        if (!isKeyframe) continue;
        subscriber.waitingForKeyframe = false;
      }
      try {
        if (clockTag) subscriber.write(clockTag);
        subscriber.write(chunk);
      } catch {
        // A broken viewer must not stop the stream for everyone else: drop just that one.
        this.subscribers.delete(subscriber);
        subscriber.end?.();
      }
    }
  }
}

/** Typical frame interval of the clip's video (median of positive deltas), for the loop gap. */
function frameInterval(media: readonly FlvTag[]): number {
  const video = media.filter((tag) => tag.type === FlvTagType.video);
  const deltas: number[] = [];
  for (let index = 1; index < video.length; index++) {
    const delta = video[index]!.timestamp - video[index - 1]!.timestamp;
    if (delta > 0) deltas.push(delta);
  }
  if (deltas.length === 0) return defaultFrameIntervalMs;
  deltas.sort((a, b) => a - b);
  return deltas[Math.floor(deltas.length / 2)]!;
}
