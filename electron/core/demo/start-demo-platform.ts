// The demo platform as the composition root mounts it: a connector for the workspace's demo cameras (PTZ heads
// with their views on the demo media server, recordings it plays back), the camera directory PTZ and playback
// use until the catalogue replaces it, and the test-only PTZ counts when fault injection is on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Workspace } from '../workspace/load-workspace';
import type { CameraDirectory } from '../cameras/connector';
import type { MediaServer } from './media/media-server';
import { DemoConnector, demoCameraDirectory } from './platform/demo-connector';
import { createDemoPlayback } from './platform/demo-playback';
import { createPtzTestControl } from './platform/ptz-test-control';

export interface DemoPlatformOptions {
  readonly workspace: Workspace;
  readonly media: MediaServer;
  readonly nextHost: () => string;
  /** The WS-FLV address of a playback on the media server (with the core's scheme). */
  readonly playbackUrl: (playbackId: string) => string;
  readonly clipsDir: string;
  readonly faultInjection: boolean;
  readonly accessToken: string | null;
  readonly log: (line: string) => void;
}

export interface DemoPlatform {
  readonly directory: CameraDirectory;
  readonly extraHandlers: ReadonlyArray<(request: IncomingMessage, response: ServerResponse) => boolean>;
  dispose(): void;
}

/** The demo connector over the workspace's first demo platform with templates; an empty directory without one. */
export function createDemoPlatform(options: DemoPlatformOptions): DemoPlatform {
  const { workspace } = options;
  const platform = workspace.platforms.find((candidate) => candidate.vendor === 'demo' && candidate.url);
  if (!platform) return { directory: { find: () => undefined }, extraHandlers: [], dispose: () => undefined };
  const demoPlatformIds = new Set(
    workspace.platforms.filter((candidate) => candidate.vendor === 'demo').map((candidate) => candidate.id),
  );
  const cameras = workspace.cameras.cameras.filter((camera) => demoPlatformIds.has(camera.platform));
  const connector = new DemoConnector({
    cameras,
    platform,
    playback: createDemoPlayback({ media: options.media, playbackUrl: options.playbackUrl }),
    nextHost: options.nextHost,
    clipsDir: options.clipsDir,
    media: options.media,
    log: options.log,
  });
  return {
    directory: demoCameraDirectory(connector, cameras),
    extraHandlers: options.faultInjection ? [createPtzTestControl(connector, options.accessToken)] : [],
    dispose: () => connector.dispose(),
  };
}
