// The BrowserWindow options of wall and console windows: security settings and window chrome, decided here once.
// Only the Electron *types* are imported, so this module (and its tests) never loads Electron.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { PlannedWindow } from '@shared/layout/plan-windows';

export type WallWindowPlan = Extract<PlannedWindow, { role: 'wall' }>;
export type ConsoleWindowPlan = Extract<PlannedWindow, { role: 'console' }>;

/** Launch settings that change window options. */
export interface WindowSettings {
  /** Allow opening the developer tools (default false). */
  devTools?: boolean;
  /** Lock full-screen wall windows in kiosk mode (default false). */
  kiosk?: boolean;
}

/** The wall's dark background: shown before the first paint and behind a reloading page (no white flash). */
export const windowBackgroundColor = '#0b1220';

/**
 * The web preferences every window gets: the page is untrusted content with no Node access, talking to the
 * shell only through the preload's `window.tianmu` bridge.
 */
function secureWebPreferences(preloadPath: string, settings: WindowSettings): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // The preload is emitted as CommonJS (out/preload/index.cjs) precisely so the sandbox can stay on.
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: settings.devTools ?? false,
  };
}

/**
 * Options of a wall display's window. A full-screen window is frameless and fixed on its physical display;
 * a tiled window (developer laptop, fewer screens than the wall) keeps its frame so it can be moved.
 */
export function wallWindowOptions(
  plan: WallWindowPlan,
  preloadPath: string,
  settings: WindowSettings = {},
): BrowserWindowConstructorOptions {
  const fixed = plan.fullscreen;
  return {
    ...plan.bounds,
    title: `Tianmu · ${plan.wallDisplayId}`,
    show: false,
    backgroundColor: windowBackgroundColor,
    frame: !fixed,
    fullscreen: fixed,
    fullscreenable: true,
    kiosk: fixed && (settings.kiosk ?? false),
    resizable: !fixed,
    movable: !fixed,
    // A minimised wall is never useful, and visibility changes while minimised break video (electron#50250).
    minimizable: !fixed,
    maximizable: !fixed,
    autoHideMenuBar: true,
    webPreferences: {
      ...secureWebPreferences(preloadPath, settings),
      // Walls must keep playing video and ticking clocks when covered or unfocused. Set once here and never
      // toggled afterwards: setBackgroundThrottling while minimised breaks <video> (electron#50250).
      backgroundThrottling: false,
      // Camera tiles start playing without anyone clicking on the wall.
      autoplayPolicy: 'no-user-gesture-required',
      // Nobody stands at a wall to dismiss an alert(): a native dialog would freeze the display.
      disableDialogs: true,
    },
  };
}

/** Options of the operator console: a normal, framed window. */
export function consoleWindowOptions(
  plan: ConsoleWindowPlan,
  preloadPath: string,
  settings: WindowSettings = {},
): BrowserWindowConstructorOptions {
  return {
    ...plan.bounds,
    title: 'Tianmu 天幕 · Console',
    show: false,
    backgroundColor: windowBackgroundColor,
    frame: true,
    fullscreen: false,
    autoHideMenuBar: true,
    webPreferences: {
      ...secureWebPreferences(preloadPath, settings),
      // The console may be throttled when hidden: it shows nothing that must keep running.
      backgroundThrottling: true,
    },
  };
}
