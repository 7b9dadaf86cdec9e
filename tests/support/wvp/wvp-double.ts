// A double of wvp-GB28181-pro's HTTP API (the real one needs Java, Redis, MySQL and ZLMediaKit): sign-in and token
// expiry, 26,000 channels paged as wvp pages them, on-demand play pointing at a real media server, PTZ, playback,
// alarms, status flips, outages and malformed records — with counters for tests. See README.md beside it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WvpAuth, type WvpApiKeyOption, type WvpUserOption } from './wvp-auth';
import { AlarmEvents, alarmRoutes, alarmTypes, toDeviceAlarm, type WvpAlarmType } from './wvp-alarms';
import { channelRoutes, type Route } from './wvp-channel-routes';
import { generateChannels, malformedKinds, type MalformedKind, type WvpChannel } from './wvp-channels';
import { frontEndRoutes } from './wvp-front-end-routes';
import {
  QueryParameters,
  WvpFailure,
  errorCode,
  formatWvpTime,
  sendFailure,
  sendJson,
  sendNotFound,
  sendSuccess,
  sendUnauthorized,
} from './wvp-replies';
import {
  emptyCounters,
  zlmUrls,
  type MediaServerOption,
  type StreamUrls,
  type WvpCounters,
  type WvpState,
  type WvpVersion,
} from './wvp-state';

export type { WvpChannel } from './wvp-channels';
export type { WvpCounters, WvpVersion, StreamUrls } from './wvp-state';
export { md5Hex } from './wvp-auth';
export { wvpStreets } from './wvp-channels';

export interface WvpDoubleOptions {
  /** Which wvp's routes to serve (default 'master'); see README.md, "Versions". */
  version?: WvpVersion;
  /** Default 26,000. */
  channelCount?: number;
  /** Default 17: the same seed lists the same channels. */
  seed?: number;
  /** Share of channels that start OFF (default 0.05). */
  offlineShare?: number;
  /** Plain passwords; the double stores their MD5. Default: wvp's initial admin / admin. */
  users?: WvpUserOption[];
  apiKeys?: WvpApiKeyOption[];
  /** Token lifetime (wvp: user-settings.login-timeout, 60 minutes by default). */
  tokenLifetimeSeconds?: number;
  /** JwtUtils accepts 30 s of clock skew past `exp`. */
  clockSkewSeconds?: number;
  /** The double's clock (token expiry, alarm times, recordings, counters). Default Date.now. */
  now?: () => number;
  /** The live stream a play answers: an flv URL (the others derived) or all URLs. Default: ZLMediaKit URLs. */
  streamUrlFor?: (channel: WvpChannel) => string | StreamUrls;
  /** The stream a playback answers. Default: `streamUrlFor`'s live stream (the double records nothing). */
  playbackUrlFor?: (channel: WvpChannel, startTime: string) => string | StreamUrls;
  /** The ZLMediaKit node named in answers (default an internal 10.x address, as platforms really answer). */
  mediaServer?: MediaServerOption;
  /** user-settings.server-id. */
  serverId?: string;
  /** SSE keepalive period of 2.7.4's /api/emit (wvp: 1000 ms). */
  keepaliveMs?: number;
  port?: number;
}

/**
 * How the double is down: refusing connections (process gone), answering 500 (its database gone), or accepting
 * requests and never answering (a hung JVM, a dead upstream behind a proxy without timeouts).
 */
export type WvpOutage =
  { mode: 'refuse' } | { mode: 'error'; status?: number; message?: string } | { mode: 'hang' };

