// The core's composition root: loads the workspace, starts the services and the HTTP server (media,
// renderer files and the WebSocket protocol), and hands out sessions to windows. Never imports Electron.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RequestHandlers } from '@shared/protocol';
import { loadWorkspace, type Workspace } from './workspace/load-workspace';
import { writablePaths } from './workspace/writable-paths';
import { FeedHub } from './feeds/feed-hub';
import { TopicCatalogue } from './feeds/topic-catalogue';
import type { WallService } from './wall/wall-service';
import { resumeWallState } from './wall/resume-wall-state';
import { ScenarioCatalog } from './scenarios/scenario-catalog';
import { ScenarioAdvisor } from './scenarios/scenario-advisor';
import { scenarioHandlers } from './scenarios/scenario-handlers';
import { SourceManager } from './feeds/source-manager';
import { LevelWatcher } from './feeds/level-watcher';
import { sourceHandlers } from './feeds/source-handlers';
import {
  CoreSession,
  type CoreSessionOptions,
  type EventSender,
  type SessionContext,
  type SessionIdentity,
} from './session';
import { OpenSessions, broadcastToSessions } from './session-broadcasts';
import { startHttpServer, type HttpServer } from './server/http-server';
import { workspaceHandlers } from './workspace/workspace-handlers';
import { wallHandlers } from './wall/wall-handlers';
import { feedHandlers } from './feeds/feed-handlers';
import { mediaHandlers, upcomingCells } from './cameras/media-handlers';
import { playbackHandlers } from './cameras/playback-handlers';
import { PlaybackSessions } from './cameras/playback-sessions';
import { IncidentStore } from './incidents/incident-store';
import { incidentHandlers } from './incidents/incident-handlers';
import { IncidentLog } from './incidents/incident-log';
import { loadAlarmSettings } from './incidents/load-alarm-settings';
import { mapHandlers } from './map/map-handlers';
import { createBaseMapTiles } from './map/base-map-tiles';
import { contentSecurityPolicy } from './server/content-security-policy';
import { createSessionEndpoint } from './server/session-endpoint';
import type { Journal } from './journal/journal';
import { journalHandlers } from './journal/journal-handlers';
import { localAdmin, type SignIn } from './auth/sign-in';
import { createTrustBoundary } from './auth/trust-boundary';
import { createDemoWorld, demoTopicPrefixes } from './demo/start-demo-world';
import { createDemoMedia } from './demo/start-demo-media';
import { demoHandlers } from './demo/demo-handlers';
import { createDemoConnector, demoDirectory } from './demo/platform/demo-connector';
import type { TyphoonScript } from './demo/world/typhoon-script';
import type { MediaServer } from './demo/media/media-server';

import { prepareServer, serverFacts, type CoreServerFacts } from './server/server-settings';

export { WorkspaceError } from './files/workspace-error';
export type { CoreServerFacts } from './server/server-settings';
export type { Workspace } from './workspace/load-workspace';
export type { CoreSession } from './session';

