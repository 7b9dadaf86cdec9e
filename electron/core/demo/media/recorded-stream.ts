// A demo recording being played (回放): one clip's frames from a recorded time, re-timed for the speed, with seek
// and pause. The demo keeps no real recordings: recorded time t shows the clip at (t mod loop length), which is
// honest for a synthetic demo — the same moment always shows the same frame — and says nothing else.
import { rewriteMetadataForLive } from './amf0';
import { FlvTagType, type FlvFile, type FlvTag } from './flv-parser';
import { writeFlvHeader, writeFlvTag } from './flv-writer';
import {
  LiveStreamStoppedError,
  realClock,
  type LiveStreamClock,
  type LiveStreamWriter,
} from './live-stream';

export type RecordedStreamState = 'running' | 'paused' | 'stopped';

/** While paused the paused picture is sent again this often, so the player's connection and decoder stay up. */
export const pausedFrameIntervalMs = 500;

interface Subscriber {
  readonly write: LiveStreamWriter;
  readonly end: (() => void) | undefined;
  waitingForKeyframe: boolean;
}

/**
 * One playback's stream. Timestamps run on monotonically across seeks, loops and speed changes (the player sees
 * one continuous stream); a speed of 2 sends the clip's frames twice as fast with timestamps half as far apart
 * (re-timed, so the player plays it in real time). A seek continues from the key frame at or before the target.
 */
export class RecordedStream {
  readonly loopDurationMs: number;
  private readonly clock: LiveStreamClock;
  private readonly header: Buffer;
  private readonly metadata: Buffer | undefined;
  private readonly sequenceHeader: FlvTag | undefined;
  private readonly media: readonly FlvTag[];
  /** Per media tag: its time in the clip (ms from the first). */
  private readonly offsets: readonly number[];
  private readonly subscribers = new Set<Subscriber>();
  private currentState: RecordedStreamState = 'running';
  private isStarted = false;
  private cancelTimer: (() => void) | undefined;
  private index = 0;
  /** The timestamp the next tag carries, and the clock time timestamp 0 was due at. */
  private outputTimestamp = 0;
  private anchor = 0;
  private speed = 1;

  constructor(
    readonly id: string,
    clip: FlvFile,
    recordedTime: number,
    options: { readonly clock?: LiveStreamClock } = {},
  ) {
    this.clock = options.clock ?? realClock;
    const media = clip.tags.filter(
      (tag) => tag.type === FlvTagType.video && !tag.isSequenceHeader && !tag.isEndOfSequence,
    );
    if (!media.some((tag) => tag.isKeyframe)) throw new Error(`clip for recording ${id} has no key frame`);
    this.media = media;
    const first = media[0]!.timestamp;
    this.offsets = media.map((tag) => Math.max(0, tag.timestamp - first));
    const last = this.offsets.at(-1)!;
    this.loopDurationMs = last + Math.max(1, media.length > 1 ? Math.round(last / (media.length - 1)) : 40);
    this.header = writeFlvHeader({ hasVideo: true, hasAudio: false });
    this.sequenceHeader = clip.tags.find((tag) => tag.type === FlvTagType.video && tag.isSequenceHeader);
    const script = clip.tags.find((tag) => tag.type === FlvTagType.script);
    this.metadata = script ? rewriteMetadataForLive(script.data) : undefined;
    this.index = this.keyframeAt(recordedTime);
  }

  get state(): RecordedStreamState {
    return this.currentState;
  }

  get viewers(): number {
    return this.subscribers.size;
  }

  /** Where in the clip the next frame is (ms): tests check seeks land on the right frame. */
  get clipPosition(): number {
    return this.offsets[this.index]!;
  }