export interface WvpDoubleControl {
  readonly counters: WvpCounters;
  /** Channels by database id (gbId); the array is the double's own, in creation order. */
  readonly channels: readonly WvpChannel[];
  channel(channelId: number): WvpChannel;
  /** Channels played and not stopped: channel id → stream id. */
  readonly playing: ReadonlyMap<number, string>;
  /**
   * Flips a channel's status, seen in the next list. Going OFF also raises a VideoLoss alarm (the device's
   * 视频丢失报警; wvp itself raises none for a catalogue status change) unless `alarm` is false.
   */
  setOnline(channelId: number, online: boolean, options?: { alarm?: boolean }): void;
  /** Stores an alarm and, on 2.7.4, pushes it to /api/emit listeners. Returns the alarm id. */
  raiseAlarm(alarm: {
    channelId: number;
    type?: WvpAlarmType;
    description?: string;
    priority?: number;
  }): number;
  /** Adds a channel whose record is malformed as `kind` says (or with these field overrides). Returns its id. */
  injectMalformed(kind: MalformedKind | Record<string, unknown>): number;
  /** Every token issued so far answers 401 from now on, as if its `exp` passed. */
  expireTokens(): void;
  setApiKeyEnabled(key: string, enabled: boolean): void;
  down(outage?: WvpOutage): Promise<void>;
  up(): Promise<void>;
  /** Connected /api/emit listeners (2.7.4). */
  readonly eventListenerCount: number;
  resetCounters(): void;
}