export interface CoreOptions {
  /**
   * Address of the core's HTTP server (`--listen`; with `port`, overrides the workspace's `server.listen`).
   * Default 127.0.0.1: never reachable from other machines unless configured. Off loopback TLS is required
   * (server/listen-policy.ts).
   */
  host?: string;
  /** Port of the HTTP server (default 0: any free port). */
  port?: number;
  /** Port on 127.0.0.1 when neither host/port nor the workspace's `server.listen` say (default 0). */
  defaultPort?: number;
  /** `--tls-cert` / `--tls-key` (override the workspace's `server.tls`). */
  tls?: { certificateFile: string; keyFile: string };
  /** More host names other machines use (override the workspace's `server.names`). */
  names?: readonly string[];
  /** `--insecure-lan`: plain HTTP off loopback, announced by a red banner in every window. */
  insecureLan?: boolean;
  /** Folder of the built renderer to serve (both hosts load their windows from the core's origin). */
  rendererDir?: string;
  /** Folder of the demo clips (default: resources/media/clips beside the workspace's resources). */
  clipsDir: string;
  /**
   * The wall machines' token (their credential: read and play, never command); null turns every credential
   * check off and signs every connection in as the console would be (tests). Default: a random token.
   */
  accessToken?: string | null;
  /**
   * A user of users.json the local console starts signed in as, through a start ticket in its URL (default:
   * `operator` for the embedded demo, else none: a workspace with users starts its console at the login page).
   */
  consoleUser?: string | null;
  /** Write no journal (benchmarks measuring the journal's cost); default: the journal is on. */
  isJournalOff?: boolean;
  session?: CoreSessionOptions;
  /**
   * Folder of the saved wall state (default `<workspace>/.state`); for a read-only workspace also the data folder
   * of snapshots and imported packs (see workspace/writable-paths.ts).
   */
  stateDir?: string;
  /** The workspace is the embedded demo, shipped with the app: it is never written. */
  isEmbeddedDemo?: boolean;
  /** The installed application's folder (read-only): a workspace inside it is never written. */
  appDir?: string;
  /** The platform's per-user data folder (Electron's `userData` in an installed app). */
  userDataDir?: string;
  /** Where the core's own log lines go (default console.log). */
  log?: (line: string) => void;
  /** Start the demo typhoon script at once (`--demo-typhoon`). */
  demoTyphoon?: boolean;
  /** Mean seconds between two demo incidents (default 25; end-to-end tests ask for fewer). */
  demoIncidentSeconds?: number;
  /** History points the feed hub keeps per topic (default 4,000); the soak bench makes it small. */
  historyPoints?: number;
  /**
   * Test-only: mounts the media fault-injection control at `/test/media/` (see demo/media/fault-control.ts).
   * Never on by default; the CLI turns it on with `--fault-injection`.
   */
  faultInjection?: boolean;
  /**
   * Ports the demo media server answers on besides the core's own (default 3). Chromium connects WebSockets
   * to one host:port one at a time, so a wall of 32 tiles on one port spends 0.4 s in handshakes alone;
   * see demo/media/media-listeners.ts.
   */
  extraMediaPorts?: number;
}

export interface Core {
  readonly workspace: Workspace;
  readonly hub: FeedHub;
  readonly wall: WallService;
  readonly incidents: IncidentStore;
  readonly advisor: ScenarioAdvisor;
  readonly sources: SourceManager;
  readonly typhoon: TyphoonScript;
  readonly media: MediaServer;
  /** `http(s)://ADDRESS:PORT`, loadable on this machine (a wildcard listener is named by loopback). */
  readonly origin: string;
  /** How the core listens: what the CLI prints and the Electron shell trusts. */
  readonly server: CoreServerFacts;
  /** The wall machines' token (see CoreOptions.accessToken). */
  readonly accessToken: string | null;
  /** The console's start ticket for its URL, or null: the console starts at the login page. */
  readonly consoleTicket: string | null;
  readonly signIn: SignIn;
  readonly journal: Journal | null;
  /**
   * Opens a session for one window; its events go to `send`. Without an identity it is the local console's
   * (the start ticket's principal; in-process hosts and tests).
   */
  connect(send: EventSender, identity?: SessionIdentity): CoreSession;
  close(): Promise<void>;
}

