// The demo platform's playback: its recordings (demo-recordings.ts) played by the demo media server, which
// re-times them (media/recorded-stream.ts), so 2× and 4× are true speeds.
import type { PlatformCapabilities } from '@shared/model/camera-platform';
import { ConnectorError, type PlaybackControl, type PlaybackStream } from '../../cameras/connector';
import { demoPlaybackStart, demoRecordings } from './demo-recordings';

/** What playback needs of the demo media server (media/media-server.ts). */
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

export interface DemoPlaybackOptions {
  readonly media: DemoRecordingServer;
  /** The WS-FLV address of a playback on the media server (one of its addresses, with the core's scheme). */
  readonly playbackUrl: (playbackId: string) => string;
  readonly clock?: () => number;
}

/** What the demo's recordings can do. */
export const demoPlaybackCapabilities: PlatformCapabilities['playback'] = {
  recordings: true,
  seek: true,
  pause: true,
  speeds: [1, 2, 4],
};

export function createDemoPlayback(options: DemoPlaybackOptions): PlaybackControl {
  const clock = options.clock ?? Date.now;
  return {
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
        seek: async (time) => recorded.seek(time),
        pause: async () => recorded.pause(),
        resume: async () => recorded.resume(),
        setSpeed: async (speed) => recorded.setSpeed(speed),
        stop: async () => options.media.closePlayback(recorded.id),
      };
    },
  };
}
