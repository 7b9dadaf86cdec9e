// Recordings and playback through wvp's common channel API: the files of a time range (joined into spans) and a
// playback stream with pause, resume, seek, speed and stop. Upstream: gb28181/controller/ChannelController.java
// (playback/query, playback, playback/{stop,pause,resume,seek,speed}) and PlaybackController's speed check
// (0.25, 0.5, 1, 2, 4 — the GB28181 Scale values devices honour), master 768d740 and v2.7.4-20260107.
import {
  ConnectorError,
  type ConnectorCameraRef,
  type PlaybackControl,
  type PlaybackStream,
} from '../../connector';
import type { WvpHttp } from './wvp-http';
import { endOfWvpDay, formatWvpTime, toRecordingSpans } from './wvp-records';

const base = '/api/common/channel/playback';

/** Speeds wvp passes on (anything else is 不支持的speed). */
export const wvpPlaybackSpeeds = [0.25, 0.5, 1, 2, 4];

export interface WvpPlaybackOptions {
  readonly http: WvpHttp;
  /** The address a tile plays from a StreamContent, or a ConnectorError (see wvp-connector's `addressOf`). */
  readonly addressOf: (content: unknown) => { url: string; kind: PlaybackStream['kind'] };
  /** Keeps a started playback until it is stopped, so dispose can stop it. */
  readonly hold: (stop: () => Promise<void>) => () => void;
}

export function createWvpPlayback(options: WvpPlaybackOptions): PlaybackControl {
  const { http } = options;
  return {
    async recordings(camera, from, to) {
      const rows = await http.get(`${base}/query`, {
        channelId: camera.platformCameraId,
        startTime: formatWvpTime(from),
        endTime: formatWvpTime(to),
      });
      return toRecordingSpans(rows);
    },
    async start(camera, from, to) {
      const end = to ?? endOfWvpDay(from);
      if (end <= from) throw new ConnectorError('refused', '回放的结束时间早于开始时间');
      const content = await http.get(base, {
        channelId: camera.platformCameraId,
        startTime: formatWvpTime(from),
        endTime: formatWvpTime(end),
      });
      const stream = (content as { stream?: unknown } | null)?.stream;
      if (typeof stream !== 'string' || stream === '') {
        throw new ConnectorError('malformed', 'wvp 的回放回答中没有 stream');
      }
      const address = options.addressOf(content);
      return playbackStream(http, camera, { stream, from, end, ...address }, options.hold);
    },
  };
}

function playbackStream(
  http: WvpHttp,
  camera: ConnectorCameraRef,
  started: { stream: string; from: number; end: number; url: string; kind: PlaybackStream['kind'] },
  hold: WvpPlaybackOptions['hold'],
): PlaybackStream {
  const parameters = { channelId: camera.platformCameraId, stream: started.stream };
  let stopped: Promise<void> | undefined;
  const sendStop = async () => {
    await http.get(`${base}/stop`, parameters);
  };
  const unhold = hold(sendStop);
  const ensureRunning = () => {
    if (stopped) throw new ConnectorError('refused', '回放已停止');
  };
  return {
    url: started.url,
    kind: started.kind,
    startsAt: started.from,
    async seek(time) {
      ensureRunning();
      if (time < started.from || time > started.end)
        throw new ConnectorError('refused', '跳转时间不在回放范围内');
      // seekTime is seconds from the playback's start (the SIP INFO's Range: npt=<seconds>-).
      await http.get(`${base}/seek`, { ...parameters, seekTime: Math.round((time - started.from) / 1000) });
    },
    async pause() {
      ensureRunning();
      await http.get(`${base}/pause`, parameters);
    },
    async resume() {
      ensureRunning();
      await http.get(`${base}/resume`, parameters);
    },
    async setSpeed(speed) {
      ensureRunning();
      if (!wvpPlaybackSpeeds.includes(speed)) {
        throw new ConnectorError('unsupported', `wvp 回放只支持 ${wvpPlaybackSpeeds.join('、')} 倍速`);
      }
      await http.get(`${base}/speed`, { ...parameters, speed });
    },
    stop() {
      // Stops once however often it is called (the tile and the playback service may both stop it).
      stopped ??= (unhold(), sendStop());
      return stopped;
    },
  };
}