/** Loads the workspace (refusing to start on any bad file) and starts every service. */
export async function createCore(workspaceDir: string, options: CoreOptions): Promise<Core> {
  const writable = writablePaths({
    workspaceDir: path.resolve(workspaceDir),
    isEmbeddedDemo: options.isEmbeddedDemo ?? false,
    appDir: options.appDir ?? null,
    stateDir: options.stateDir === undefined ? null : path.resolve(options.stateDir),
    userDataDir: options.userDataDir ?? null,
  });
  const loadedWorkspace = await loadWorkspace(path.resolve(workspaceDir), {
    scenarioOverlay: writable.scenarioOverlay,
  });
  // Where to listen is decided before anything starts: off loopback without TLS nothing does.
  const server = await prepareServer(options, loadedWorkspace);
  const workspace: Workspace = {
    ...loadedWorkspace,
    platforms: loadedWorkspace.platforms.map(server.withCoreScheme),
  };
  const log = options.log ?? ((line: string) => console.log(line));
  const host = server.settings.listen.host;
  // The hub keeps catalogue topics only: a backend's endless distinct keys are refused, not stored.
  const hub = new FeedHub({
    ...(options.historyPoints ? { historyLength: options.historyPoints } : {}),
    catalogue: new TopicCatalogue({
      indicators: workspace.indicators,
      gridIds: workspace.district.features
        .filter((feature) => feature.properties.kind === 'grid')
        .map((feature) => feature.properties.id),
      gridPrefixes: [...demoTopicPrefixes],
    }),
  });
  const catalog = new ScenarioCatalog(workspace.scenarios, workspace.scenarioFiles);
  const incidents = new IncidentStore();
  // Incidents and the room's steps on them come back after a restart or kill -9, before any source re-sends them.
  const alarmSettings = await loadAlarmSettings(workspace.directory);
  const { log: incidentLog, loaded: savedIncidents } = await IncidentLog.open(
    { directory: writable.state, log },
    () => incidents.list(),
  );
  incidents.restore(savedIncidents.incidents);
  incidents.onChanged((changed) => incidentLog.append(changed));
  const { wall, store } = await resumeWallState({
    workspace,
    scenarios: catalog,
    stateDir: writable.state,
    log,
    incidentPosition: (incidentId) => incidents.get(incidentId)?.position,
  });
  const advisor = new ScenarioAdvisor({
    scenarios: () => catalog.all(),
    activeScenarioId: () => wall.state.scenarioId,
    automatic: new Set(workspace.manifest.automaticSwitching ?? []),
    activate: (scenarioId) => {
      wall.execute({ type: 'scenario.activate', scenarioId });
      // An automatic 平急转换 is the core's own act: journaled with the system as its actor.
      audit.system({
        action: 'scenario.switched',
        target: { kind: 'scenario', id: scenarioId },
        result: 'ok',
        detail: { automatic: true },
      });
    },
    log,
  });
  const sessions = new OpenSessions();
  const demo = createDemoWorld({
    workspace,
    hub,
    incidents,
    incidentMeanSeconds: options.demoIncidentSeconds,
    broadcast: sessions.broadcast,
  });
  const sources = new SourceManager(workspace.sources, {
    hub,
    incidents,
    createDemoSource: (source, sink) => demo.createSource(source, sink),
  });
  const levels = new LevelWatcher(hub, workspace.indicators);
  const accessToken =
    options.accessToken === undefined ? randomBytes(16).toString('hex') : options.accessToken;
  const { journal, audit, signIn, protect } = await createTrustBoundary({
    workspace,
    stateDir: writable.state,
    host,
    consoleUser: options.consoleUser ?? (options.isEmbeddedDemo ? 'operator' : null),
    machineToken: accessToken,
    isJournalOff: options.isJournalOff ?? false,
    sessions: () => sessions,
    wallState: () => wall.state,
    scenarios: () => catalog.all(),
    // Recordings were opened as that user: they stop with the sign-out, not with the window.
    signedOut: (session) => void playbacks.closeOwner(session),
    log,
  });
  // The core's own pages read streams from the extra media ports too (cross-origin to them): that origin only.
  const media = createDemoMedia({
    clipsDir: options.clipsDir,
    host,
    extraMediaPorts: options.extraMediaPorts ?? 3,
    faultInjection: options.faultInjection ?? false,
    accessToken,
    isAllowedOrigin: (origin) => http.isOwnOrigin(origin),
    coreHost: () => new URL(http.origin).host,
    listeners: { tls: server.tls ?? undefined, names: server.names },
    hostName: server.mediaHostName,
  });

  // Until the catalogue lands: the demo platform's cameras are the directory playback goes through.
  const demoPlatformIds = new Set(
    workspace.platforms.filter((platform) => platform.vendor === 'demo').map((platform) => platform.id),
  );
  const demoCameras = workspace.cameras.cameras.filter((camera) => demoPlatformIds.has(camera.platform));
  const demoConnector = createDemoConnector({
    cameras: demoCameras,
    media: media.server,
    playbackUrl: (playbackId) =>
      `${server.settings.scheme === 'https' ? 'wss' : 'ws'}://${media.nextHost()}/media/playback/${playbackId}.flv`,
  });
  const playbacks = new PlaybackSessions<CoreSession>({
    directory: demoDirectory(demoConnector, demoCameras),
    ended: (session, viewing) => audit.playbackViewed(session, viewing),
    log,
  });

  const unchecked: RequestHandlers<SessionContext> = {
    ...workspaceHandlers(workspace, wall, hub.historyLength, {
      isInsecureLan: server.settings.isInsecureLan,
    }),
    ...signIn.handlers(),
    ...wallHandlers(wall),
    ...scenarioHandlers(workspace, catalog, advisor, writable.scenarioOverlay),
    ...feedHandlers(),
    ...mediaHandlers(
      workspace,
      () => media.nextHost(),
      (displayId) => upcomingCells(displayId, catalog.all(), wall.state),
      writable.snapshotRoot,
    ),
    ...playbackHandlers(playbacks),
    ...incidentHandlers({
      store: incidents,
      settings: alarmSettings,
      sync: () => incidentLog.sync(),
      // Without users.json the loopback console is the local administrator: named so in the history.
      nameOf: (userId) =>
        workspace.users?.users.find((user) => user.id === userId)?.displayName ??
        (localAdmin.kind === 'user' && userId === localAdmin.userId ? '本地管理员' : undefined),
    }),
    ...sourceHandlers({ sources, levels, incidents, sessions: () => sessions }),
    ...demoHandlers({ sources, typhoon: demo.typhoon }),
    ...mapHandlers(workspace.baseMaps, demo.units, demo.sensors, process.env, accessToken),
    ...journalHandlers(journal, audit),
  };
  // The request-level check is in CoreSession.dispatch; cameras and audited acts wrap their handlers here.
  const handlers = protect(unchecked);
  const connect = (
    send: EventSender,
    identity: SessionIdentity = { principal: signIn.consolePrincipal, address: 'local' },
  ): CoreSession => {
    const session = new CoreSession(handlers, hub, send, options.session, identity, signIn.guard);
    // Views (调阅) end when the window's session closes (a second close finds no open views).
    const close = session.close.bind(session);
    session.close = () => {
      // A window's playbacks end with it (each journaled as the 调阅 of a recording).
      void playbacks.closeOwner(session);
      audit.sessionClosed(session);
      close();
    };
    return sessions.add(session);
  };
  const broadcasts = broadcastToSessions(sessions, { wall, catalog, advisor, incidents, sources, levels });

  // Tiles of local PMTiles base maps, served on the core's origin under its access token.
  const baseMapTiles = createBaseMapTiles({
    directory: workspace.directory,
    catalogue: workspace.baseMaps,
    accessToken,
    log,
  });
  // The pages' CSP names the media addresses, known once every listener is up (no page is served before).
  let policy = contentSecurityPolicy({
    mediaHosts: [],
    scheme: server.settings.scheme,
    platforms: workspace.platforms,
    baseMaps: workspace.baseMaps,
  });
  const sessionEndpoint = createSessionEndpoint({
    signIn,
    isOwnOrigin: (origin) => http.isOwnOrigin(origin),
    isSecure: () => http.origin.startsWith('https:'),
  });
  const tls = server.tls ?? undefined;
  const http: HttpServer = await startHttpServer({
    host: server.settings.listen.host,
    port: server.settings.listen.port,
    tls,
    names: server.names,
    rendererDir: options.rendererDir,
    media: media.server,
    identify: (credentials) => signIn.identify(credentials),
    connect,
    contentSecurityPolicy: () => policy,
    extraHandlers: [sessionEndpoint, baseMapTiles.handleHttp, ...media.extraHandlers],
  });
  const mediaHosts = await media.listen().catch(async (error: unknown) => {
    await http.close();
    throw error;
  });
  policy = contentSecurityPolicy({
    mediaHosts: [...mediaHosts],
    scheme: server.settings.scheme,
    platforms: workspace.platforms,
    baseMaps: workspace.baseMaps,
  });
  // Sessions that expire or lock while their console is idle end (or lock) without waiting for its next request:
  // every 30 s, or a quarter of a short lock time, so the lock screen comes within a quarter of it.
  const sweepTimer = setInterval(() => signIn.sweep(), signIn.sweepIntervalMs);
  sweepTimer.unref();
  sources.start();
  // After the sources: the demo's backfilled latest values are graded at once, not a tick later.
  levels.start();
  if (options.demoTyphoon) demo.typhoon.start();

  return {
    workspace,
    hub,
    wall,
    incidents,
    advisor,
    sources,
    typhoon: demo.typhoon,
    media: media.server,
    origin: http.origin,
    server: serverFacts(server, http.origin),
    accessToken,
    consoleTicket: signIn.consoleTicket,
    signIn,
    journal,
    connect,
    async close() {
      clearInterval(sweepTimer);
      await sources.stop();
      levels.stop();
      await store.flushed();
      demo.stop();
      await playbacks.close();
      broadcasts.dispose();
      sessions.closeAll();
      // Media first: its WebSocket viewers are upgraded sockets the HTTP server would wait for forever.
      await media.close();
      await http.close();
      await baseMapTiles.close();
      await journal?.close();
      await incidentLog.close();
    },
  };
}
