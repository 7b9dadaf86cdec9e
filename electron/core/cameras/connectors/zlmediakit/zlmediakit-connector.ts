// The ZLMediaKit connector: cameras are the streams ZLMediaKit holds (getMediaList) in the configured apps, live
// while listed; tiles play them from the `playUrl` template; recordings are its MP4 record files
// (getMP4RecordFile) and play back through loadMP4File with seekRecordStamp and setRecordSpeed.
import { Emitter } from '@shared/base/emitter';
import type { Platform } from '@shared/model/camera';
import type {
  ConnectorHealth,
  PlatformAlarm,
  PlatformCapabilities,
  RecordingSpan,
} from '@shared/model/camera-platform';
import {
  ConnectorError,
  type CameraConnector,
  type ConnectorCameraRef,
  type PlatformCamera,
  type PlaybackStream,
  type StatusChange,
} from '../../connector';
import { readSecret } from '../../read-secret';
import { localDays, recordSegments, type RecordSegment } from './record-files';
import { createZlmediakitApi } from './zlmediakit-api';

export interface ZlmediakitConnectorOptions {
  /** Where a `{ file }` secret is looked up. */
  readonly workspaceDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** Per API call (default 5 s). */
  readonly timeoutMs?: number;
  /** The server's UTC offset: record file names are in its local time (default +08:00). */
  readonly utcOffsetMinutes?: number;
  /** protocol.mp4_max_second: a record file is at most this long (default 3600). */
  readonly maxSegmentSeconds?: number;
  /** The app loadMP4File registers playback streams under (default `playback`). */
  readonly playbackApp?: string;
}

/** setRecordSpeed takes 0.1 … 20 (MP4Reader::speed); the timeline offers these. */
const playbackSpeeds = [0.5, 1, 2, 4, 8, 16];
/** MediaOriginType::mp4_vod: a playback loadMP4File made, not a camera. */
const mp4VodOrigin = 6;

/** Which of ZLMediaKit's per-schema sources a play URL reads (seek and speed name one). */
function schemaOf(playUrl: string): string {
  if (/\.m3u8(\?|$)/.test(playUrl)) return 'hls';
  if (/\.ts(\?|$)/.test(playUrl)) return 'ts';
  if (/\.mp4(\?|$)/.test(playUrl)) return 'fmp4';
  if (playUrl.startsWith('rtsp')) return 'rtsp';
  return 'rtmp'; // FLV over HTTP or WebSocket is served from the RTMP source
}

