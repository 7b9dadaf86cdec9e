import type * as Events from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planWindows, type PhysicalDisplay } from '@shared/layout/plan-windows';
import type { Wall } from '@shared/model/wall';

// Electron cannot load here (no binary): BrowserWindow and powerSaveBlocker are stand-ins that record calls.
vi.mock('electron', async () => {
  const { EventEmitter } = await vi.importActual<typeof Events>('node:events');
  let nextId = 1;
  class FakeWebContents extends EventEmitter {
    readonly id = nextId++;
    readonly send = vi.fn();
    isDestroyed() {
      return false;
    }
  }
  class FakeBrowserWindow extends EventEmitter {
    static instances: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async (_url: string) => {});
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly setBounds = vi.fn();
    readonly setFullScreen = vi.fn();
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.instances.push(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
    isFullScreen() {
      return this.options.fullscreen === true;
    }
    visible = true;
    minimized = false;
    isVisible() {
      return this.visible;
    }
    isMinimized() {
      return this.minimized;
    }
    destroy() {
      this.destroyed = true;
      this.emit('closed');
    }
  }
  const powerSaveBlocker = { start: vi.fn(() => 7), stop: vi.fn() };
  const BrowserWindow = vi.fn(function (this: unknown, options: Record<string, unknown>) {
    return new FakeBrowserWindow(options);
  });
  return { BrowserWindow, powerSaveBlocker, FakeBrowserWindow };
});

const electron = (await import('electron')) as unknown as {
  BrowserWindow: ReturnType<typeof vi.fn>;
  powerSaveBlocker: { start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> };
  FakeBrowserWindow: { instances: Array<FakeWindow> };
};
const { WindowManager } = await import('./window-manager');
const { wallWindowOptions, consoleWindowOptions } = await import('./window-options');

interface FakeWindow {
  options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  webContents: {
    id: number;
    send: ReturnType<typeof vi.fn>;
    emit(event: string, ...args: unknown[]): boolean;
  };
  visible: boolean;
  minimized: boolean;
  loadURL: ReturnType<typeof vi.fn>;
  show: ReturnType<typeof vi.fn>;
  destroyed: boolean;
  emit(event: string, ...args: unknown[]): boolean;
  destroy(): void;
}

const origin = 'http://127.0.0.1:4310';
const preloadPath = '/repo/out/preload/index.cjs';
const wall: Wall = {
  id: 'city',
  name: { zh: '城市', en: 'City' },
  displays: [
    { id: 'left', name: { zh: '左', en: 'Left' }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    { id: 'right', name: { zh: '右', en: 'Right' }, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } },
  ],
};
const desk: PhysicalDisplay = {
  id: '1',
  bounds: { x: -1920, y: 0, width: 1920, height: 1080 },
  workArea: { x: -1920, y: 0, width: 1920, height: 1040 },
  isPrimary: true,
  scaleFactor: 1,
};
const screenA: PhysicalDisplay = {
  id: '2',
  bounds: wall.displays[0]!.bounds,
  isPrimary: false,
  scaleFactor: 1,
};
const screenB: PhysicalDisplay = {
  id: '3',
  bounds: wall.displays[1]!.bounds,
  isPrimary: false,
  scaleFactor: 1,
};

function createManager(overrides: Partial<ConstructorParameters<typeof WindowManager>[0]> = {}) {
  return new WindowManager({
    origin,
    preloadPath,
    settings: { devTools: false, kiosk: true },
    gpuDisabled: false,
    relaunchWithoutGpu: vi.fn(),
    log: { info: () => {}, warn: () => {} },
    ...overrides,
  });
}

const windows = () => electron.FakeBrowserWindow.instances;

