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
import { createFaultControl } from './media/fault-control';

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
  /**
   * Test-only: mounts the media fault-injection control at `/test/media/` (see media/fault-control.ts).
   * Never on by default; the CLI turns it on with `--fault-injection`.
   */
  faultInjection?: boolean;
}

export interface Core {
  readonly workspace: Workspace;
  readonly hub: FeedHub;
  readonly wall: WallService;
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
  const wall = new WallService(workspace);
  const simulator = new DemoSimulator(hub, workspace.indicators);
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

  const http: HttpServer = await startHttpServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    rendererDir: options.rendererDir,
    media,
    accessToken,
    connect,
    extraHandlers: options.faultInjection ? [createFaultControl(media, accessToken)] : [],
  });
  simulator.start();

  return {
    workspace,
    hub,
    wall,
    media,
    origin: http.origin,
    accessToken,
    connect,
    async close() {
      simulator.stop();
      for (const session of [...sessions]) session.close();
      // Media first: its WebSocket viewers are upgraded sockets the HTTP server would wait for forever.
      await media.close();
      await http.close();
    },
  };
}
