// Live HLS from a live FLV stream: cuts the H.264 frames into MPEG-TS segments at key frames and keeps a
// sliding-window live playlist over them. Pure apart from the injectable clock; the media server feeds it.
import { parseAvcDecoderConfig, splitNalUnits, toAnnexB, type AvcDecoderConfig } from './avc';
import { AvcPacketType, FlvTagType, FlvVideoCodec } from './flv-parser';
import { TsMuxer, type TsAccessUnit } from './ts-muxer';

/** One finished segment. */
export interface HlsSegment {
  /** Its media sequence number: one more than the segment before, for the whole life of the segmenter. */
  readonly sequence: number;
  readonly durationMs: number;
  /** The first segment after a new publishing session (timestamps started over): EXT-X-DISCONTINUITY. */
  readonly isDiscontinuity: boolean;
  /** Wall-clock time its first frame arrived from the stream (EXT-X-PROGRAM-DATE-TIME), ms since epoch. */
  readonly startedAt: number;
  readonly bytes: Buffer;
}

export interface HlsSegmenterOptions {
  /** Segments listed in the live playlist (default 6: enough for hls.js to start three segments back). */
  readonly playlistSegments?: number;
  /** Segments kept after they leave the playlist, for players still fetching them (default 6). */
  readonly lingeringSegments?: number;
  /** A segment ends at the first key frame at least this long after its start (default 1000 ms). */
  readonly targetDurationMs?: number;
  /** Wall clock for EXT-X-PROGRAM-DATE-TIME (default Date.now). */
  readonly wallClock?: () => number;
}

interface OpenSegment {
  readonly units: TsAccessUnit[];
  readonly firstDtsMs: number;
  readonly startedAt: number;
  readonly isDiscontinuity: boolean;
}

interface Waiter {
  check(): void;
  cancel(): void;
}

const flvTagHeaderSize = 11;

/**
 * Receives a live stream's FLV chunks (`LiveStream.subscribe`'s writer: the FLV header, then one tag per call)
 * and turns its H.264 video into live HLS. Audio, script tags and other codecs are ignored (the demo clips are
 * H.264 only). Segments start on key frames, so each one decodes on its own.
 *
 * Looping demo clips need no discontinuity: LiveStream's timestamps run on across loops. A new publishing
 * session does (a restart starts timestamps at 0): `endSession()` marks the next segment with
 * EXT-X-DISCONTINUITY, and EXT-X-DISCONTINUITY-SEQUENCE counts the marked segments that have left the window,
 * while EXT-X-MEDIA-SEQUENCE keeps counting up, so a player polling the playlist never sees it go back.
 */
export class HlsSegmenter {
  private readonly playlistSegments: number;
  private readonly lingeringSegments: number;
  private readonly targetDurationMs: number;
  private readonly wallClock: () => number;
  private readonly muxer = new TsMuxer();
  private readonly waiters = new Set<Waiter>();
  private config: AvcDecoderConfig | null = null;
  private open: OpenSegment | null = null;
  private segments: HlsSegment[] = [];
  private nextSequence = 0;
  private discontinuities = 0;
  private isDiscontinuityPending = false;
  private lastDtsMs = -Infinity;
  /** Longest segment so far, in whole seconds (EXT-X-TARGETDURATION must never shrink). */
  private targetDurationSeconds = 1;

  constructor(options: HlsSegmenterOptions = {}) {
    this.playlistSegments = options.playlistSegments ?? 6;
    this.lingeringSegments = options.lingeringSegments ?? 6;
    this.targetDurationMs = options.targetDurationMs ?? 1_000;
    this.wallClock = options.wallClock ?? Date.now;
  }

  /** Finished segments held now (listed ones and lingering ones). */
  get segmentCount(): number {
    return this.segments.length;
  }

