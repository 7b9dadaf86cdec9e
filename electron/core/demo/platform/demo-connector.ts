// The embedded demo as a camera platform: its cameras play the demo media server's loops, and the cameras whose
// stream is a PTZ head (`ptz-01`, `ptz-02`) turn and zoom over pre-cut views of one wide scene, switched on the
// live stream at a key frame so the tile never reconnects. Recordings and playback come from demo-playback.ts.
// Counts every move and stop for the tests.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Emitter } from '@shared/base/emitter';
import type { Camera, Platform } from '@shared/model/camera';
import type {
  ConnectorHealth,
  PlatformAlarm,
  PlatformCapabilities,
  PtzPreset,
} from '@shared/model/camera-platform';
import {
  ConnectorError,
  type CameraConnector,
  type CameraDirectory,
  type CameraPage,
  type ConnectorCameraRef,
  type LiveStream,
  type PlaybackControl,
  type PtzControl,
  type StatusChange,
} from '../../cameras/connector';
import { resolveStreamUrl } from '../../cameras/stream-url';
import { parseFlv, type FlvFile } from '../media/flv-parser';
import type { LiveStream as MediaLiveStream } from '../media/live-stream';
import { PtzPosition, viewId, type PtzView } from './ptz-position';
import { demoPlaybackCapabilities } from './demo-playback';

/** Streams of the demo's PTZ heads: their views are `<clipsDir>/ptz/<stream>-c<column>r<row>z<zoom>.flv`. */
export const ptzStreamPattern = /^ptz-\d{2}$/;

/** Presets every demo head has (预置位). */
export const demoPresets: ReadonlyArray<PtzPreset & { readonly view: PtzView }> = [
  { id: '1', name: '全景', view: { column: 1, row: 1, zoom: 0 } },
  { id: '2', name: '西侧近景', view: { column: 0, row: 1, zoom: 1 } },
  { id: '3', name: '东侧近景', view: { column: 2, row: 1, zoom: 1 } },
];

/** While a head moves, how often its view is re-checked (a view lasts 1/1.5 s at full speed). */
const viewCheckMs = 100;
/** Move and stop times kept per head for the test hook. */
const keptTimes = 200;

/** What the tests read: per PTZ stream, every move and stop the platform received and the view shown. */
export interface DemoPtzStats {
  readonly moves: number;
  readonly stops: number;
  readonly moveTimes: readonly number[];
  readonly stopTimes: readonly number[];
  readonly view: string;
}

export interface DemoConnectorOptions {
  /** The workspace's cameras on the demo platforms. */
  readonly cameras: readonly Camera[];
  /** The demo platform whose template plays them (`openLive`). */
  readonly platform: Platform;
  /** The demo's recordings (demo-playback.ts); without it (unit tests) the platform has none. */
  readonly playback?: PlaybackControl;
  /** The media address for the next stream URL (demo media server). */
  readonly nextHost: () => string;
  readonly clipsDir: string;
  /** Where the PTZ streams are published; without it (unit tests) heads move but no picture changes. */
  readonly media?: { publish(id: string, clip: FlvFile): MediaLiveStream };
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

interface Head {
  readonly position: PtzPosition;
  readonly stats: { moves: number; stops: number; moveTimes: number[]; stopTimes: number[]; view: string };
  live: MediaLiveStream | undefined;
  timer: ReturnType<typeof setInterval> | undefined;
}

export class DemoConnector implements CameraConnector {
  readonly platformId: string;
  readonly capabilities: PlatformCapabilities;
  readonly ptz: PtzControl;
  readonly playback: PlaybackControl | undefined;
  private readonly heads = new Map<string, Head>();
  private readonly clips = new Map<string, FlvFile>();
  private readonly healthChanged = new Emitter<ConnectorHealth>();
  private readonly statusChanged = new Emitter<readonly StatusChange[]>();
  private readonly alarmRaised = new Emitter<PlatformAlarm>();
  readonly onHealth = this.healthChanged.event;
  readonly onStatus = this.statusChanged.event;
  readonly onAlarm = this.alarmRaised.event;

  constructor(private readonly options: DemoConnectorOptions) {
    this.platformId = options.platform.id;
    this.playback = options.playback;
    this.capabilities = {
      onDemandLive: false,
      listsCameras: false,
      statusEvents: false,
      alarms: false,
      ptz: { move: true, presets: true, areaZoom: true, centre: true },
      playback: options.playback
        ? demoPlaybackCapabilities
        : { recordings: false, seek: false, pause: false, speeds: [1] },
    };
    const now = options.now ?? Date.now;
    for (const camera of options.cameras) {
      const streamId = camera.streamId;
      if (!ptzStreamPattern.test(streamId) || this.heads.has(streamId)) continue;
      const position = new PtzPosition(now);
      const view = viewId(position.view());
      if (!existsSync(this.viewFile(streamId, view))) {
        options.log?.(`[demo] ${streamId}: no PTZ views in ${options.clipsDir}/ptz (npm run media:clips)`);
        continue;
      }
      const live = options.media?.publish(streamId, this.clip(streamId, view));
      this.heads.set(streamId, {
        position,
        stats: { moves: 0, stops: 0, moveTimes: [], stopTimes: [], view },
        live,
        timer: undefined,
      });
    }
    this.ptz = this.createPtz(now);
  }

