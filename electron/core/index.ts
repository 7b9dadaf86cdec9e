// The core's composition root: loads the workspace, starts the services and the HTTP server (media,
// renderer files and the WebSocket protocol), and hands out sessions to windows. Never imports Electron.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RequestHandlers } from '@shared/protocol';
import { loadWorkspace, type Workspace } from './workspace/load-workspace';
import { FeedHub } from './feeds/feed-hub';
import { TopicCatalogue } from './feeds/topic-catalogue';
import { WallService, checkWallState, withUsableHistory } from './wall/wall-service';
import { WallStateStore } from './wall/wall-state-store';
import { ScenarioCatalog } from './scenarios/scenario-catalog';
import { ScenarioAdvisor } from './scenarios/scenario-advisor';
import { scenarioHandlers } from './scenarios/scenario-handlers';
import { SourceManager } from './feeds/source-manager';
import { LevelWatcher } from './feeds/level-watcher';
import { TyphoonScript } from './feeds/typhoon-script';
import { sourceHandlers } from './feeds/source-handlers';
import { CoreSession, type CoreSessionOptions, type EventSender, type SessionContext } from './session';
import { createMediaServer, type MediaServer } from './media/media-server';
import { startHttpServer, type HttpServer } from './server/http-server';
import { workspaceHandlers } from './workspace/workspace-handlers';
import { wallHandlers } from './wall/wall-handlers';
import { feedHandlers } from './feeds/feed-handlers';
import { mediaHandlers, upcomingCells } from './media/media-handlers';
import { IncidentStore } from './incidents/incident-store';
import { DemoIncidentSource } from './incidents/demo-incidents';
import { incidentHandlers } from './incidents/incident-handlers';
import { DemoUnits } from './map/demo-units';
import { mapHandlers } from './map/map-handlers';
import { createBaseMapTiles } from './map/base-map-tiles';
import { DemoRisk, demoRiskTopicPrefix } from './map/demo-risk';
import { DemoSensors } from './map/demo-sensors';
import { createFaultControl } from './media/fault-control';
import { roundRobin, startMediaListeners } from './server/media-listeners';
import { contentSecurityPolicy } from './server/content-security-policy';
import { prepareServer, serverFacts, type CoreServerFacts } from './server/server-settings';

export { WorkspaceError } from './workspace/workspace-error';
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
  /** Token a WebSocket client must present; null turns the check off (tests). Default: a random token. */
  accessToken?: string | null;
  session?: CoreSessionOptions;
  /** Folder of the saved wall state (default `<workspace>/.state`). */
  stateDir?: string;
  /** Where the core's own log lines go (default console.log). */
  log?: (line: string) => void;
  /** Start the demo typhoon script at once (`--demo-typhoon`). */
  demoTyphoon?: boolean;
  /** Mean seconds between two demo incidents (default 25; end-to-end tests ask for fewer). */
  demoIncidentSeconds?: number;
  /**
   * Test-only: mounts the media fault-injection control at `/test/media/` (see media/fault-control.ts).
   * Never on by default; the CLI turns it on with `--fault-injection`.
   */
  faultInjection?: boolean;
  /**
   * Ports the demo media server answers on besides the core's own (default 3). Chromium connects WebSockets
   * to one host:port one at a time, so a wall of 32 tiles on one port spends 0.4 s in handshakes alone;
   * see server/media-listeners.ts.
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
  readonly accessToken: string | null;
  /** Opens a session for one window; its events go to `send`. */
  connect(send: EventSender): CoreSession;
  close(): Promise<void>;
}