  /** Takes one FLV chunk. Throws AvcParseError on a malformed H.264 configuration or frame. */
  write(chunk: Buffer): void {
    if (chunk.length < flvTagHeaderSize || chunk.toString('latin1', 0, 3) === 'FLV') return;
    if ((chunk[0]! & 0x1f) !== FlvTagType.video) return;
    const size = chunk.readUIntBE(1, 3);
    const dtsMs = (chunk.readUIntBE(4, 3) | (chunk[7]! << 24)) >>> 0;
    const data = chunk.subarray(flvTagHeaderSize, flvTagHeaderSize + size);
    if (data.length < 5 || (data[0]! & 0x0f) !== FlvVideoCodec.avc) return;
    if (data[1] === AvcPacketType.sequenceHeader) {
      this.config = parseAvcDecoderConfig(data.subarray(5));
      return;
    }
    if (data[1] !== AvcPacketType.nalu || !this.config) return;
    // Timestamps that go back are a new session the stream did not announce: treat it as one.
    if (dtsMs < this.lastDtsMs) this.startOver();
    this.lastDtsMs = dtsMs;
    const isKeyframe = data[0]! >> 4 === 1;
    if (isKeyframe && this.open && dtsMs - this.open.firstDtsMs >= this.targetDurationMs) this.close(dtsMs);
    if (!this.open) {
      if (!isKeyframe) return; // a segment must start with a picture that decodes on its own
      this.open = {
        units: [],
        firstDtsMs: dtsMs,
        startedAt: this.wallClock(),
        isDiscontinuity: this.isDiscontinuityPending,
      };
      this.isDiscontinuityPending = false;
    }
    const compositionMs = (data.readIntBE(2, 3) << 8) >> 8; // signed 24 bits
    const units = splitNalUnits(data.subarray(5), this.config.lengthSize);
    if (units.length === 0) return;
    this.open.units.push({ dtsMs, compositionMs, isKeyframe, annexB: toAnnexB(units, this.config) });
  }

  /**
   * The stream's publishing session ended (stopped or restarted): the unfinished segment is dropped and the
   * next one, whose timestamps start over, follows an EXT-X-DISCONTINUITY.
   */
  endSession(): void {
    this.startOver();
    this.config = null;
  }

  /**
   * No one reads any more (the media server stopped feeding it): held segments and the unfinished one are
   * dropped, so the next reader waits for fresh segments; the first of them follows an EXT-X-DISCONTINUITY
   * (the stream ran on meanwhile) and sequence numbers run on.
   */
  suspend(): void {
    this.endSession();
    this.segments = [];
  }

  /** The live playlist, or null while it would list no segment yet. */
  playlist(): string | null {
    const listed = this.segments.slice(-this.playlistSegments);
    if (listed.length === 0) return null;
    const listedDiscontinuities = listed.filter((segment) => segment.isDiscontinuity).length;
    const lines = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      `#EXT-X-TARGETDURATION:${this.targetDurationSeconds}`,
      `#EXT-X-MEDIA-SEQUENCE:${listed[0]!.sequence}`,
      `#EXT-X-DISCONTINUITY-SEQUENCE:${this.discontinuities - listedDiscontinuities}`,
    ];
    for (const segment of listed) {
      if (segment.isDiscontinuity) lines.push('#EXT-X-DISCONTINUITY');
      lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(segment.startedAt).toISOString()}`);
      lines.push(`#EXTINF:${(segment.durationMs / 1000).toFixed(3)},`);
      lines.push(segmentName(segment.sequence));
    }
    return `${lines.join('\n')}\n`;
  }

  /** A held segment by sequence number (listed or lingering). */
  segment(sequence: number): HlsSegment | undefined {
    return this.segments.find((segment) => segment.sequence === sequence);
  }

  /**
   * Resolves true once `count` segments are held, or false after `timeoutMs` or `cancelWaits()`: a first
   * playlist request waits for enough segments rather than getting an empty playlist.
   */
  waitForSegments(count: number, timeoutMs: number): Promise<boolean> {
    if (this.segments.length >= count) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        check: () => {
          if (this.segments.length >= count) finish(true);
        },
        cancel: () => finish(false),
      };
      const finish = (isReady: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(isReady);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      timer.unref?.();
      this.waiters.add(waiter);
    });
  }

  /** Ends every pending `waitForSegments` with false (the server is closing). */
  cancelWaits(): void {
    for (const waiter of [...this.waiters]) waiter.cancel();
  }

  private startOver(): void {
    this.open = null;
    this.lastDtsMs = -Infinity;
    if (this.nextSequence > 0) this.isDiscontinuityPending = true;
  }

  private close(nextDtsMs: number): void {
    const open = this.open!;
    this.open = null;
    const durationMs = nextDtsMs - open.firstDtsMs;
    const segment: HlsSegment = {
      sequence: this.nextSequence++,
      durationMs,
      isDiscontinuity: open.isDiscontinuity,
      startedAt: open.startedAt,
      bytes: this.muxer.segment(open.units),
    };
    if (segment.isDiscontinuity) this.discontinuities++;
    this.targetDurationSeconds = Math.max(this.targetDurationSeconds, Math.round(durationMs / 1000));
    this.segments.push(segment);
    const kept = this.playlistSegments + this.lingeringSegments;
    if (this.segments.length > kept) this.segments = this.segments.slice(-kept);
    for (const waiter of [...this.waiters]) waiter.check();
  }
}

/** The URI of a segment in the playlist, relative to it. */
export function segmentName(sequence: number): string {
  return `segment-${sequence}.ts`;
}
