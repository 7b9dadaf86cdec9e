// What createCore is told by its host (the CLI's serve, the Electron shell, tests): where to listen, where to
// write, which demo behaviour, and the doubles tests pass.
import type { Platform } from '@shared/model/camera';
import type { CameraConnector } from './cameras/connector';
import type { CoreSessionOptions } from './session';

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
  /**
   * The connector of a wvp or ZLMediaKit platform of platforms.json: by default the real one
   * (cameras/connectors/create-connector.ts); tests and benches pass doubles.
   */
  cameraConnector?: (platform: Platform) => CameraConnector | undefined;
}
