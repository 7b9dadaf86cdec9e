// Requests about cameras and their streams.
import { ProtocolError } from '@shared/protocol';
import type { Scenario, WallState } from '@shared/model/wall';
import { videoCellStreams, type WidgetConfig } from '@shared/model/widget';
import { ownValue } from '@shared/base/own-property';
import { maxPrefetchedStreams, maxSnapshotBytes } from '@shared/protocol/domains/media';
import { saveSnapshot } from './snapshot';
import type { HandlerGroup } from '../session';
import type { Workspace } from '../workspace/load-workspace';
import { resolveStreamUrl } from './stream-url';

/**
 * The cells a display may show next: each scenario's cells on it, then the wall 返回 would bring back (the
 * last history entry), then its current cells (a reconnecting window shows those again).
 */
export function upcomingCells(
  displayId: string,
  scenarios: readonly Scenario[],
  state: WallState,
): (readonly WidgetConfig[])[] {
  const lists = [
    ...scenarios.map((scenario) => ownValue(scenario.displays, displayId)?.cells),
    ownValue(state.history.at(-1)?.displays ?? {}, displayId)?.cells,
    ownValue(state.displays, displayId)?.cells,
  ];
  return lists.filter((cells) => cells !== undefined);
}

type Profile = 'main' | 'sub';
const profiles: readonly Profile[] = ['sub', 'main'];

/**
 * `mediaHost` names one of the core's media addresses, which the demo platform's URL template refers to (each
 * call may name the next one). `cellsOf(displayId)` lists the cells a display may show next, for
 * `media.prefetch`: every scenario's and the 返回 wall's. Snapshots go to `<snapshotRoot>/snapshots/`: the
 * workspace, or the writable data folder of a read-only one (see workspace/writable-paths.ts).
 */
export function mediaHandlers(
  workspace: Workspace,
  mediaHost: () => string,
  cellsOf: (displayId: string) => readonly (readonly WidgetConfig[])[],
  snapshotRoot: string = workspace.directory,
): HandlerGroup<'cameras.get' | 'media.resolve' | 'media.prefetch' | 'media.snapshot'> {
  const camerasById = new Map(workspace.cameras.cameras.map((camera) => [camera.id, camera]));
  const platformsById = new Map(workspace.platforms.map((platform) => [platform.id, platform]));
  const resolve = (cameraId: string, profile: Profile, host: string) => {
    const camera = camerasById.get(cameraId);
    if (!camera) return null;
    const platform = platformsById.get(camera.platform)!;
    return {
      cameraId,
      profile,
      kind: platform.kind,
      url: resolveStreamUrl(platform, camera.streamId, profile, host),
    };
  };
  return {
    async 'cameras.get'({ ids }) {
      const cameras = ids ? ids.flatMap((id) => camerasById.get(id) ?? []) : workspace.cameras.cameras;
      return { crs: workspace.cameras.crs, cameras };
    },
    async 'media.resolve'({ cameraId, profile }) {
      const source = resolve(cameraId, profile, mediaHost());
      if (!source) throw new ProtocolError('not-found', `unknown camera '${cameraId}'`);
      return source;
    },
    async 'media.prefetch'({ displayId }) {
      const sources: NonNullable<ReturnType<typeof resolve>>[] = [];
      const seen = new Set<string>();
      for (const cells of cellsOf(displayId)) {
        for (const { cameraId, profile } of videoCellStreams(cells)) {
          // One address per tile, in cell order, so a scenario's tiles spread over the addresses as they
          // would resolved one by one; an `auto` tile gets both profiles on it.
          const host = mediaHost();
          for (const wanted of profile === 'auto' ? profiles : [profile]) {
            const key = `${wanted}\u0000${cameraId}`;
            if (sources.length === maxPrefetchedStreams) return { sources };
            if (seen.has(key)) continue;
            const source = resolve(cameraId, wanted, host);
            if (!source) continue; // an unknown camera is reported when its tile resolves it
            seen.add(key);
            sources.push(source);
          }
        }
      }
      return { sources };
    },
    async 'media.snapshot'({ cameraId, png }) {
      if (!camerasById.has(cameraId)) throw new ProtocolError('not-found', `unknown camera '${cameraId}'`);
      return saveSnapshot(snapshotRoot, cameraId, Buffer.from(png, 'base64'), {
        maxBytes: maxSnapshotBytes,
      });
    },
  };
}
