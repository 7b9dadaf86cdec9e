// Requests about cameras and their streams.
import { ProtocolError } from '@shared/protocol';
import { maxSnapshotBytes } from '@shared/protocol/domains/media';
import { saveSnapshot } from './snapshot';
import type { HandlerGroup } from '../session';
import type { Workspace } from '../workspace/load-workspace';
import { resolveStreamUrl } from '../workspace/stream-url';

/** `mediaHost` is the core's own host:port, which the demo platform's URL template refers to. */
export function mediaHandlers(
  workspace: Workspace,
  mediaHost: () => string,
): HandlerGroup<'cameras.get' | 'media.resolve' | 'media.snapshot'> {
  const camerasById = new Map(workspace.cameras.cameras.map((camera) => [camera.id, camera]));
  const platformsById = new Map(workspace.platforms.map((platform) => [platform.id, platform]));
  return {
    async 'cameras.get'({ ids }) {
      const cameras = ids ? ids.flatMap((id) => camerasById.get(id) ?? []) : workspace.cameras.cameras;
      return { crs: workspace.cameras.crs, cameras };
    },
    async 'media.resolve'({ cameraId, profile }) {
      const camera = camerasById.get(cameraId);
      if (!camera) throw new ProtocolError('not-found', `unknown camera '${cameraId}'`);
      const platform = platformsById.get(camera.platform)!;
      return {
        cameraId,
        profile,
        kind: platform.kind,
        url: resolveStreamUrl(platform, camera.streamId, profile, mediaHost()),
      };
    },
    async 'media.snapshot'({ cameraId, png }) {
      if (!camerasById.has(cameraId)) throw new ProtocolError('not-found', `unknown camera '${cameraId}'`);
      return saveSnapshot(workspace.directory, cameraId, Buffer.from(png, 'base64'), {
        maxBytes: maxSnapshotBytes,
      });
    },
  };
}
