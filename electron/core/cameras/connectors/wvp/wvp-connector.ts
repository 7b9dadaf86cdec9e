// The connector for wvp-GB28181-pro: lists its channels a page at a time, starts and stops on-demand live streams,
// steers PTZ, plays recordings and watches alarms — probing which of wvp's versions it talks to (master or 2.7.4)
// and degrading where their routes differ. Its health feeds the console's source strip. See README.md beside it.
import { randomUUID } from 'node:crypto';
import { Emitter } from '@shared/base/emitter';
import type { Platform } from '@shared/model/camera';
import type { ConnectorHealth, PlatformAlarm, PlatformCapabilities } from '@shared/model/camera-platform';
import type { wvpConnectorSchema } from '@shared/model/camera-connectors';
import type { z } from 'zod';
import {
  ConnectorError,
  type CameraConnector,
  type CameraPage,
  type LiveStream,
  type PlatformCamera,
  type StatusChange,
} from '../../connector';
import { readSecret } from '../../read-secret';
import { AlarmWatch, type WvpVersion } from './wvp-alarm-watch';
import { WvpHttp, type WvpReachability } from './wvp-http';
import { createWvpPlayback, wvpPlaybackSpeeds } from './wvp-playback';
import { createWvpPtz } from './wvp-ptz';
import { gbCodeOf, pageSchema, streamKindOf, toPlatformCamera, type WvpAlarm } from './wvp-records';
import { rewriteHost } from './rewrite-host';

export type WvpConnectorConfig = z.infer<typeof wvpConnectorSchema>;

export interface WvpConnectorOptions {
  /** Relative secret files are read against it. */
  readonly workspaceDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Each request's timeout (default 10 s): a hung wvp must not hold a tile or the source strip forever. */
  readonly requestTimeoutMs?: number;
  /** Channels per page of the listing (default 1,000; wvp's PageHelper takes any count). */
  readonly pageSize?: number;
  /** Overrides `alarmPollSeconds` (tests). */
  readonly alarmPollMs?: number;
  /** Silence after which 2.7.4's event stream is re-opened (default 15 s; tests shorten it). */
  readonly eventStreamSilenceMs?: number;
  /** Delays between sign-ins after a refused password (default 5 s doubling to 5 min). */
  readonly loginBackoff?: { readonly initialMs: number; readonly maxMs: number };
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
}

/** A wvp connector, with what it found out about the server. */
export interface WvpConnector extends CameraConnector {
  /** Which wvp the probe found; undefined until it has answered. */
  readonly version: WvpVersion | undefined;
  /** Probes the version (once; again after a failure) and sets the capabilities; resolves with the version. */
  probe(): Promise<WvpVersion>;
  /** Resolves once `dispose` has stopped the streams it still held. */
  whenDisposed(): Promise<void>;
}

const playBase = '/api/common/channel';

/** Both versions' common routes; area zoom and alarms are set by the probe. */
function capabilitiesFor(hasAlarms: boolean, hasAreaZoom: boolean): PlatformCapabilities {
  return {
    onDemandLive: true,
    listsCameras: true,
    // wvp raises no event for a channel's status change (neither version): the catalogue's re-listing finds
    // them; VideoLoss alarms are passed on as a hint through onStatus.
    statusEvents: false,
    alarms: hasAlarms,
    ptz: { move: true, presets: true, areaZoom: hasAreaZoom, centre: false },
    playback: { recordings: true, seek: true, pause: true, speeds: wvpPlaybackSpeeds },
  };
}

