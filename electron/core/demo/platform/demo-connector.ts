// The demo platform as a camera connector: recordings and playback served by the demo media server (PTZ comes
// with the PTZ work; live streams still come from the demo platform's URL template). Minimal on purpose.
import { Emitter } from '@shared/base/emitter';
import type { Camera } from '@shared/model/camera';
import { liveOnlyCapabilities, type PlatformCapabilities } from '@shared/model/camera-platform';
import {
  ConnectorError,
  type CameraConnector,
  type CameraDirectory,
  type PlaybackControl,
  type PlaybackStream,
} from '../../cameras/connector';
import { demoPlaybackStart, demoRecordings } from './demo-recordings';

/** What the connector needs of the demo media server (media/media-server.ts). */
export interface DemoRecordingServer {
  openPlayback(
    streamId: string,
    recordedTime: number,
  ):
    | {
        readonly id: string;
        seek(time: number): void;
        pause(): void;
        resume(): void;
        setSpeed(speed: number): void;
      }
    | undefined;
  closePlayback(id: string): void;
}

export interface DemoConnectorOptions {
  /** The workspace's cameras on the demo platforms (their `streamId` names a clip). */
  readonly cameras: readonly Camera[];
  readonly media: DemoRecordingServer;
  /** The WS-FLV address of a playback on the media server (one of its addresses, with the core's scheme). */
  readonly playbackUrl: (playbackId: string) => string;
  readonly clock?: () => number;
}

/** The demo really re-times its recordings (recorded-stream.ts), so 2× and 4× are true speeds. */
export const demoCapabilities: PlatformCapabilities = {
  ...liveOnlyCapabilities,
  playback: { recordings: true, seek: true, pause: true, speeds: [1, 2, 4] },
};

export function createDemoConnector(options: DemoConnectorOptions): CameraConnector {
  const clock = options.clock ?? Date.now;
  const playback: PlaybackControl = {
    async recordings(camera, from, to) {
      return demoRecordings(camera.cameraId, from, to, clock());
    },
    async start(camera, from): Promise<PlaybackStream> {
      const startsAt = demoPlaybackStart(camera.cameraId, from, clock());
      if (startsAt === undefined) throw new ConnectorError('not-found', '该时间之后没有录像');
      const recorded = options.media.openPlayback(camera.platformCameraId, startsAt);
      if (!recorded) throw new ConnectorError('not-found', `摄像机 ${camera.cameraId} 没有录像`);
      return {
        url: options.playbackUrl(recorded.id),
        kind: 'ws-flv',
        startsAt,
        async seek(time) {
          recorded.seek(time);
        },
        async pause() {
          recorded.pause();
        },
        async resume() {
          recorded.resume();
        },
        async setSpeed(speed) {
          recorded.setSpeed(speed);
        },
        async stop() {
          options.media.closePlayback(recorded.id);
        },
      };
    },
  };
  return {
    platformId: 'demo',
    capabilities: demoCapabilities,
    health: () => ({ platformId: 'demo', state: 'connected', cameras: options.cameras.length, skipped: 0 }),
    onHealth: new Emitter<never>().event,
    onStatus: new Emitter<never>().event,
    onAlarm: new Emitter<never>().event,
    async listCameras() {
      return { cameras: [], skipped: 0 };
    },
    async openLive(camera) {
      throw new ConnectorError('unsupported', `摄像机 ${camera.cameraId} 的实时流由演示平台的地址模板给出`);
    },
    playback,
    dispose: () => undefined,
  };
}

/** The directory of the demo cameras (until the catalogue lists them): each one is the demo connector's. */
export function demoDirectory(connector: CameraConnector, cameras: readonly Camera[]): CameraDirectory {
  const known = new Map(cameras.map((camera) => [camera.id, camera]));
  return {
    find(cameraId) {
      const camera = known.get(cameraId);
      if (!camera) return undefined;
      return { connector, ref: { cameraId, platformCameraId: camera.streamId } };
    },
  };
}
