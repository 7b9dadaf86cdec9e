// The demo platform as the composition root mounts it: a connector for the workspace's demo cameras (PTZ heads
// with their views on the demo media server), the camera directory PTZ uses until the catalogue replaces it,
// and the test-only PTZ counts when fault injection is on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Workspace } from '../workspace/load-workspace';
import type { CameraDirectory } from '../cameras/connector';
import type { MediaServer } from './media/media-server';
import { DemoConnector, demoCameraDirectory } from './platform/demo-connector';
import { createPtzTestControl } from './platform/ptz-test-control';

export interface DemoPlatformOptions {
  readonly workspace: Workspace;
  readonly media: MediaServer;
  readonly nextHost: () => string;
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
  const connector = new DemoConnector({
    cameras: workspace.cameras.cameras.filter((camera) => camera.platform === platform.id),
    platform,
    nextHost: options.nextHost,
    clipsDir: options.clipsDir,
    media: options.media,
    log: options.log,
  });
  return {
    directory: demoCameraDirectory(connector, workspace.cameras.cameras),
    extraHandlers: options.faultInjection ? [createPtzTestControl(connector, options.accessToken)] : [],
    dispose: () => connector.dispose(),
  };
}
