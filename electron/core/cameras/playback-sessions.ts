// The playback streams (回放) windows have open: started through the camera directory, each control checked against
// the platform's capabilities first, at most a few per window, and stopped when their window closes.
import { ProtocolError } from '@shared/protocol';
import type { PlaybackPosition, PlaybackStarted } from '@shared/protocol/domains/playback';
import type { RecordingSpan } from '@shared/model/camera-platform';
import { ConnectorError, type CameraConnector, type CameraDirectory, type PlaybackStream } from './connector';

/** What one window watched of one recording: the journal's 调阅 of a recording. */
export interface PlaybackViewing {
  readonly cameraId: string;
  /** When the window watched (epoch ms). */
  readonly watchedFrom: number;
  readonly watchedTo: number;
  /** Which recorded time it watched: one span per stretch between seeks, in the order played. */
  readonly recorded: readonly { readonly from: number; readonly to: number }[];
}

export interface PlaybackSessionsOptions<Owner> {
  readonly directory: CameraDirectory;
  /** Playbacks one window may hold (default 4): starting one more stops that window's oldest. */
  readonly maxPerOwner?: number;
  readonly clock?: () => number;
  /** A playback ended (stopped, replaced, or its window closed): what was watched, for the journal. */
  readonly ended?: (owner: Owner, viewing: PlaybackViewing) => void;
  readonly log?: (line: string) => void;
}

/** Stretches of recorded time kept per playback for the journal; later seeks extend the last one. */
const maxRecordedStretches = 32;

interface OpenPlayback<Owner> {
  readonly id: string;
  readonly owner: Owner;
  readonly cameraId: string;
  readonly connector: CameraConnector;
  readonly stream: PlaybackStream;
  readonly startedAt: number;
  /** Recorded time at `anchorAt`, and the clock then: the position runs on from there at `speed` unless paused. */
  anchorPosition: number;
  anchorAt: number;
  speed: number;
  isPaused: boolean;
  readonly recorded: { from: number; to: number }[];
}

/** Why a platform call failed, as the protocol answers it. */
function protocolErrorOf(error: unknown): Error {
  if (!(error instanceof ConnectorError)) return error as Error;
  if (error.reason === 'unsupported') return new ProtocolError('unsupported', `不支持：${error.message}`);
  if (error.reason === 'not-found') return new ProtocolError('not-found', error.message);
  return new ProtocolError('rejected', error.message);
}

export class PlaybackSessions<Owner extends object> {
  private readonly playbacks = new Map<string, OpenPlayback<Owner>>();
  private readonly clock: () => number;
  private readonly maxPerOwner: number;
  private nextNumber = 1;

  constructor(private readonly options: PlaybackSessionsOptions<Owner>) {
    this.clock = options.clock ?? Date.now;
    this.maxPerOwner = options.maxPerOwner ?? 4;
  }

  /** Playbacks open now (all windows): tests and leak checks. */
  get size(): number {
    return this.playbacks.size;
  }

  async recordings(cameraId: string, from: number, to: number): Promise<readonly RecordingSpan[]> {
    const { connector, ref } = this.playbackCamera(cameraId);
    try {
      return await connector.playback!.recordings(ref, from, to);
    } catch (error) {
      throw protocolErrorOf(error);
    }
  }

  /** Starts a playback for `owner` (its window); beyond the window's bound its oldest playback is stopped first. */
  async start(owner: Owner, cameraId: string, from: number): Promise<PlaybackStarted> {
    const { connector, ref } = this.playbackCamera(cameraId);
    const own = [...this.playbacks.values()].filter((playback) => playback.owner === owner);
    for (const oldest of own.slice(0, Math.max(0, own.length - this.maxPerOwner + 1))) await this.end(oldest);
    let stream: PlaybackStream;
    try {
      stream = await connector.playback!.start(ref, from);
    } catch (error) {
      throw protocolErrorOf(error);
    }
    const now = this.clock();
    const id = `playback-${this.nextNumber++}`;
    this.playbacks.set(id, {
      id,
      owner,
      cameraId,
      connector,
      stream,
      startedAt: now,
      anchorPosition: stream.startsAt,
      anchorAt: now,
      speed: 1,
      isPaused: false,
      recorded: [{ from: stream.startsAt, to: stream.startsAt }],
    });
    const capabilities = connector.capabilities.playback;
    return {
      playbackId: id,
      cameraId,
      url: stream.url,
      kind: stream.kind,
      startsAt: stream.startsAt,
      speeds: [...capabilities.speeds],
      canSeek: capabilities.seek,
      canPause: capabilities.pause,
    };
  }

  async seek(owner: Owner, playbackId: string, to: number): Promise<PlaybackPosition> {
    const playback = this.owned(owner, playbackId);
    this.require(playback, playback.connector.capabilities.playback.seek, '该平台的录像不能拖动（跳转）');
    await this.call(() => playback.stream.seek(to));
    const now = this.clock();
    this.closeStretch(playback, now);
    if (playback.recorded.length < maxRecordedStretches) playback.recorded.push({ from: to, to });
    playback.anchorPosition = to;
    playback.anchorAt = now;
    return this.positionOf(playback, now);
  }

