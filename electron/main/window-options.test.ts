import { describe, expect, it } from 'vitest';
import { consoleWindowOptions, wallWindowOptions, windowBackgroundColor } from './window-options';

const preload = '/app/out/preload/index.cjs';
const fullscreenWall = {
  role: 'wall',
  wallDisplayId: 'left',
  physicalDisplayId: '2',
  bounds: { x: 1920, y: 0, width: 1920, height: 1080 },
  fullscreen: true,
} as const;
const tiledWall = {
  ...fullscreenWall,
  physicalDisplayId: '1',
  bounds: { x: 0, y: 0, width: 960, height: 540 },
  fullscreen: false,
};
const consolePlan = {
  role: 'console',
  physicalDisplayId: '1',
  bounds: { x: 0, y: 0, width: 1920, height: 1040 },
  fullscreen: false,
} as const;

describe('wallWindowOptions', () => {
  it('locks the page down exactly', () => {
    const { webPreferences } = wallWindowOptions(fullscreenWall, preload);
    expect(webPreferences).toMatchObject({
      preload,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      sandbox: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(webPreferences?.backgroundThrottling).toBe(false);
  });

  it('makes a frameless full-screen window on its display, hidden until ready', () => {
    expect(wallWindowOptions(fullscreenWall, preload)).toMatchObject({
      x: 1920,
      y: 0,
      width: 1920,
      height: 1080,
      frame: false,
      fullscreen: true,
      show: false,
      backgroundColor: windowBackgroundColor,
      minimizable: false,
      kiosk: false,
    });
    expect(windowBackgroundColor).toBe('#0b1220');
  });

  it('keeps a frame on tiled windows and never puts them in kiosk mode', () => {
    const options = wallWindowOptions(tiledWall, preload, { kiosk: true });
    expect(options).toMatchObject({
      frame: true,
      fullscreen: false,
      kiosk: false,
      resizable: true,
      width: 960,
    });
    expect(options.webPreferences?.backgroundThrottling).toBe(false);
  });

  it('applies kiosk and devTools settings', () => {
    const options = wallWindowOptions(fullscreenWall, preload, { kiosk: true, devTools: true });
    expect(options.kiosk).toBe(true);
    expect(options.webPreferences?.devTools).toBe(true);
  });
});

describe('consoleWindowOptions', () => {
  it('is a normal framed window with the same security settings', () => {
    const options = consoleWindowOptions(consolePlan, preload);
    expect(options).toMatchObject({
      x: 0,
      y: 0,
      width: 1920,
      height: 1040,
      frame: true,
      fullscreen: false,
      show: false,
    });
    expect(options.webPreferences).toMatchObject({
      preload,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      sandbox: true,
      backgroundThrottling: true,
      spellcheck: false,
      devTools: false,
    });
  });
});

describe('every window’s web preferences (Electron security checklist)', () => {
  const all = [
    wallWindowOptions(fullscreenWall, preload, { devTools: true, kiosk: true }),
    wallWindowOptions(tiledWall, preload),
    consoleWindowOptions(consolePlan, preload, { devTools: true }),
  ].map((options) => options.webPreferences!);

  it('enables no experimental or Blink features and nothing that widens what the page may do', () => {
    for (const preferences of all) {
      expect(preferences.experimentalFeatures).toBe(false);
      expect(preferences.allowRunningInsecureContent).toBe(false);
      expect(preferences.webSecurity).toBe(true);
      expect(preferences.navigateOnDragDrop).toBe(false);
      expect(preferences.safeDialogs).toBe(true);
      // Unset means Electron's safe default; each of these, when set, opens something up.
      for (const widening of [
        'enableBlinkFeatures',
        'additionalArguments',
        'plugins',
        'enableWebSQL',
      ] as const)
        expect(preferences[widening], widening).toBeUndefined();
    }
  });

  it('keeps the sandbox and context isolation on, with the one preload, in every window', () => {
    for (const preferences of all)
      expect(preferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        webviewTag: false,
        preload,
      });
  });
});