export function createZlmediakitConnector(
  platform: Platform,
  options: ZlmediakitConnectorOptions,
): CameraConnector {
  if (platform.connector?.type !== 'zlmediakit') {
    throw new Error(`platform ${platform.id}: not a zlmediakit connector`);
  }
  const config = platform.connector;
  const now = options.now ?? Date.now;
  const utcOffsetMinutes = options.utcOffsetMinutes ?? 480;
  const playbackApp = options.playbackApp ?? 'playback';
  const schema = schemaOf(config.playUrl);
  let secret: Promise<string> | undefined;
  const api = createZlmediakitApi({
    apiUrl: config.apiUrl,
    timeoutMs: options.timeoutMs ?? 5000,
    fetch: options.fetch,
    secret: () =>
      (secret ??= readSecret(config.secret, { workspaceDir: options.workspaceDir, env: options.env })),
  });

  const healthEmitter = new Emitter<ConnectorHealth>();
  const statusEmitter = new Emitter<readonly StatusChange[]>();
  const alarmEmitter = new Emitter<PlatformAlarm>();
  let health: ConnectorHealth = { platformId: platform.id, state: 'connecting', cameras: 0, skipped: 0 };
  const setHealth = (next: Partial<ConnectorHealth>) => {
    const merged = { ...health, ...next };
    if (JSON.stringify(merged) === JSON.stringify(health)) return;
    health = merged;
    healthEmitter.fire(health);
  };

  /** Every call goes through here, so health follows what the platform really answers. */
  async function call(name: string, args: Record<string, string | number>) {
    try {
      const answer = await api.call(name, { vhost: config.vhost, ...args });
      if (health.state !== 'connected') setHealth({ state: 'connected', problem: undefined });
      return answer;
    } catch (error) {
      if (
        error instanceof ConnectorError &&
        (error.reason === 'unauthorised' || error.reason === 'unreachable')
      ) {
        // Re-read the secret next time: it may have been corrected in the environment or its file.
        if (error.reason === 'unauthorised') secret = undefined;
        setHealth({ state: 'down', problem: error.message });
      }
      throw error;
    }
  }

  const fill = (app: string, stream: string) =>
    config.playUrl
      .replaceAll('{app}', encodeURIComponent(app))
      .replaceAll('{stream}', encodeURIComponent(stream));
  const splitId = (ref: ConnectorCameraRef) => {
    const slash = ref.platformCameraId.indexOf('/');
    if (slash <= 0) throw new ConnectorError('not-found', `${ref.cameraId} 不是 ZLMediaKit 的 app/stream`);
    return { app: ref.platformCameraId.slice(0, slash), stream: ref.platformCameraId.slice(slash + 1) };
  };

  /** Cameras seen so far, and whether they were online at the last listing. */
  const known = new Map<string, PlatformCamera>();

  async function listCameras(): Promise<{ cameras: PlatformCamera[]; skipped: number; total: number }> {
    const apps = config.apps;
    const answer = await call('getMediaList', apps.length === 1 ? { app: apps[0]! } : {});
    // No `data` key at all when no stream matches (getMediaList appends only what it finds).
    const entries = Array.isArray(answer.data) ? (answer.data as unknown[]) : [];
    const listed = new Set<string>();
    let skipped = 0;
    for (const entry of entries) {
      const record = entry as { app?: unknown; stream?: unknown; originType?: unknown };
      if (
        typeof record?.app !== 'string' ||
        typeof record.stream !== 'string' ||
        !record.app ||
        !record.stream
      ) {
        skipped++;
        continue;
      }
      if (record.originType === mp4VodOrigin) continue;
      if (apps.length > 0 && !apps.includes(record.app)) continue;
      listed.add(`${record.app}/${record.stream}`); // once per schema: rtsp, rtmp, fmp4, ts …
    }
    const changes: StatusChange[] = [];
    for (const id of listed) {
      const before = known.get(id);
      if (before && before.status !== 'online') changes.push({ platformCameraId: id, status: 'online' });
      known.set(id, { platformCameraId: id, name: id, status: 'online', hasPtz: false });
    }
    for (const [id, camera] of known) {
      if (listed.has(id) || camera.status === 'offline') continue;
      known.set(id, { ...camera, status: 'offline' });
      changes.push({ platformCameraId: id, status: 'offline' });
    }
    const cameras = [...known.values()];
    setHealth({ listedAt: now(), cameras: cameras.length, skipped });
    if (changes.length > 0) statusEmitter.fire(changes);
    return { cameras, skipped, total: cameras.length };
  }

  async function segments(ref: ConnectorCameraRef, from: number, to: number): Promise<RecordSegment[]> {
    const { app, stream } = splitId(ref);
    const found: RecordSegment[] = [];
    for (const day of localDays(from, to, utcOffsetMinutes)) {
      const answer = await call('getMP4RecordFile', { app, stream, period: day });
      const data = answer.data as { rootPath?: unknown; paths?: unknown } | undefined;
      if (typeof data?.rootPath !== 'string' || !Array.isArray(data.paths)) continue;
      const names = data.paths.filter((name): name is string => typeof name === 'string');
      found.push(
        ...recordSegments(day, data.rootPath, names, {
          utcOffsetMinutes,
          maxSegmentMs: (options.maxSegmentSeconds ?? 3600) * 1000,
          now: now(),
        }),
      );
    }
    return found.filter((segment) => segment.end > from && segment.start < to);
  }

  /** The loadMP4File streams still open, closed on dispose. */
  const playbacks = new Set<string>();
  let playbackCount = 0;

  async function startPlayback(ref: ConnectorCameraRef, from: number): Promise<PlaybackStream> {
    const { stream } = splitId(ref);
    const dayEnd = from + 86_400_000;
    const available = await segments(ref, from, dayEnd);
    const first = available[0];
    if (!first) throw new ConnectorError('not-found', `${ref.cameraId} 在所选时间之后没有录像`);
    const target = {
      app: playbackApp,
      stream: `${stream}-${now().toString(36)}-${++playbackCount}`,
    };
    let current = first;
    const load = async (segment: RecordSegment, at: number) => {
      const seekMs = Math.max(0, at - segment.start);
      await call('loadMP4File', {
        ...target,
        file_path: segment.filePath,
        ...(seekMs > 0 ? { seek_ms: seekMs } : {}),
      });
      current = segment;
    };
    await load(first, from);
    playbacks.add(target.stream);
    const control = { schema, ...target };
    return {
      url: fill(target.app, target.stream),
      kind: platform.kind,
      startsAt: Math.max(from, first.start),
      async seek(time) {
        if (time >= current.start && time < current.end) {
          await call('seekRecordStamp', { ...control, stamp: time - current.start });
          return;
        }
        // Another file: the same stream name is reloaded with it, so the tile's URL stays the same.
        const next = (await segments(ref, time, time + 1))[0];
        if (!next) throw new ConnectorError('not-found', `${ref.cameraId} 在该时间没有录像`);
        await call('close_streams', { ...target, force: 1 });
        await load(next, time);
      },
      pause: () => Promise.reject(new ConnectorError('unsupported', 'ZLMediaKit 的接口不能暂停录像回放')),
      resume: () => Promise.reject(new ConnectorError('unsupported', 'ZLMediaKit 的接口不能暂停录像回放')),
      async setSpeed(speed) {
        await call('setRecordSpeed', { ...control, speed });
      },
      async stop() {
        playbacks.delete(target.stream);
        await call('close_streams', { ...target, force: 1 });
      },
    };
  }

  const capabilities: PlatformCapabilities = {
    onDemandLive: false,
    listsCameras: true,
    statusEvents: false,
    alarms: false,
    ptz: { move: false, presets: false, areaZoom: false, centre: false },
    playback: { recordings: true, seek: true, pause: false, speeds: playbackSpeeds },
  };

  return {
    platformId: platform.id,
    capabilities,
    health: () => health,
    onHealth: healthEmitter.event,
    onStatus: statusEmitter.event,
    onAlarm: alarmEmitter.event,
    listCameras: () => listCameras(),
    async openLive(ref) {
      const { app, stream } = splitId(ref);
      // ZLMediaKit's streams are pushed or pulled whether anyone watches: nothing to start or release.
      return { url: fill(app, stream), kind: platform.kind, release: async () => undefined };
    },
    playback: {
      async recordings(ref, from, to) {
        const spans: RecordingSpan[] = [];
        for (const segment of await segments(ref, from, to)) {
          const last = spans.at(-1);
          // Back-to-back files (a new one every mp4_max_second) are one span on the timeline.
          if (last && segment.start - last.end <= 2000)
            spans[spans.length - 1] = { ...last, end: segment.end };
          else spans.push({ start: segment.start, end: segment.end });
        }
        return spans;
      },
      start: (ref, from) => startPlayback(ref, from),
    },
    dispose() {
      for (const stream of playbacks) {
        void api
          .call('close_streams', { vhost: config.vhost, app: playbackApp, stream, force: 1 })
          .catch(() => {});
      }
      playbacks.clear();
      healthEmitter.dispose();
      statusEmitter.dispose();
      alarmEmitter.dispose();
    },
  };
}