/** Loads the workspace (refusing to start on any bad file) and starts every service. */
export async function createCore(workspaceDir: string, options: CoreOptions): Promise<Core> {
  const loadedWorkspace = await loadWorkspace(path.resolve(workspaceDir));
  // Where to listen is decided before anything starts: off loopback without TLS nothing does.
  const server = await prepareServer(options, loadedWorkspace);
  const workspace: Workspace = {
    ...loadedWorkspace,
    platforms: loadedWorkspace.platforms.map(server.withCoreScheme),
  };
  const log = options.log ?? ((line: string) => console.log(line));
  // The hub keeps catalogue topics only: a backend's endless distinct keys are refused, not stored.
  const hub = new FeedHub({
    catalogue: new TopicCatalogue({
      indicators: workspace.indicators,
      gridIds: workspace.district.features
        .filter((feature) => feature.properties.kind === 'grid')
        .map((feature) => feature.properties.id),
      gridPrefixes: [demoRiskTopicPrefix],
    }),
  });
  const catalog = new ScenarioCatalog(workspace.scenarios, workspace.scenarioFiles);

  // The wall resumes exactly where it was; a damaged state file falls back to the last good copy, then to
  // the default scenario — never to a refusal to start.
  const store = new WallStateStore({
    directory: path.resolve(options.stateDir ?? path.join(workspace.directory, '.state')),
    log,
  });
  const loaded = await store.load((state) => checkWallState(state, workspace, catalog));
  for (const problem of loaded.problems) log(`[wall] saved state unusable: ${problem}`);
  for (const note of loaded.notes) log(`[wall] saved state ${note}`);
  // A 返回 entry this workspace can no longer show (a removed scenario or camera) costs only that entry.
  const resumed = loaded.state ? withUsableHistory(loaded.state, workspace, catalog) : null;
  for (const line of resumed?.dropped ?? []) log(`[wall] 返回 entry dropped: ${line}`);
  if (loaded.source === 'last-good') log(`[wall] resumed from the last good copy ${store.lastGoodPath}`);
  else if (loaded.source === 'none' && loaded.problems.length > 0)
    log(
      `[wall] no usable saved state: starting with the default scenario '${workspace.manifest.defaultScenario}'`,
    );
  const incidents = new IncidentStore();
  const wall = new WallService(workspace, {
    incidentPosition: (incidentId) => incidents.get(incidentId)?.position,
    scenarios: catalog,
    initialState: resumed?.state ?? null,
    persist: (state) => store.save(state),
  });
  if (loaded.source === 'current')
    log(
      `[wall] resumed state version ${wall.state.version} (${wall.stateHash.slice(0, 12)}) from ${store.statePath}`,
    );
  // Written again when it did not come from the state file as it is: upgraded, trimmed, or a fallback.
  const isChangedOnLoad = loaded.notes.length > 0 || (resumed?.dropped.length ?? 0) > 0;
  if (loaded.source !== 'current' || isChangedOnLoad) await store.save(wall.state);

  const advisor = new ScenarioAdvisor({
    scenarios: () => catalog.all(),
    activeScenarioId: () => wall.state.scenarioId,
    automatic: new Set(workspace.manifest.automaticSwitching ?? []),
    activate: (scenarioId) => wall.execute({ type: 'scenario.activate', scenarioId }),
    log,
  });
  const demoIncidents = new DemoIncidentSource(
    incidents,
    workspace.cameras.cameras,
    workspace.district,
    options.demoIncidentSeconds ? { meanIntervalSeconds: options.demoIncidentSeconds } : {},
  );
  // The demo risk map runs with the demo incidents: both belong to the embedded demo district, not to a backend.
  const demoRisk = new DemoRisk(workspace.district, (values) => hub.publish(values));
  const typhoon = new TyphoonScript();
  const sources = new SourceManager(workspace.sources, {
    hub,
    incidents,
    indicators: workspace.indicators,
    typhoon,
    // The demo district's world — incidents, risk, moving units, IoT sensors — runs only while a demo source
    // with incidents does: a room connected to its real platforms sees none of it.
    startIncidents: () => {
      demoIncidents.start();
      demoRisk.start();
      units.start();
      sensors.start();
      isDemoWorldRunning = true;
      return () => {
        isDemoWorldRunning = false;
        demoIncidents.stop();
        demoRisk.stop();
        units.stop();
        sensors.stop();
      };
    },
  });
  const levels = new LevelWatcher(hub, workspace.indicators);
  let isDemoWorldRunning = false;
  const units = new DemoUnits(
    workspace.district,
    workspace.cameras.cameras.filter((camera) => camera.isOnline).map((camera) => camera.id),
  );
  const sensors = new DemoSensors(workspace.cameras.cameras);
  // The core's own pages read streams from the extra media ports too (cross-origin to them): that origin only.
  const media = createMediaServer({
    clipsDir: options.clipsDir,
    isAllowedOrigin: (origin) => http.isOwnOrigin(origin),
  });
  const sessions = new Set<CoreSession>();
  const accessToken =
    options.accessToken === undefined ? randomBytes(16).toString('hex') : options.accessToken;

  // Stream URLs of the demo platform name one of the media server's addresses, known once they listen.
  let nextMediaHost = (): string => new URL(http.origin).host;
  const handlers: RequestHandlers<SessionContext> = {
    ...workspaceHandlers(workspace, wall, { isInsecureLan: server.settings.isInsecureLan }),
    ...wallHandlers(wall),
    ...scenarioHandlers(workspace, catalog, advisor),
    ...feedHandlers(),
    ...mediaHandlers(
      workspace,
      () => nextMediaHost(),
      (displayId) => upcomingCells(displayId, catalog.all(), wall.state),
    ),
    ...incidentHandlers(incidents),
    ...sourceHandlers({ sources, levels, typhoon, incidents, sessions: () => sessions }),
    ...mapHandlers(
      workspace.baseMaps,
      { list: () => (isDemoWorldRunning ? units.list() : []) },
      { list: () => (isDemoWorldRunning ? sensors.list() : []) },
      process.env,
      accessToken,
    ),
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

  wall.onChanged((state, stateHash) => {
    advisor.onScenarioActivated(state.scenarioId);
    for (const session of sessions) session.send('wall.stateChanged', { state, stateHash });
  });
  catalog.onChanged((scenarios) => {
    for (const session of sessions) session.send('scenario.listChanged', { scenarios });
  });
  advisor.onChanged((suggestions) => {
    for (const session of sessions) session.send('scenario.suggestionsChanged', { suggestions });
  });
  incidents.onChanged((changed, overflow) => {
    for (const session of sessions) session.send('incidents.changed', { incidents: [...changed], overflow });
  });
  sources.onChanged((list) => {
    for (const session of sessions) session.send('sources.changed', { sources: list });
  });
  levels.onChanged((change) => {
    advisor.onIndicatorLevelChanged(change.indicatorId, change.level);
    for (const session of sessions) session.send('vitals.levelChanged', change);
  });

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
  const tls = server.tls ?? undefined;
  const http: HttpServer = await startHttpServer({
    host: server.settings.listen.host,
    port: server.settings.listen.port,
    tls,
    names: server.names,
    rendererDir: options.rendererDir,
    media,
    accessToken,
    connect,
    contentSecurityPolicy: () => policy,
    extraHandlers: [
      baseMapTiles.handleHttp,
      ...(options.faultInjection ? [createFaultControl(media, accessToken)] : []),
    ],
  });
  const mediaListeners = await startMediaListeners(
    media,
    server.settings.listen.host,
    options.extraMediaPorts ?? 3,
    { tls, names: server.names },
  ).catch(async (error: unknown) => {
    await http.close();
    throw error;
  });
  // Stream URLs name the media ports by a host other machines reach as well (server-settings.ts).
  const mediaHosts = [new URL(http.origin).host, ...mediaListeners.hosts].map(
    (host) => `${server.mediaHostName}:${new URL(`http://${host}`).port}`,
  );
  nextMediaHost = roundRobin(mediaHosts);
  policy = contentSecurityPolicy({
    mediaHosts,
    scheme: server.settings.scheme,
    platforms: workspace.platforms,
    baseMaps: workspace.baseMaps,
  });
  sources.start();
  // After the sources: the demo's backfilled latest values are graded at once, not a tick later.
  levels.start();
  if (options.demoTyphoon) typhoon.start();
  units.onMoved((moved) => {
    for (const session of sessions) session.send('units.moved', { units: [...moved] });
  });
  sensors.onChanged((changed) => {
    for (const session of sessions) session.send('sensors.changed', { sensors: [...changed] });
  });

  return {
    workspace,
    hub,
    wall,
    incidents,
    advisor,
    sources,
    typhoon,
    media,
    origin: http.origin,
    server: serverFacts(server, http.origin),
    accessToken,
    connect,
    async close() {
      await sources.stop();
      levels.stop();
      await store.flushed();
      units.stop();
      sensors.stop();
      for (const session of [...sessions]) session.close();
      // Media first: its WebSocket viewers are upgraded sockets the HTTP server would wait for forever.
      await media.close();
      await mediaListeners.close();
      await http.close();
      await baseMapTiles.close();
    },
  };
}