  /** Whether the stream is a demo PTZ head with its views. */
  hasPtz(streamId: string): boolean {
    return this.heads.has(streamId);
  }

  /** The test hook: moves and stops received per head, and the view each shows. */
  ptzStats(): Record<string, DemoPtzStats> {
    const stats: Record<string, DemoPtzStats> = {};
    for (const [streamId, head] of this.heads)
      stats[streamId] = { ...head.stats, view: this.showView(streamId, head) };
    return stats;
  }

  health = (): ConnectorHealth => ({
    platformId: this.platformId,
    state: 'connected',
    cameras: this.options.cameras.length,
    skipped: 0,
  });

  async listCameras(): Promise<CameraPage> {
    throw new ConnectorError('unsupported', '演示平台的摄像机来自 cameras.json');
  }

  async openLive(camera: ConnectorCameraRef, profile: 'main' | 'sub'): Promise<LiveStream> {
    const url = resolveStreamUrl(
      this.options.platform,
      camera.platformCameraId,
      profile,
      this.options.nextHost(),
    );
    return { url, kind: this.options.platform.kind, release: async () => undefined };
  }

  dispose(): void {
    for (const head of this.heads.values()) clearInterval(head.timer);
    this.healthChanged.dispose();
    this.statusChanged.dispose();
    this.alarmRaised.dispose();
  }

  private createPtz(now: () => number): PtzControl {
    const headOf = (camera: ConnectorCameraRef) => {
      const head = this.heads.get(camera.platformCameraId);
      if (!head) throw new ConnectorError('unsupported', `${camera.cameraId} 为固定枪机，没有云台`);
      return head;
    };
    const remember = (times: number[]) => {
      times.push(now());
      if (times.length > keptTimes) times.shift();
    };
    return {
      move: async (camera, move) => {
        const head = headOf(camera);
        head.stats.moves++;
        remember(head.stats.moveTimes);
        head.position.start(move);
        // While it turns, the picture follows: the view is re-checked until the stop.
        head.timer ??= setInterval(() => this.showView(camera.platformCameraId, head), viewCheckMs);
      },
      stop: async (camera) => {
        const head = headOf(camera);
        head.stats.stops++;
        remember(head.stats.stopTimes);
        head.position.stop();
        clearInterval(head.timer);
        head.timer = undefined;
        this.showView(camera.platformCameraId, head);
      },
      presets: async (camera) => {
        headOf(camera);
        return demoPresets.map(({ id, name }) => ({ id, name }));
      },
      goToPreset: async (camera, presetId) => {
        const preset = demoPresets.find((candidate) => candidate.id === presetId);
        if (!preset) throw new ConnectorError('not-found', `预置位 ${presetId} 不存在`);
        this.place(camera, (position) => position.goTo(preset.view));
      },
      areaZoom: async (camera, box, zoomIn) =>
        this.place(camera, (position) => position.areaZoom(box, zoomIn)),
      centre: async (camera, point) => this.place(camera, (position) => position.centre(point)),
    };
  }

  private place(camera: ConnectorCameraRef, act: (position: PtzPosition) => void): void {
    const head = this.heads.get(camera.platformCameraId);
    if (!head) throw new ConnectorError('unsupported', `${camera.cameraId} 为固定枪机，没有云台`);
    act(head.position);
    this.showView(camera.platformCameraId, head);
  }

  /** Switches the head's stream to the view it points at now (if it changed); answers the view's id. */
  private showView(streamId: string, head: Head): string {
    const view = viewId(head.position.view());
    if (view !== head.stats.view) {
      head.stats.view = view;
      head.live?.replaceClip(this.clip(streamId, view));
    }
    return view;
  }

  private viewFile(streamId: string, view: string): string {
    return path.join(this.options.clipsDir, 'ptz', `${streamId}-${view}.flv`);
  }

  private clip(streamId: string, view: string): FlvFile {
    const key = `${streamId}-${view}`;
    let clip = this.clips.get(key);
    if (!clip) {
      clip = parseFlv(readFileSync(this.viewFile(streamId, view)));
      this.clips.set(key, clip);
    }
    return clip;
  }
}

/**
 * The demo cameras as a directory (until the catalogue builds one from every platform): each camera the demo
 * connector was given (every demo platform's: the WS-FLV and the HLS one), its stream as the platform-side id,
 * PTZ where its stream is a head.
 */
export function demoCameraDirectory(connector: DemoConnector, cameras: readonly Camera[]): CameraDirectory {
  const byId = new Map(cameras.map((camera) => [camera.id, camera]));
  return {
    find(cameraId) {
      const camera = byId.get(cameraId);
      if (!camera) return undefined;
      return {
        connector,
        ref: { cameraId, platformCameraId: camera.streamId },
        hasPtz: connector.hasPtz(camera.streamId),
      };
    },
  };
}