beforeEach(() => {
  vi.useFakeTimers();
  electron.FakeBrowserWindow.instances.length = 0;
  vi.clearAllMocks();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WindowManager', () => {
  it('opens one locked-down full-screen window per wall display plus the console, from the core origin', () => {
    const plan = planWindows(wall, [desk, screenA, screenB]);
    createManager().apply(plan);

    expect(electron.BrowserWindow).toHaveBeenCalledTimes(3);
    const [left, right, consoleWindow] = windows();
    const [leftPlan, rightPlan, consolePlan] = plan;
    if (leftPlan?.role !== 'wall' || rightPlan?.role !== 'wall' || consolePlan?.role !== 'console') {
      throw new Error('unexpected plan');
    }
    const settings = { devTools: false, kiosk: true };
    expect(electron.BrowserWindow.mock.calls.map(([options]) => options)).toEqual([
      wallWindowOptions(leftPlan, preloadPath, settings),
      wallWindowOptions(rightPlan, preloadPath, settings),
      consoleWindowOptions(consolePlan, preloadPath, settings),
    ]);
    expect(left!.options).toMatchObject({
      x: 0,
      y: 0,
      width: 1920,
      height: 1080,
      fullscreen: true,
      frame: false,
      kiosk: true,
      show: false,
    });
    expect(right!.options).toMatchObject({ x: 1920, fullscreen: true, frame: false });
    expect(consoleWindow!.options).toMatchObject({
      x: -1920,
      y: 0,
      width: 1920,
      height: 1040,
      frame: true,
      fullscreen: false,
    });
    for (const window of windows()) {
      expect(window.options.webPreferences).toMatchObject({
        preload: preloadPath,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        sandbox: true,
        devTools: false,
      });
    }
    expect(left!.options.webPreferences.backgroundThrottling).toBe(false);
    expect(right!.options.webPreferences.backgroundThrottling).toBe(false);

    expect(left!.loadURL).toHaveBeenCalledWith(`${origin}/#/wall/left`);
    expect(right!.loadURL).toHaveBeenCalledWith(`${origin}/#/wall/right`);
    expect(consoleWindow!.loadURL).toHaveBeenCalledWith(`${origin}/#/console`);
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledTimes(1);
  });

  it('shows a window when it is ready, or after the fallback delay', () => {
    createManager({ showFallbackMs: 5000 }).apply(planWindows(wall, [desk, screenA, screenB]));
    const [left, right] = windows();
    left!.emit('ready-to-show');
    expect(left!.show).toHaveBeenCalledTimes(1);
    expect(right!.show).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5000);
    expect(right!.show).toHaveBeenCalledTimes(1);
    expect(left!.show).toHaveBeenCalledTimes(1);
  });

  it('tells a wall page when its window is minimised, hidden or shown again (the page cannot see it)', () => {
    createManager().apply(planWindows(wall, [desk, screenA, screenB]));
    const [left, , consoleWindow] = windows();
    const sent = () => left!.webContents.send.mock.calls;
    left!.emit('show');
    expect(sent(), 'shown from the start: nothing to say').toEqual([]);

    left!.minimized = true;
    left!.emit('minimize');
    left!.minimized = false;
    left!.emit('restore');
    left!.visible = false;
    left!.emit('hide');
    // A page loaded while hidden (a reload after a crash) starts out assuming it is shown: tell it again.
    left!.webContents.emit('did-finish-load');
    left!.visible = true;
    left!.emit('show');
    expect(sent()).toEqual([
      ['tianmu:event', 'window.visibilityChanged', { isShown: false }],
      ['tianmu:event', 'window.visibilityChanged', { isShown: true }],
      ['tianmu:event', 'window.visibilityChanged', { isShown: false }],
      ['tianmu:event', 'window.visibilityChanged', { isShown: false }],
      ['tianmu:event', 'window.visibilityChanged', { isShown: true }],
    ]);
    consoleWindow!.minimized = true;
    consoleWindow!.emit('minimize');
    expect(
      consoleWindow!.webContents.send,
      'the console may be throttled like any page',
    ).not.toHaveBeenCalled();
  });

  it('re-plans when a display is unplugged: recreates the moved wall window, keeps the rest', () => {
    const manager = createManager();
    manager.apply(planWindows(wall, [desk, screenA, screenB]));
    const [left, right, consoleWindow] = windows();
    manager.apply(planWindows(wall, [desk, screenA]));
    // 2 wall displays on 2 screens: the primary now carries a wall display, the console floats over it.
    expect(left!.destroyed || right!.destroyed).toBe(true);
    expect(consoleWindow!.destroyed).toBe(false);
    expect([...manager.plans.keys()].sort()).toEqual(['console', 'wall:left', 'wall:right']);
    expect(electron.powerSaveBlocker.stop).not.toHaveBeenCalled();
  });

  it('keeps every window when the screen reports no displays at all', () => {
    const manager = createManager();
    manager.apply(planWindows(wall, [desk, screenA, screenB]));
    manager.apply(planWindows(wall, []));
    expect(windows().every((window) => !window.destroyed)).toBe(true);
  });

  it('reloads a crashed wall window after a backoff, and recreates it from the third crash', () => {
    createManager().apply(planWindows(wall, [desk, screenA, screenB]));
    const left = windows()[0]!;
    left.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(left.loadURL).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(left.loadURL).toHaveBeenCalledTimes(2);
    expect(left.loadURL).toHaveBeenLastCalledWith(`${origin}/#/wall/left`);

    left.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    vi.advanceTimersByTime(2000);
    left.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    vi.advanceTimersByTime(4000);
    expect(left.destroyed).toBe(true);
    const replacement = windows()[3]!;
    expect(replacement.options).toMatchObject({ x: 0, fullscreen: true });
    expect(replacement.loadURL).toHaveBeenCalledWith(`${origin}/#/wall/left`);
  });

  it('recreates a hung window after the grace period unless it recovers', () => {
    createManager().apply(planWindows(wall, [desk, screenA, screenB]));
    const right = windows()[1]!;
    right.webContents.emit('unresponsive');
    vi.advanceTimersByTime(5000);
    right.webContents.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(right.destroyed).toBe(false);
    right.webContents.emit('unresponsive');
    vi.advanceTimersByTime(60_000);
    expect(right.destroyed).toBe(true);
    expect(windows()).toHaveLength(4);
  });

  it('reloads every window after a GPU crash and relaunches without GPU at the third', () => {
    const relaunchWithoutGpu = vi.fn();
    const manager = createManager({ relaunchWithoutGpu });
    manager.apply(planWindows(wall, [desk, screenA, screenB]));
    manager.handleGpuGone('crashed');
    vi.advanceTimersByTime(1000);
    for (const window of windows()) expect(window.loadURL).toHaveBeenCalledTimes(2);
    manager.handleGpuGone('crashed');
    manager.handleGpuGone('crashed');
    expect(relaunchWithoutGpu).toHaveBeenCalledTimes(1);
  });

  it('does not reopen a window the user closed until restore(), and stops the power-save blocker without walls', () => {
    const manager = createManager();
    const plan = planWindows(wall, [desk, screenA, screenB]);
    manager.apply(plan);
    const [left, right] = windows();
    left!.destroy();
    manager.apply(plan);
    expect(windows()).toHaveLength(3);
    right!.destroy();
    expect(electron.powerSaveBlocker.stop).toHaveBeenCalledWith(7);
    manager.restore();
    expect(windows()).toHaveLength(5);
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledTimes(2);
  });

  it('owns only its own webContents', () => {
    const manager = createManager();
    manager.apply(planWindows(wall, [desk, screenA, screenB]));
    expect(manager.owns(windows()[0]!.webContents as never)).toBe(true);
    expect(manager.owns({ id: 9999 } as never)).toBe(false);
    manager.dispose();
    expect(windows().every((window) => window.destroyed)).toBe(true);
    expect(electron.powerSaveBlocker.stop).toHaveBeenCalledTimes(1);
  });
});
