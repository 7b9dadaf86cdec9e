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
import { scenarioSaveHandlers } from './scenarios/scenario-save';
import { ScenarioAdvisor } from './scenarios/scenario-advisor';
import { scenarioHandlers } from './scenarios/scenario-handlers';
import { startSchedules } from './schedules/start-schedules';
import { SourceManager } from './feeds/source-manager';
import { LevelWatcher } from './feeds/level-watcher';
import { sourceHandlers } from './feeds/source-handlers';
import { CoreSession, type EventSender, type SessionContext, type SessionIdentity } from './session';
import { OpenSessions, broadcastToSessions } from './session-broadcasts';
import { startHttpServer, type HttpServer } from './server/http-server';
import { workspaceHandlers } from './workspace/workspace-handlers';
import { wallHandlers } from './wall/wall-handlers';
import { feedHandlers } from './feeds/feed-handlers';
import { mediaHandlers, upcomingCells } from './cameras/media-handlers';
import { createCameraServices } from './cameras/camera-services';
import type { CameraDirectory } from './cameras/connector';
import { createConnector } from './cameras/connectors/create-connector';
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
import type { TyphoonScript } from './demo/world/typhoon-script';
import type { MediaServer } from './demo/media/media-server';
import { createDemoPlatform } from './demo/start-demo-platform';
import { createCameraControl } from './cameras/camera-control';

import { prepareServer, serverFacts, type CoreServerFacts } from './server/server-settings';

export { WorkspaceError } from './files/workspace-error';
export type { CoreServerFacts } from './server/server-settings';
export type { Workspace } from './workspace/load-workspace';
export type { CoreSession } from './session';

import type { CoreOptions } from './core-options';

export type { CoreOptions };

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
  // cameras.json's cameras and the platforms' (cached while a platform is down), with their status.
  const cameras = createCameraServices({
    workspace,
    mediaHost: () => media.nextHost(),
    stateDir: writable.state,
    log,
    createConnector:
      options.cameraConnector ??
      ((platform) => createConnector(platform, { workspaceDir: workspace.directory })),
  });
  await cameras.start();
  // Incidents and the room's steps on them come back after a restart or kill -9, before any source re-sends them.
  const alarmSettings = await loadAlarmSettings(workspace.directory);
  const { log: incidentLog, loaded: savedIncidents } = await IncidentLog.open(
    { directory: writable.state, log },
    () => incidents.list(),
  );
  incidents.restore(savedIncidents.incidents);
  incidents.onChanged((changed) => incidentLog.append(changed));
  const { wall, store } = await resumeWallState({
    cameras: () => ({ crs: cameras.catalogue.crs, cameras: cameras.catalogue.all() }),
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
    camera: (cameraId) => cameras.catalogue.get(cameraId),
    stateDir: writable.state,
    host,
    consoleUser: options.consoleUser ?? (options.isEmbeddedDemo ? 'operator' : null),
    machineToken: accessToken,
    isJournalOff: options.isJournalOff ?? false,
    sessions: () => sessions,
    wallState: () => wall.state,
    scenarios: () => catalog.all(),
    signedOut: (session) => control.signedOut(session),
    log,
  });
  const schedules = startSchedules({ workspace, wall, catalog, advisor, audit, sessions, log });
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
  // The demo platform's cameras steer (PTZ heads) and play back through the demo connector; every other camera
  // through its platform's connector in the catalogue.
  const demoPlatform = createDemoPlatform({
    workspace,
    media: media.server,
    nextHost: () => media.nextHost(),
    playbackUrl: (playbackId) =>
      `${server.settings.scheme === 'https' ? 'wss' : 'ws'}://${media.nextHost()}/media/playback/${playbackId}.flv`,
    clipsDir: options.clipsDir,
    faultInjection: options.faultInjection ?? false,
    accessToken,
    log,
  });
  const directory: CameraDirectory = {
    find: (cameraId) => demoPlatform.directory.find(cameraId) ?? cameras.catalogue.find(cameraId),
  };
  const control = createCameraControl({
    directory,
    audit,
    broadcast: sessions.broadcast,
    holderOf: (session) => {
      const { user } = signIn.whoAmI(session);
      return user ? { userId: user.id, displayName: user.displayName, role: user.role } : null;
    },
    log,
  });

  const unchecked: RequestHandlers<SessionContext> = {
    ...workspaceHandlers(workspace, wall, hub.historyLength, {
      isInsecureLan: server.settings.isInsecureLan,
    }),
    ...signIn.handlers(),
    ...wallHandlers(wall),
    ...scenarioHandlers(workspace, catalog, advisor, writable.scenarioOverlay),
    ...scenarioSaveHandlers({
      workspace,
      catalog,
      wall: () => wall.state,
      folder: writable.scenarioOverlay,
      log,
    }),
    ...feedHandlers(),
    ...mediaHandlers({
      catalogue: cameras.catalogue,
      liveStreams: cameras.liveStreams,
      onlineRate: cameras.onlineRate,
      mediaHost: () => media.nextHost(),
      cellsOf: (displayId) => upcomingCells(displayId, catalog.all(), wall.state),
      snapshotRoot: writable.snapshotRoot,
    }),
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
    ...control.handlers,
    ...schedules.handlers,
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
      // A console that goes away never leaves a camera turning, nor a recording playing.
      control.sessionClosed(session);
      audit.sessionClosed(session);
      // Its window no longer shows any on-demand stream (released after their grace).
      cameras.liveStreams.releaseAll(session);
      close();
    };
    return sessions.add(session);
  };
  const broadcasts = broadcastToSessions(sessions, { wall, catalog, advisor, incidents, sources, levels });
  const cameraBroadcasts = cameras.broadcast(sessions);

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
    extraHandlers: [
      sessionEndpoint,
      baseMapTiles.handleHttp,
      ...media.extraHandlers,
      ...demoPlatform.extraHandlers,
    ],
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
      schedules.dispose();
      await sources.stop();
      levels.stop();
      await store.flushed();
      demo.stop();
      await control.close();
      broadcasts.dispose();
      cameraBroadcasts.dispose();
      await cameras.close();
      sessions.closeAll();
      demoPlatform.dispose();
      // Media first: its WebSocket viewers are upgraded sockets the HTTP server would wait for forever.
      await media.close();
      await http.close();
      await baseMapTiles.close();
      await journal?.close();
      await incidentLog.close();
    },
  };
}