export interface WvpDouble {
  /** Base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly url: string;
  readonly control: WvpDoubleControl;
  close(): Promise<void>;
}

const defaultMediaServer: MediaServerOption = {
  id: 'zlmediakit-local',
  ip: '10.20.30.40',
  httpPort: 80,
  rtmpPort: 1935,
  rtspPort: 554,
};

/** Starts the double on 127.0.0.1 (a free port unless `port` is given). */
export async function startWvpDouble(options: WvpDoubleOptions = {}): Promise<WvpDouble> {
  const version = options.version ?? 'master';
  const now = options.now ?? Date.now;
  const mediaServer = options.mediaServer ?? defaultMediaServer;
  const channels = generateChannels({
    count: options.channelCount ?? 26_000,
    seed: options.seed ?? 17,
    offlineShare: options.offlineShare ?? 0.05,
  });
  const streamUrlFor =
    options.streamUrlFor ??
    ((channel: WvpChannel) => zlmUrls(mediaServer, 'rtp', `${channel.gbParentId}_${channel.gbDeviceId}`));
  const state: WvpState = {
    version,
    now,
    channels,
    channelsById: new Map(channels.map((channel) => [channel.gbId, channel])),
    playing: new Map(),
    playbacks: new Map(),
    alarms: [],
    counters: emptyCounters(),
    streamUrlFor,
    playbackUrlFor: options.playbackUrlFor ?? ((channel) => streamUrlFor(channel)),
    mediaServerId: mediaServer.id,
    serverId: options.serverId ?? '000000',
  };
  const auth = new WvpAuth(
    options.users ?? [{ username: 'admin', password: 'admin' }],
    options.apiKeys ?? [],
    {
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
      clockSkewSeconds: options.clockSkewSeconds ?? 30,
      now,
      serverId: state.serverId,
    },
  );
  const events = new AlarmEvents(options.keepaliveMs ?? 1000);
  const routes: Record<string, Route> = {
    ...channelRoutes,
    ...frontEndRoutes(version),
    ...alarmRoutes(version),
  };
  let outage: WvpOutage | undefined;

  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        sendJson(response, 500, { code: errorCode.serverError.code, msg: String(error), data: null });
      }
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (outage?.mode === 'hang') return;
    if (outage?.mode === 'error') {
      // GlobalExceptionHandler's catch-all: HTTP 500 with the exception's message.
      const message = outage.message ?? 'Failed to obtain JDBC Connection';
      return sendJson(response, outage.status ?? 500, {
        code: errorCode.serverError.code,
        msg: message,
        data: null,
      });
    }
    const url = new URL(request.url ?? '/', 'http://wvp.invalid');
    const search = new URLSearchParams(url.searchParams);
    if (request.method === 'POST') {
      // @RequestParam also binds application/x-www-form-urlencoded bodies.
      const body = await readBody(request);
      if (String(request.headers['content-type']).includes('application/x-www-form-urlencoded')) {
        for (const [name, value] of new URLSearchParams(body)) search.append(name, value);
      }
    }
    const query = new QueryParameters(search);
    try {
      // JwtAuthenticationFilter skips the token check for the login path (equalsIgnoreCase).
      if (url.pathname.toLowerCase() === '/api/user/login') return login(query, response);
      if (url.pathname === '/api/emit') return emit(query, response);
      const credential = auth.check(request, search);
      if (credential.status !== 'valid') {
        state.counters.unauthorized.push({ at: now(), path: url.pathname, reason: credential.status });
        return sendUnauthorized(response);
      }
      const route = routes[url.pathname];
      if (!route) return sendNotFound(response);
      if (request.method !== 'GET') {
        // HttpRequestMethodNotSupportedException → HTTP 400, code 400.
        throw new WvpFailure(errorCode.badRequest.code, errorCode.badRequest.msg, 400);
      }
      sendSuccess(response, route(state, query));
    } catch (error) {
      if (!(error instanceof WvpFailure)) throw error;
      sendFailure(response, error);
    }
  }

  /**
   * /api/user/login, GET or POST (vmanager/user/UserController.java): username and the MD5 of the password as
   * parameters. Success: the LoginUser with `accessToken`, the same token in the `access-token` header. A wrong
   * name or password: Spring's BadCredentialsException, which GlobalExceptionHandler answers with HTTP 200,
   * code 100 (the message is Spring Security's zh_CN text).
   */
  function login(query: QueryParameters, response: http.ServerResponse): void {
    const username = query.requiredText('username');
    const password = query.requiredText('password');
    const result = auth.login(username, password);
    state.counters.logins.push({ at: now(), username, succeeded: result !== undefined });
    if (!result) throw new WvpFailure(errorCode.failed.code, '用户名或密码错误');
    sendSuccess(response, result.user, { 'access-token': result.token });
  }

  /** /api/emit — permitted without a token in both versions; only 2.7.4 maps it (master: 404). */
  function emit(query: QueryParameters, response: http.ServerResponse): void {
    if (version === 'master') return sendNotFound(response);
    events.connect(query.requiredText('browserId'), response);
  }

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const stopListening = async () => {
    events.disconnectAll();
    server.closeAllConnections();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  let nextAlarmId = 1;
  const raiseAlarm: WvpDoubleControl['raiseAlarm'] = (input) => {
    const channel = state.channelsById.get(input.channelId);
    if (!channel) throw new Error(`wvp double: no channel ${input.channelId}`);
    const type = input.type ?? 'MotionDetection';
    const alarm = {
      id: nextAlarmId++,
      channelId: channel.gbId,
      type,
      description: input.description ?? alarmTypes[type].description,
      at: now(),
      priority: input.priority ?? 1,
    };
    state.alarms.push(alarm);
    if (version === '2.7.4') events.sendToAll('message', toDeviceAlarm(alarm, channel));
    return alarm.id;
  };

  const control: WvpDoubleControl = {
    get counters() {
      return state.counters;
    },
    channels,
    channel(channelId) {
      const channel = state.channelsById.get(channelId);
      if (!channel) throw new Error(`wvp double: no channel ${channelId}`);
      return channel;
    },
    playing: state.playing,
    setOnline(channelId, online, setOptions = {}) {
      const channel = control.channel(channelId);
      const wasOnline = channel.online;
      channel.online = online;
      if (wasOnline && !online && setOptions.alarm !== false) raiseAlarm({ channelId, type: 'VideoLoss' });
    },
    raiseAlarm,
    injectMalformed(kind) {
      const overrides = typeof kind === 'string' ? malformedKinds[kind] : kind;
      const template = channels[0]!;
      const gbId = channels.length + 1;
      const channel: WvpChannel = {
        ...template,
        gbId,
        gbDeviceId: `${template.gbCivilCode}0013209${String(gbId).padStart(5, '0')}`,
        gbName: `异常记录-${gbId}`,
        online: true,
        createTime: formatWvpTime(now()),
        overrides,
      };
      channels.push(channel);
      state.channelsById.set(gbId, channel);
      return gbId;
    },
    expireTokens: () => auth.expireAll(),
    setApiKeyEnabled: (key, enabled) => auth.setApiKeyEnabled(key, enabled),
    async down(given = { mode: 'refuse' }) {
      outage = given;
      if (given.mode === 'refuse') await stopListening();
    },
    async up() {
      const wasRefusing = outage?.mode === 'refuse';
      outage = undefined;
      if (wasRefusing && !server.listening) await listen(port);
    },
    get eventListenerCount() {
      return events.connectionCount;
    },
    resetCounters() {
      Object.assign(state.counters, emptyCounters());
    },
  };

  const close = async () => {
    events.close();
    await stopListening();
  };
  return { url: `http://127.0.0.1:${port}`, control, close };
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