  /** Adds a viewer (header, metadata, sequence header now; frames from the next key frame). Starts the stream. */
  subscribe(write: LiveStreamWriter, end?: () => void): () => void {
    if (this.currentState === 'stopped') throw new LiveStreamStoppedError(this.id);
    write(this.header);
    if (this.metadata) write(writeFlvTag(FlvTagType.script, this.outputTimestamp, this.metadata));
    if (this.sequenceHeader)
      write(writeFlvTag(FlvTagType.video, this.outputTimestamp, this.sequenceHeader.data));
    const subscriber: Subscriber = { write, end, waitingForKeyframe: true };
    this.subscribers.add(subscriber);
    // The recording starts with its first viewer: a tile that connects late misses nothing of it.
    if (!this.isStarted) {
      this.isStarted = true;
      this.anchor = this.clock.now() - this.outputTimestamp;
      if (this.currentState === 'paused') this.sendPausedFrame();
      else this.schedule(0);
    }
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  /** Continues from the key frame at or before `recordedTime` (mapped onto the clip), at once. */
  seek(recordedTime: number): void {
    this.index = this.keyframeAt(recordedTime);
    if (this.currentState !== 'running' || !this.isStarted) return;
    this.halt();
    this.anchor = this.clock.now() - this.outputTimestamp;
    this.pump();
  }

  pause(): void {
    if (this.currentState !== 'running') return;
    this.halt();
    this.currentState = 'paused';
    // Back to the key frame of the shown picture's group: the repeated frame decodes on its own.
    this.index = this.keyframeAt(this.offsets[Math.max(0, this.index - 1)]!);
    if (this.isStarted) this.sendPausedFrame();
  }

  resume(): void {
    if (this.currentState !== 'paused') return;
    this.halt();
    this.currentState = 'running';
    if (!this.isStarted) return;
    this.anchor = this.clock.now() - this.outputTimestamp;
    this.pump();
  }

  setSpeed(speed: number): void {
    this.speed = speed;
  }

  /** Ends every viewer and refuses new ones: the playback was stopped. */
  stop(): void {
    this.halt();
    this.currentState = 'stopped';
    const subscribers = [...this.subscribers];
    this.subscribers.clear();
    for (const subscriber of subscribers) subscriber.end?.();
  }

  private keyframeAt(recordedTime: number): number {
    const position = ((recordedTime % this.loopDurationMs) + this.loopDurationMs) % this.loopDurationMs;
    let found = this.media.findIndex((tag) => tag.isKeyframe);
    for (let index = 0; index < this.media.length && this.offsets[index]! <= position; index++)
      if (this.media[index]!.isKeyframe) found = index;
    return found;
  }

  private halt(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private schedule(delayMs: number): void {
    this.cancelTimer = this.clock.schedule(() => this.pump(), Math.max(1, delayMs));
  }

  /** Sends every frame due by now (never more than a second's worth at once), then sleeps until the next. */
  private pump(): void {
    this.cancelTimer = undefined;
    if (this.currentState !== 'running') return;
    const elapsed = this.clock.now() - this.anchor;
    if (elapsed - this.outputTimestamp > 1_000) this.anchor += elapsed - this.outputTimestamp;
    while (this.outputTimestamp <= this.clock.now() - this.anchor) {
      const index = this.index;
      this.emit(this.media[index]!, this.outputTimestamp);
      this.index = (index + 1) % this.media.length;
      const step =
        this.index === 0
          ? this.loopDurationMs - this.offsets[index]!
          : this.offsets[this.index]! - this.offsets[index]!;
      this.outputTimestamp += Math.max(1, Math.round(step / this.speed));
    }
    this.schedule(this.outputTimestamp - (this.clock.now() - this.anchor));
  }

  private sendPausedFrame(): void {
    if (this.currentState !== 'paused') return;
    this.emit(this.media[this.index]!, this.outputTimestamp);
    this.outputTimestamp += pausedFrameIntervalMs;
    this.cancelTimer = this.clock.schedule(() => this.sendPausedFrame(), pausedFrameIntervalMs);
  }

  private emit(tag: FlvTag, timestamp: number): void {
    const chunk = writeFlvTag(tag.type, timestamp, tag.data);
    for (const subscriber of this.subscribers) {
      if (subscriber.waitingForKeyframe) {
        if (!tag.isKeyframe) continue;
        subscriber.waitingForKeyframe = false;
      }
      try {
        subscriber.write(chunk);
      } catch {
        this.subscribers.delete(subscriber);
        subscriber.end?.();
      }
    }
  }
}
