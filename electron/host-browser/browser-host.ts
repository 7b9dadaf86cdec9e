// The browser host: the core plus its HTTP/WebSocket server, with one URL (and optionally one Chromium
// window) per planned display. Used on machines without the Electron binary, by thin-client walls and tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../core/index';
import { planWindows, type PhysicalDisplay, type PlannedWindow } from '@shared/layout/plan-windows';

export interface BrowserHostOptions extends Omit<CoreOptions, 'rendererDir'> {
  workspaceDir: string;
  rendererDir: string;
  displays: PhysicalDisplay[];
}

export interface HostWindow {
  readonly plan: PlannedWindow;
  readonly label: string;
  readonly url: string;
}

export interface BrowserHost {
  readonly core: Core;
  readonly windows: readonly HostWindow[];
  /** Opens every window in a local Chromium (app mode, placed on its simulated display). */
  openWindows(browserPath: string): void;
  close(): Promise<void>;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * The URL of a window: the route lives in the hash, its credential in the query — the wall machine's token for
 * wall windows, the console's start ticket (or none: the login page) for the console.
 */
export function windowUrl(origin: string, token: string | null, plan: PlannedWindow): string {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const route = plan.role === 'wall' ? `/wall/${plan.wallDisplayId}` : '/console';
  return `${origin}/${query}#${route}`;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const core = await createCore(options.workspaceDir, { ...options, rendererDir: options.rendererDir });
  const windows = planWindows(core.workspace.wall, options.displays).map((plan) => ({
    plan,
    label: plan.role === 'wall' ? `wall display '${plan.wallDisplayId}'` : 'console',
    url: windowUrl(core.origin, plan.role === 'wall' ? core.accessToken : core.consoleTicket, plan),
  }));
  const children: ChildProcess[] = [];
  const profiles: string[] = [];

  return {
    core,
    windows,
    openWindows(browserPath) {
      for (const window of windows) {
        const profile = mkdtempSync(path.join(os.tmpdir(), 'tianmu-window-'));
        profiles.push(profile);
        const { x, y, width, height } = window.plan.bounds;
        const child = spawn(
          browserPath,
          [
            `--app=${window.url}`,
            `--user-data-dir=${profile}`,
            `--window-position=${x},${y}`,
            `--window-size=${width},${height}`,
            ...(window.plan.role === 'wall' && window.plan.fullscreen ? ['--start-fullscreen'] : []),
            '--autoplay-policy=no-user-gesture-required',
            '--disable-background-timer-throttling',
            '--disable-renderer-backgrounding',
            '--no-first-run',
            '--no-default-browser-check',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            // A wall shows Chinese on purpose: no "translate this page?" bar over the tiles.
            '--disable-features=Translate',
            // Under TLS the window opens the core by loopback, which the certificate may not name: trust exactly
            // the core's own key (Chromium honours this only with --user-data-dir, given above).
            ...(core.server.certificate
              ? [`--ignore-certificate-errors-spki-list=${core.server.certificate.spkiSha256}`]
              : []),
            // Chromium refuses to start as root with its sandbox (kiosk PCs and containers often run as root).
            // (--test-type keeps the "unsupported flag" warning bar off the wall.)
            ...(isRoot() ? ['--no-sandbox', '--test-type'] : []),
          ],
          { stdio: 'ignore' },
        );
        child.on('error', (error) =>
          console.error(`[host] could not open ${window.label}: ${error.message}`),
        );
        children.push(child);
      }
    },
    async close() {
      for (const child of children) child.kill();
      await core.close();
      for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    },
  };
}
