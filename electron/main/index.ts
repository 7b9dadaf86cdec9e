// The Electron shell's entry (out/main/index.js): one instance, the core, hardened sessions, one window per wall
// display plus the console, re-planned when displays change. Decisions live in the pure modules beside it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, screen, session, shell } from 'electron';
import { planWindows } from '@shared/layout/plan-windows';
import { createCore, WorkspaceError, type Core } from '../core';
import { registerIpcBridge } from './ipc-bridge';
import { parseLaunchOptions, resolveAppPaths, type LaunchOptions } from './launch-options';
import { isGpuDisabled, relaunchWithoutGpuArguments, startupSwitches } from './restart-policy';
import { hardenSession, hardenWebContents, trustOwnCertificate } from './security';
import { WindowManager } from './window-manager';
import { toPhysicalDisplays } from './window-plan';

/** Hosts whose https links may open in the system browser. None yet: add a workspace setting when needed. */
const externalHosts: readonly string[] = [];

/** Display events come in bursts (a dock, a resolution change): re-plan once they settle. */
const replanDelayMs = 300;

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Everything below up to whenReady() must run before the app is ready.
const startup = startupSwitches(process.argv, process.env);
if (startup.disableHardwareAcceleration) app.disableHardwareAcceleration();
for (const [name, value] of startup.switches) app.commandLine.appendSwitch(name, value);

if (!app.requestSingleInstanceLock()) {
  // Another Tianmu runs on this machine: it reopens its windows (see 'second-instance'); this one leaves.
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail('Tianmu could not start', error));
}

async function start(): Promise<void> {
  let launch: LaunchOptions;
  try {
    launch = parseLaunchOptions(process.argv, process.env, {
      isPackaged: app.isPackaged,
      cwd: process.cwd(),
    });
  } catch (error) {
    return fail('Tianmu: bad command line', error);
  }
  const paths = resolveAppPaths({
    appRoot,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    workspaceDir: launch.workspaceDir,
  });

  // Never half-start: nothing is opened before the workspace has loaded completely.
  let core: Core;
  try {
    core = await createCore(paths.workspace, {
      rendererDir: paths.renderer,
      clipsDir: paths.clips,
      // The embedded demo and an installed app's folder are read-only: their writes go to the per-user folder.
      isEmbeddedDemo: launch.workspaceDir === null,
      ...(app.isPackaged
        ? { appDir: path.dirname(process.resourcesPath), userDataDir: app.getPath('userData') }
        : {}),
      // Where to listen comes from the workspace's server block; plain HTTP off loopback only by switch.
      insecureLan: launch.insecureLan,
    });
  } catch (error) {
    if (error instanceof WorkspaceError) {
      return fail('Tianmu: the workspace is invalid', `${paths.workspace}\n\n${error.message}`);
    }
    return fail('Tianmu could not start its core', error);
  }

  hardenSession(session.defaultSession, core.origin);
  trustOwnCertificate(app, core.server.certificate?.fingerprint256 ?? null);
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      appOrigin: core.origin,
      externalHosts,
      openExternal: (url) => shell.openExternal(url),
    });
  });

  const windows = new WindowManager({
    origin: core.origin,
    preloadPath: paths.preload,
    settings: { devTools: launch.devTools, kiosk: launch.kiosk },
    gpuDisabled: isGpuDisabled(process.argv, process.env),
    relaunchWithoutGpu: () => {
      app.relaunch({ args: relaunchWithoutGpuArguments(process.argv) });
      app.exit(0);
    },
  });
  const bridge = registerIpcBridge({
    ipcMain,
    appOrigin: core.origin,
    // Wall windows are the wall machine (read and play, never command); the console is the local console
    // (the demo's operator, or nobody until auth.login over this bridge signs it in).
    connect: (send, contents) =>
      core.connect(
        send,
        windows.planOf(contents)?.role === 'wall'
          ? { principal: { kind: 'machine', nodeId: 'wall' }, address: 'ipc' }
          : { principal: core.signIn.consolePrincipal, address: 'ipc' },
      ),
    isOwnWebContents: (contents) => windows.owns(contents),
  });

  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'GPU') windows.handleGpuGone(details.reason);
  });

  const replan = () => {
    const displays = toPhysicalDisplays(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
    windows.apply(
      planWindows(core.workspace.wall, displays, {
        console: launch.console,
        assignments: launch.assignments,
      }),
    );
  };
  let replanTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleReplan = () => {
    clearTimeout(replanTimer);
    replanTimer = setTimeout(replan, replanDelayMs);
  };
  screen.on('display-added', scheduleReplan);
  screen.on('display-removed', scheduleReplan);
  screen.on('display-metrics-changed', scheduleReplan);
  app.on('second-instance', () => windows.restore());
  app.on('window-all-closed', () => app.quit());

  // Shut the core down (media connections, HTTP server) before the process goes.
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    clearTimeout(replanTimer);
    bridge.dispose();
    windows.dispose();
    core
      .close()
      .catch((error: unknown) => console.error('[core] close failed', error))
      .finally(() => app.exit(0));
  });

  replan();
}

/** Shows why the app cannot run and exits: a wall PC must never sit half-started. */
function fail(title: string, detail: unknown): void {
  const message = detail instanceof Error ? (detail.stack ?? detail.message) : String(detail);
  console.error(`${title}\n${message}`);
  dialog.showErrorBox(title, detail instanceof Error ? detail.message : String(detail));
  app.exit(1);
}