  async pause(owner: Owner, playbackId: string): Promise<PlaybackPosition> {
    const playback = this.owned(owner, playbackId);
    this.require(playback, playback.connector.capabilities.playback.pause, '该平台的录像不能暂停');
    if (!playback.isPaused) {
      await this.call(() => playback.stream.pause());
      this.reanchor(playback);
      playback.isPaused = true;
    }
    return this.positionOf(playback, this.clock());
  }

  async resume(owner: Owner, playbackId: string): Promise<PlaybackPosition> {
    const playback = this.owned(owner, playbackId);
    this.require(playback, playback.connector.capabilities.playback.pause, '该平台的录像不能暂停');
    if (playback.isPaused) {
      await this.call(() => playback.stream.resume());
      playback.anchorAt = this.clock();
      playback.isPaused = false;
    }
    return this.positionOf(playback, this.clock());
  }

  async speed(owner: Owner, playbackId: string, speed: number): Promise<PlaybackPosition> {
    const playback = this.owned(owner, playbackId);
    const speeds = playback.connector.capabilities.playback.speeds;
    this.require(
      playback,
      speeds.includes(speed),
      `该平台不能按 ${speed} 倍速回放（只支持 ${speeds.join('、')} 倍速）`,
    );
    await this.call(() => playback.stream.setSpeed(speed));
    this.reanchor(playback);
    playback.speed = speed;
    return this.positionOf(playback, this.clock());
  }

  async stop(owner: Owner, playbackId: string): Promise<void> {
    await this.end(this.owned(owner, playbackId));
  }

  /** The window closed (or its session ended): every playback it held stops. */
  async closeOwner(owner: Owner): Promise<void> {
    const own = [...this.playbacks.values()].filter((playback) => playback.owner === owner);
    await Promise.all(own.map((playback) => this.end(playback)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.playbacks.values()].map((playback) => this.end(playback)));
  }

  private playbackCamera(cameraId: string) {
    const found = this.options.directory.find(cameraId);
    if (!found) throw new ProtocolError('not-found', `unknown camera '${cameraId}'`);
    const capabilities = found.connector.capabilities.playback;
    if (!found.connector.playback || !capabilities.recordings)
      throw new ProtocolError('unsupported', `不支持：摄像机 ${cameraId} 的平台没有录像回放`);
    return found;
  }

  /** A window controls only its own playbacks: another window's id is as unknown as a stopped one. */
  private owned(owner: Owner, playbackId: string): OpenPlayback<Owner> {
    const playback = this.playbacks.get(playbackId);
    if (!playback || playback.owner !== owner)
      throw new ProtocolError('not-found', `no playback '${playbackId}' in this window`);
    return playback;
  }

  private require(playback: OpenPlayback<Owner>, isSupported: boolean, reason: string): void {
    if (!isSupported)
      throw new ProtocolError('unsupported', `不支持：${reason}（平台 ${playback.connector.platformId}）`);
  }

  private async call(control: () => Promise<void>): Promise<void> {
    try {
      await control();
    } catch (error) {
      throw protocolErrorOf(error);
    }
  }

  private reanchor(playback: OpenPlayback<Owner>): void {
    const now = this.clock();
    playback.anchorPosition = this.positionOf(playback, now).position;
    playback.anchorAt = now;
  }

  private positionOf(playback: OpenPlayback<Owner>, now: number): PlaybackPosition {
    const position = playback.isPaused
      ? playback.anchorPosition
      : playback.anchorPosition + Math.round((now - playback.anchorAt) * playback.speed);
    return { playbackId: playback.id, position, isPaused: playback.isPaused, speed: playback.speed };
  }

  /** The stretch being watched ends at the position now. */
  private closeStretch(playback: OpenPlayback<Owner>, now: number): void {
    const last = playback.recorded.at(-1)!;
    last.to = Math.max(last.from, this.positionOf(playback, now).position);
  }

  private async end(playback: OpenPlayback<Owner>): Promise<void> {
    if (!this.playbacks.delete(playback.id)) return;
    const now = this.clock();
    this.closeStretch(playback, now);
    try {
      await playback.stream.stop();
    } catch (error) {
      // The window is done with it either way; a platform that missed the stop times its stream out.
      this.options.log?.(
        `[playback] ${playback.id} of ${playback.cameraId}: stop failed: ${(error as Error).message}`,
      );
    }
    this.options.ended?.(playback.owner, {
      cameraId: playback.cameraId,
      watchedFrom: playback.startedAt,
      watchedTo: now,
      recorded: playback.recorded.map(({ from, to }) => ({ from, to })),
    });
  }
}
