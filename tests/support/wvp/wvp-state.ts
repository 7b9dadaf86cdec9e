// What the wvp double remembers between requests — its channels, the streams it has "invited", its alarms — and
// the counters tests read, plus the StreamContent answer that points a tile at a real media server.
import type { WvpChannel } from './wvp-channels';

/** The wvp versions whose routes differ (see README.md, "Versions"). */
export type WvpVersion = '2.7.4' | 'master';

/** The URLs of one stream; `flv` is the one the wall plays, the rest follow from it unless given. */
export interface StreamUrls {
  flv: string;
  ws_flv?: string;
  https_flv?: string;
  wss_flv?: string;
  fmp4?: string;
  ws_fmp4?: string;
  hls?: string;
  ts?: string;
  rtmp?: string;
  rtsp?: string;
  rtc?: string;
}

/** The ZLMediaKit node wvp hands out when the test gives no `streamUrlFor`: an internal address, as in production. */
export interface MediaServerOption {
  id: string;
  ip: string;
  httpPort: number;
  rtmpPort: number;
  rtspPort: number;
}

export interface PlayRecord {
  at: number;
  channelId: number;
  stream: string;
}

export interface PtzRecord {
  at: number;
  channelId: number;
  /** `command` as sent (left … zoomout, stop; wvp treats an unknown word as stop). */
  command: string;
  panSpeed: number;
  tiltSpeed: number;
  zoomSpeed: number;
}

export interface PlaybackRecord {
  at: number;
  channelId: number;
  stream: string;
  startTime: string;
  endTime: string;
}

/** Everything tests count. Arrays only grow; `control.resetCounters()` empties them. */
export interface WvpCounters {
  logins: { at: number; username: string; succeeded: boolean }[];
  /** Requests refused with 401 (missing, invalid or expired credentials). */
  unauthorized: { at: number; path: string; reason: 'missing' | 'expired' | 'invalid' }[];
  channelListRequests: { at: number; page: number; count: number }[];
  plays: PlayRecord[];
  playStops: PlayRecord[];
  ptz: PtzRecord[];
  presetQueries: { at: number; channelId: number }[];
  presetCalls: { at: number; channelId: number; presetId: number }[];
  dragZooms: {
    at: number;
    channelId: number;
    direction: 'in' | 'out';
    midPointX: number;
    midPointY: number;
  }[];
  recordQueries: { at: number; channelId: number; startTime: string; endTime: string }[];
  playbacks: PlaybackRecord[];
  playbackControls: { at: number; channelId: number; stream: string; action: string; value?: number }[];
  alarmListRequests: { at: number }[];
}

export function emptyCounters(): WvpCounters {
  return {
    logins: [],
    unauthorized: [],
    channelListRequests: [],
    plays: [],
    playStops: [],
    ptz: [],
    presetQueries: [],
    presetCalls: [],
    dragZooms: [],
    recordQueries: [],
    playbacks: [],
    playbackControls: [],
    alarmListRequests: [],
  };
}

/** An alarm as the double keeps it; each version's list writes its own shape from it. */
export interface StoredAlarm {
  id: number;
  channelId: number;
  /** AlarmType enum name of master (service/bean/AlarmType.java), e.g. VideoLoss, MotionDetection. */
  type: string;
  description: string;
  at: number;
  /** 1 (一级警情) … 4. */
  priority: number;
}

export interface WvpState {
  readonly version: WvpVersion;
  readonly now: () => number;
  readonly channels: WvpChannel[];
  readonly channelsById: Map<number, WvpChannel>;
  /** Live streams "invited" and not yet stopped: channel id → stream id. */
  readonly playing: Map<number, string>;
  /** Playback sessions: stream id → channel id. */
  readonly playbacks: Map<string, number>;
  readonly alarms: StoredAlarm[];
  readonly counters: WvpCounters;
  readonly streamUrlFor: (channel: WvpChannel) => string | StreamUrls;
  readonly playbackUrlFor: (channel: WvpChannel, startTime: string) => string | StreamUrls;
  readonly mediaServerId: string;
  readonly serverId: string;
}

/** ZLMediaKit's URL rules as wvp builds them (media/zlm/ZLMMediaNodeServerService.java, common/StreamInfo.java). */
export function zlmUrls(mediaServer: MediaServerOption, app: string, stream: string): StreamUrls {
  const http = `http://${mediaServer.ip}:${mediaServer.httpPort}/${app}/${stream}`;
  return {
    flv: `${http}.live.flv`,
    fmp4: `${http}.live.mp4`,
    hls: `${http}/hls.m3u8`,
    ts: `${http}.live.ts`,
    rtmp: `rtmp://${mediaServer.ip}:${mediaServer.rtmpPort}/${app}/${stream}`,
    rtsp: `rtsp://${mediaServer.ip}:${mediaServer.rtspPort}/${app}/${stream}`,
    rtc: `http://${mediaServer.ip}:${mediaServer.httpPort}/index/api/webrtc?app=${app}&stream=${stream}&type=play`,
  };
}

/**
 * vmanager/bean/StreamContent.java as Jackson writes it (master 768d740; v2.7.4-20260107 has the same fields).
 * `ws_flv` and the https/wss variants follow from `flv` as StreamInfo derives them from one host and port.
 */
export function streamContent(
  given: string | StreamUrls,
  stream: { app: string; stream: string; mediaServerId: string; serverId: string },
  times: { startTime: string | null; endTime: string | null } = { startTime: null, endTime: null },
): Record<string, unknown> {
  const urls: StreamUrls = typeof given === 'string' ? { flv: given } : given;
  const secure = (url: string | undefined, from: string, to: string) =>
    url?.startsWith(from) ? to + url.slice(from.length) : null;
  const ws = urls.ws_flv ?? secure(urls.flv, 'http://', 'ws://');
  return {
    app: stream.app,
    stream: stream.stream,
    ip: hostOf(urls.flv),
    flv: urls.flv,
    https_flv: urls.https_flv ?? secure(urls.flv, 'http://', 'https://'),
    ws_flv: ws,
    wss_flv: urls.wss_flv ?? secure(ws ?? undefined, 'ws://', 'wss://'),
    fmp4: urls.fmp4 ?? null,
    https_fmp4: secure(urls.fmp4, 'http://', 'https://'),
    ws_fmp4: urls.ws_fmp4 ?? secure(urls.fmp4, 'http://', 'ws://'),
    wss_fmp4: secure(urls.fmp4, 'http://', 'wss://'),
    hls: urls.hls ?? null,
    https_hls: secure(urls.hls, 'http://', 'https://'),
    ws_hls: secure(urls.hls, 'http://', 'ws://'),
    wss_hls: secure(urls.hls, 'http://', 'wss://'),
    ts: urls.ts ?? null,
    https_ts: secure(urls.ts, 'http://', 'https://'),
    ws_ts: secure(urls.ts, 'http://', 'ws://'),
    wss_ts: secure(urls.ts, 'http://', 'wss://'),
    rtmp: urls.rtmp ?? null,
    rtmps: null,
    rtsp: urls.rtsp ?? null,
    rtsps: null,
    rtc: urls.rtc ?? null,
    rtcs: null,
    mediaServerId: stream.mediaServerId,
    mediaInfo: null,
    startTime: times.startTime,
    endTime: times.endTime,
    duration: null,
    downLoadFilePath: null,
    transcodeStream: null,
    progress: 0,
    key: null,
    serverId: stream.serverId,
  };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
