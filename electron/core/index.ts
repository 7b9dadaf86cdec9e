// The core's composition root: loads the workspace, starts the services and the HTTP server (media,
// renderer files and the WebSocket protocol), and hands out sessions to windows. Never imports Electron.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RequestHandlers } from '@shared/protocol';
import { loadWorkspace, type Workspace } from './workspace/load-workspace';
import { FeedHub } from './feeds/feed-hub';
import { DemoSimulator } from './feeds/demo-simulator';
import { WallService } from './wall/wall-service';
import { CoreSession, type CoreSessionOptions, type EventSender, type SessionContext } from './session';
import { createMediaServer, type MediaServer } from './media/media-server';
import { startHttpServer, type HttpServer } from './server/http-server';
import { workspaceHandlers } from './workspace/workspace-handlers';
import { wallHandlers } from './wall/wall-handlers';
import { feedHandlers } from './feeds/feed-handlers';
import { mediaHandlers } from './media/media-handlers';
import { IncidentStore } from './incidents/incident-store';
import { DemoIncidentSource } from './incidents/demo-incidents';
import { incidentHandlers } from './incidents/incident-handlers';
import { DemoUnits } from './map/demo-units';
import { mapHandlers } from './map/map-handlers';

export { WorkspaceError } from './workspace/workspace-error';
export type { Workspace } from './workspace/load-workspace';
export type { CoreSession } from './session';

export interface CoreOptions {
  /** Address of the core's HTTP server (default 127.0.0.1: never reachable from other machines by default). */
  host?: string;
  /** Port of the HTTP server (default 0: any free port). */
  port?: number;
  /** Folder of the built renderer to serve (both hosts load their windows from the core's origin). */
  rendererDir?: string;
  /** Folder of the demo clips (default: resources/media/clips beside the workspace's resources). */
  clipsDir: string;
  /** Token a WebSocket client must present; null turns the check off (tests). Default: a random token. */
  accessToken?: string | null;
  session?: CoreSessionOptions;
}

export interface Core {
  readonly workspace: Workspace;
  readonly hub: FeedHub;
  readonly wall: WallService;
  readonly incidents: IncidentStore;
  readonly media: MediaServer;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly accessToken: string | null;
  /** Opens a session for one window; its events go to `send`. */
  connect(send: EventSender): CoreSession;
  close(): Promise<void>;
}

/** Loads the workspace (refusing to start on any bad file) and starts every service. */
export async function createCore(workspaceDir: string, options: CoreOptions): Promise<Core> {
  const workspace = await loadWorkspace(path.resolve(workspaceDir));
  const hub = new FeedHub();
  const incidents = new IncidentStore();
  const wall = new WallService(workspace, Date.now, (id) => incidents.get(id)?.position);
  const simulator = new DemoSimulator(hub, workspace.indicators);
  const demoIncidents = new DemoIncidentSource(incidents, workspace.cameras.cameras, workspace.district);
  const units = new DemoUnits(
    workspace.district,
    workspace.cameras.cameras.filter((camera) => camera.isOnline).map((camera) => camera.id),
  );
  const media = createMediaServer({ clipsDir: options.clipsDir });
  const sessions = new Set<CoreSession>();
  const accessToken =
    options.accessToken === undefined ? randomBytes(16).toString('hex') : options.accessToken;

  // Stream URLs of the demo platform name the core's own host:port, known once the server listens.
  const handlers: RequestHandlers<SessionContext> = {
    ...workspaceHandlers(workspace, wall),
    ...wallHandlers(wall),
    ...feedHandlers(),
    ...mediaHandlers(workspace, () => new URL(http.origin).host),
    ...incidentHandlers(incidents),
    ...mapHandlers(workspace.baseMaps, units),
  };

  const connect = (send: EventSender): CoreSession => {
    const session = new CoreSession(handlers, hub, send, options.session);
    sessions.add(session);
    const close = session.close.bind(session);
    session.close = () => {
      sessions.delete(session);
      close();
    };
    return session;
  };

  wall.onChanged((state) => {
    for (const session of sessions) session.send('wall.stateChanged', { state });
  });
  incidents.onChanged((changed, overflow) => {
    for (const session of sessions) session.send('incidents.changed', { incidents: [...changed], overflow });
  });

  const http: HttpServer = await startHttpServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    rendererDir: options.rendererDir,
    media,
    accessToken,
    connect,
  });
  units.onMoved((moved) => {
    for (const session of sessions) session.send('units.moved', { units: [...moved] });
  });
  simulator.start();
  demoIncidents.start();
  units.start();

  return {
    workspace,
    hub,
    wall,
    incidents,
    media,
    origin: http.origin,
    accessToken,
    connect,
    async close() {
      simulator.stop();
      demoIncidents.stop();
      units.stop();
      for (const session of [...sessions]) session.close();
      await http.close();
      await media.close();
    },
  };
}
