// The camera services of one core, built from the workspace: a connector per platform, the catalogue over them,
// the on-demand live streams, the online rate, and their changes sent to every window.
import type { Disposable } from '@shared/base/disposable';
import { DisposableStore } from '@shared/base/disposable';
import type { Platform } from '@shared/model/camera';
import type { LonLat } from '@shared/model/common';
import type { CoreSession } from '../session';
import { areasInclude } from '../auth/principal';
import type { Workspace } from '../workspace/load-workspace';
import { CameraCatalogue, type ListingPlatform } from './catalogue';
import { listingPlatforms } from './catalogue-ids';
import type { CameraConnector } from './connector';
import { StaticConnector } from './connectors/static/static-connector';
import { LiveStreams } from './live-streams';
import { OnlineRate, countByArea } from './online-rate';

export interface CameraServicesOptions {
  readonly workspace: Workspace;
  /** The demo media address `{origin}` is filled with (rotating over the core's media ports). */
  readonly mediaHost: () => string;
  /** Writable state folder: the per-platform camera caches go to `<stateDir>/cameras/`. */
  readonly stateDir: string;
  readonly log: (line: string) => void;
  /**
   * The connector of a wvp, ZLMediaKit or ONVIF platform; undefined leaves the platform without one (logged: its
   * cameras are not listed, or an ONVIF platform's have no PTZ). Tests and benches pass doubles here.
   */
  readonly createConnector?: (platform: Platform) => CameraConnector | undefined;
}

export interface CameraServices extends Disposable {
  readonly catalogue: CameraCatalogue;
  readonly liveStreams: LiveStreams;
  readonly onlineRate: OnlineRate;
  /** Loads the caches and starts the listings (which go on in the background). */
  start(): Promise<void>;
  /**
   * Sends catalogue changes to every open window: a signed-in user hears only of cameras of their areas (as
   * `cameras.get` lists them; the cameras the wall shows come with the wall state), machines of every camera.
   */
  broadcast(sessions: Iterable<CoreSession>): Disposable;
  /** Releases every live stream and stops the connectors. */
  close(): Promise<void>;
}

export function createCameraServices(options: CameraServicesOptions): CameraServices {
  const { workspace, log } = options;
  const staticCameras = workspace.cameras.cameras;
  const staticConnectors = new Map<string, StaticConnector>();
  const listing: ListingPlatform[] = [];
  for (const platform of workspace.platforms) {
    if (listingPlatforms([platform]).length === 0) {
      const own = staticCameras.filter((camera) => camera.platform === platform.id);
      // An ONVIF platform plays its templates too; its connector only steers the heads.
      const ptz = platform.connector?.type === 'onvif' ? options.createConnector?.(platform) : undefined;
      if (platform.connector?.type === 'onvif' && !ptz)
        log(`[cameras] no onvif connector for '${platform.id}': its cameras play without PTZ`);
      staticConnectors.set(platform.id, new StaticConnector(platform, own, options.mediaHost, ptz));
      continue;
    }
    const connector = options.createConnector?.(platform);
    if (connector) listing.push({ platform, connector });
    else
      log(
        `[cameras] no ${platform.connector!.type} connector for '${platform.id}': its cameras are not listed`,
      );
  }
  // A camera its platform gives no position goes where cameras.json's cameras of its grid (or street) are.
  const placeByArea = new Map<string, LonLat>();
  for (const camera of staticCameras) {
    if (!placeByArea.has(`grid:${camera.grid}`)) placeByArea.set(`grid:${camera.grid}`, camera.position);
    if (!placeByArea.has(`street:${camera.street}`))
      placeByArea.set(`street:${camera.street}`, camera.position);
  }
  const catalogue = new CameraCatalogue({
    crs: workspace.cameras.crs,
    cameras: staticCameras,
    staticConnectors,
    platforms: listing,
    stateDir: options.stateDir,
    log,
    placeOf: (street, grid) => placeByArea.get(`grid:${grid}`) ?? placeByArea.get(`street:${street}`),
  });
  const liveStreams = new LiveStreams({ directory: catalogue, log });
  const onlineRate = new OnlineRate(Date.now);
  const counted = catalogue.onChanged(() => onlineRate.record(countByArea(catalogue.all())));
  onlineRate.record(countByArea(catalogue.all()));
  return {
    catalogue,
    liveStreams,
    onlineRate,
    async start() {
      await catalogue.start();
      onlineRate.record(countByArea(catalogue.all()));
    },
    broadcast(sessions) {
      const listeners = new DisposableStore();
      const mayHear = (session: CoreSession, cameraId: string) => {
        const principal = session.principal;
        if (principal?.kind !== 'user') return principal !== null;
        const camera = catalogue.get(cameraId);
        return camera !== undefined && areasInclude(principal.areas, camera);
      };
      listeners.add(
        catalogue.onChanged((change) => {
          for (const session of sessions) {
            const added = change.added.filter((camera) => mayHear(session, camera.id));
            // A removed camera is no longer in the catalogue: every window hears of it (only an id).
            if (added.length > 0 || change.removed.length > 0)
              session.send('cameras.listChanged', { added, removed: [...change.removed] });
            const status = change.status.filter((item) => mayHear(session, item.cameraId));
            if (status.length > 0) session.send('cameras.statusChanged', { changes: status });
          }
        }),
      );
      listeners.add(
        catalogue.onHealth((platforms) => {
          for (const session of sessions)
            if (session.principal !== null)
              session.send('cameras.platformsChanged', { platforms: [...platforms] });
        }),
      );
      return listeners;
    },
    dispose() {
      counted.dispose();
      catalogue.dispose();
    },
    async close() {
      counted.dispose();
      catalogue.dispose();
      await liveStreams.dispose();
      for (const { connector } of listing) connector.dispose();
      for (const connector of staticConnectors.values()) connector.dispose();
    },
  };
}