/** Connects to the wvp platform `platform` (whose `connector.type` must be 'wvp'). Probing starts at once. */
export function createWvpConnector(platform: Platform, options: WvpConnectorOptions): WvpConnector {
  const config = platform.connector;
  if (config?.type !== 'wvp') throw new Error(`platform ${platform.id} has no wvp connector`);
  const now = options.now ?? Date.now;
  const lifetime = new AbortController();
  const held = new Set<() => Promise<void>>();
  const healthEmitter = new Emitter<ConnectorHealth>();
  const statusEmitter = new Emitter<readonly StatusChange[]>();
  const alarmEmitter = new Emitter<PlatformAlarm>();
  let health: ConnectorHealth = { platformId: platform.id, state: 'connecting', cameras: 0, skipped: 0 };
  let reachability: WvpReachability = { reachable: true };
  let signInProblem: string | undefined;
  let version: WvpVersion | undefined;
  let hasAreaZoom = false;
  let capabilities = capabilitiesFor(false, false);
  /** What works less than it should while the platform is up (no alarm route): shown as 'degraded'. */
  let limitation: string | undefined;
  let probing: Promise<WvpVersion> | undefined;
  let alarmWatch: AlarmWatch | undefined;
  let isDisposed = false;
  let disposed: Promise<void> | undefined;
  /** GB code → gbId from the listings, for 2.7.4's alarms (which name the channel by its code). */
  const gbIdsByCode = new Map<string, string>();
  let listing = { cameras: 0, skipped: 0 };

  const updateHealth = (change: Partial<ConnectorHealth>) => {
    const next = { ...health, ...change };
    const problem = signInProblem ?? (reachability.reachable ? undefined : reachability.problem);
    // Connecting until the first answer; down while a problem stands; degraded with a limitation; else connected.
    if (problem !== undefined) next.state = 'down';
    else if (next.state !== 'connecting') next.state = limitation === undefined ? 'connected' : 'degraded';
    const shown = problem ?? (next.state === 'degraded' ? limitation : undefined);
    if (shown === undefined) delete next.problem;
    else next.problem = shown;
    if (JSON.stringify(next) === JSON.stringify(health)) return;
    health = next;
    healthEmitter.fire(health);
  };

  const secretReader = (secret: NonNullable<WvpConnectorConfig['password']>) => () =>
    readSecret(secret, { workspaceDir: options.workspaceDir, env: options.env });
  const http = new WvpHttp({
    baseUrl: config.baseUrl.replace(/\/+$/, ''),
    ...(config.apiKey ? { apiKey: secretReader(config.apiKey) } : {}),
    ...(config.username && config.password
      ? { user: { username: config.username, password: secretReader(config.password) } }
      : {}),
    timeoutMs: options.requestTimeoutMs ?? 10_000,
    signal: lifetime.signal,
    now,
    loginBackoff: { initialMs: 5_000, maxMs: 300_000, ...options.loginBackoff },
    onReachability: (state) => {
      reachability = state;
      if (!isDisposed) updateHealth({ state: state.reachable ? 'connected' : 'down' });
    },
    onSignIn: (problem) => {
      signInProblem = problem;
      if (!isDisposed) updateHealth({});
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  /** StreamContent's address chosen by `stream`, its host rewritten to where the wall reaches the media server. */
  const addressOf = (content: unknown) => {
    const kind = streamKindOf[config.stream];
    if (!kind) throw new ConnectorError('unsupported', `墙面播放器不支持 wvp 的 ${config.stream} 地址`);
    const url = (content as Record<string, unknown> | null)?.[config.stream];
    if (typeof url !== 'string' || url === '') {
      throw new ConnectorError('malformed', `wvp 的播放回答中没有 ${config.stream} 地址`);
    }
    return { url: rewriteHost(url, config.hostRewrite), kind };
  };

  /** Keeps a stream's stop until it is released; returns the un-hold. */
  const hold = (stop: () => Promise<void>) => {
    held.add(stop);
    return () => void held.delete(stop);
  };

  const deliverAlarms = (alarms: readonly WvpAlarm[]) => {
    const lost: StatusChange[] = [];
    for (const alarm of alarms) {
      const platformCameraId =
        alarm.channel === undefined
          ? undefined
          : 'gbId' in alarm.channel
            ? alarm.channel.gbId
            : gbIdsByCode.get(alarm.channel.gbCode);
      alarmEmitter.fire({
        platformId: platform.id,
        alarmId: alarm.id.slice(0, 200),
        time: alarm.time,
        type: alarm.type,
        description: alarm.description,
        ...(platformCameraId ? { platformCameraId } : {}),
      });
      // 视频丢失 is the only hint of a camera going dark between listings; the next listing confirms or undoes it.
      if (alarm.isVideoLoss && platformCameraId) lost.push({ platformCameraId, status: 'offline' });
    }
    if (lost.length > 0) statusEmitter.fire(lost);
  };

  const probe = (): Promise<WvpVersion> => {
    probing ??= (async () => {
      // Both versions call themselves 2.7.4 in their pom and master has no version route: tell them apart by
      // the routes that differ (README "Versions"). The probes name no channel, so nothing moves.
      const firstAlarm = { page: 1, count: 1 };
      const alarmRoute = (await http.hasRoute('/api/alarm/list', firstAlarm))
        ? 'master'
        : (await http.hasRoute('/api/alarm/all', firstAlarm))
          ? '2.7.4'
          : undefined;
      hasAreaZoom = await http.hasRoute(`${playBase}/front-end/drag_zoom_in`);
      // Without either alarm route (a trimmed or older build) everything else still works: degraded, not down.
      const found: WvpVersion = alarmRoute ?? 'master';
      version = found;
      capabilities = capabilitiesFor(alarmRoute !== undefined, hasAreaZoom);
      limitation = alarmRoute === undefined ? '此 wvp 没有报警接口，报警不可用' : undefined;
      updateHealth({});
      if (!isDisposed && alarmRoute !== undefined) {
        alarmWatch = new AlarmWatch({
          http,
          version: found,
          pollMs: options.alarmPollMs ?? config.alarmPollSeconds * 1000,
          browserId: `tianmu-${platform.id}-${randomUUID().slice(0, 8)}`,
          deliver: deliverAlarms,
          ...(options.eventStreamSilenceMs ? { silenceMs: options.eventStreamSilenceMs } : {}),
        });
        alarmWatch.start();
      }
      return found;
    })();
    probing.catch(() => (probing = undefined));
    return probing;
  };

  const connector: WvpConnector = {
    platformId: platform.id,
    get capabilities() {
      return capabilities;
    },
    get version() {
      return version;
    },
    health: () => health,
    onHealth: healthEmitter.event,
    onStatus: statusEmitter.event,
    onAlarm: alarmEmitter.event,
    probe,

    async listCameras(next?: string): Promise<CameraPage> {
      const page = next === undefined ? 1 : Number(next);
      if (!Number.isInteger(page) || page < 1) throw new ConnectorError('refused', `无效的分页标记：${next}`);
      if (version === undefined) void probe().catch(() => undefined);
      const count = options.pageSize ?? 1000;
      const answer = pageSchema.safeParse(await http.get(`${playBase}/list`, { page, count }));
      if (!answer.success) throw new ConnectorError('malformed', 'wvp 的通道列表不是分页结果');
      if (page === 1) listing = { cameras: 0, skipped: 0 };
      const cameras: PlatformCamera[] = [];
      for (const row of answer.data.list) {
        const camera = toPlatformCamera(row);
        if (!camera) continue;
        cameras.push(camera);
        const code = gbCodeOf(row);
        if (code) gbIdsByCode.set(code, camera.platformCameraId);
      }
      const skipped = answer.data.list.length - cameras.length;
      listing = { cameras: listing.cameras + cameras.length, skipped: listing.skipped + skipped };
      // PageInfo.hasNextPage; an empty page ends the walk whatever it says (a page past the end is empty).
      const hasNext = answer.data.hasNextPage === true && answer.data.list.length > 0;
      if (!hasNext) updateHealth({ listedAt: now(), cameras: listing.cameras, skipped: listing.skipped });
      return {
        cameras,
        skipped,
        ...(hasNext ? { next: String(page + 1) } : {}),
        ...(answer.data.total !== undefined ? { total: answer.data.total } : {}),
      };
    },

    async openLive(camera, _profile): Promise<LiveStream> {
      // wvp invites one stream per channel; GB28181 devices choose their sub-stream by their own setting, so the
      // profile is not sent (the tile scales what it gets).
      const parameters = { channelId: camera.platformCameraId };
      const address = addressOf(await http.get(`${playBase}/play`, parameters));
      const stop = async () => {
        await http.get(`${playBase}/play/stop`, parameters);
      };
      const unhold = hold(stop);
      let released: Promise<void> | undefined;
      return {
        ...address,
        release() {
          released ??= (unhold(), stop());
          return released;
        },
      };
    },

    ptz: createWvpPtz(http, () => hasAreaZoom),
    playback: createWvpPlayback({ http, addressOf, hold }),

    dispose() {
      if (isDisposed) return;
      isDisposed = true;
      alarmWatch?.stop();
      // Stop what tiles still hold before the lifetime's abort cuts every request short.
      const stops = [...held].map((stop) => stop().catch(() => undefined));
      held.clear();
      disposed = Promise.all(stops).then(() => undefined);
      void disposed.finally(() => lifetime.abort());
      healthEmitter.dispose();
      statusEmitter.dispose();
      alarmEmitter.dispose();
    },
    whenDisposed: () => disposed ?? Promise.resolve(),
  };
  void probe().catch(() => undefined);
  return connector;
}
