// Requests about cameras and their streams.
import { ProtocolError } from '@shared/protocol';
import type { Scenario, WallState } from '@shared/model/wall';
import type { StreamKind } from '@shared/model/camera';
import { videoCellStreams, type WidgetConfig } from '@shared/model/widget';
import { ownValue } from '@shared/base/own-property';
import { maxPrefetchedStreams, maxSnapshotBytes } from '@shared/protocol/domains/media';
import { saveSnapshot } from './snapshot';
import type { HandlerGroup } from '../session';
import type { CameraCatalogue } from './catalogue';
import type { LiveStreams } from './live-streams';
import type { OnlineRate } from './online-rate';
import { StaticConnector } from './connectors/static/static-connector';

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

export interface MediaHandlerOptions {
  readonly catalogue: CameraCatalogue;
  readonly liveStreams: LiveStreams;
  readonly onlineRate: OnlineRate;
  /**
   * Names one of the core's media addresses, which the demo platform's URL template refers to (each call may
   * name the next one).
   */
  readonly mediaHost: () => string;
  /** The cells a display may show next, for `media.prefetch`: every scenario's and the 返回 wall's. */
  readonly cellsOf: (displayId: string) => readonly (readonly WidgetConfig[])[];
  /**
   * Snapshots go to `<snapshotRoot>/snapshots/`: the workspace, or the writable data folder of a read-only one
   * (see workspace/writable-paths.ts).
   */
  readonly snapshotRoot: string;
}

interface ResolvedStream {
  cameraId: string;
  profile: Profile;
  kind: StreamKind;
  url: string;
  isHeld?: boolean;
}

/**
 * Template cameras resolve as they always did (on the media address given); an on-demand platform's stream is
 * held for the calling window until it sends `media.release` or closes (see live-streams.ts).
 */
export function mediaHandlers(
  options: MediaHandlerOptions,
): HandlerGroup<
  | 'cameras.get'
  | 'cameras.onlineRates'
  | 'media.resolve'
  | 'media.release'
  | 'media.prefetch'
  | 'media.snapshot'
> {
  const { catalogue, liveStreams } = options;
  /** A template camera's stream on `host`, or null when the camera is not a template platform's. */
  const resolveTemplate = (cameraId: string, profile: Profile, host: string) => {
    const found = catalogue.find(cameraId);
    if (!(found?.connector instanceof StaticConnector)) return null;
    const { url, kind } = found.connector.streamAt(found.ref, profile, host);
    return { cameraId, profile, kind, url };
  };
  return {
    async 'cameras.get'({ ids }) {
      const cameras = ids ? ids.flatMap((id) => catalogue.get(id) ?? []) : catalogue.all();
      return { crs: catalogue.crs, cameras: [...cameras] };
    },
    async 'cameras.onlineRates'() {
      return {
        since: options.onlineRate.since,
        areas: options.onlineRate.rates(),
        platforms: catalogue.health(),
      };
    },
    async 'media.resolve'({ cameraId, profile }, context): Promise<ResolvedStream> {
      const template = resolveTemplate(cameraId, profile, options.mediaHost());
      if (template) return template;
      const found = catalogue.find(cameraId);
      if (!found) throw new ProtocolError('not-found', `unknown camera '${cameraId}'`);
      if (!found.connector.capabilities.onDemandLive) {
        const stream = await found.connector.openLive(found.ref, profile);
        return { cameraId, profile, kind: stream.kind, url: stream.url };
      }
      const stream = await liveStreams.open(cameraId, profile, context.session);
      return { cameraId, profile, kind: stream.kind, url: stream.url, isHeld: true };
    },
    async 'media.release'({ cameraId, profile }, context) {
      liveStreams.release(cameraId, profile, context.session);
      return {};
    },
    async 'media.prefetch'({ displayId }) {
      const sources: ResolvedStream[] = [];
      const seen = new Set<string>();
      for (const cells of options.cellsOf(displayId)) {
        for (const { cameraId, profile } of videoCellStreams(cells)) {
          // One address per tile, in cell order, so a scenario's tiles spread over the addresses as they
          // would resolved one by one; an `auto` tile gets both profiles on it.
          const host = options.mediaHost();
          for (const wanted of profile === 'auto' ? profiles : [profile]) {
            const key = `${wanted}\u0000${cameraId}`;
            if (sources.length === maxPrefetchedStreams) return { sources };
            if (seen.has(key)) continue;
            // Only template streams: an on-demand platform would start a stream for every camera of every
            // scenario; an unknown camera is reported when its tile resolves it.
            const source = resolveTemplate(cameraId, wanted, host);
            if (!source) continue;
            seen.add(key);
            sources.push(source);
          }
        }
      }
      return { sources };
    },
    async 'media.snapshot'({ cameraId, png }) {
      if (!catalogue.get(cameraId)) throw new ProtocolError('not-found', `unknown camera '${cameraId}'`);
      return saveSnapshot(options.snapshotRoot, cameraId, Buffer.from(png, 'base64'), {
        maxBytes: maxSnapshotBytes,
      });
    },
  };
}
