// Opens, moves and closes the wall and console windows per plan, keeps the displays awake while a wall is
// open, and restarts crashed or hung windows per the restart policy.
import { BrowserWindow, powerSaveBlocker } from 'electron';
import type { WebContents } from 'electron';
import type { PlannedWindow } from '@shared/layout/plan-windows';
import { bridgeChannels } from '@shared/protocol/bridge';
import type { EventPayload } from '@shared/protocol/messages';
import { consoleWindowOptions, wallWindowOptions, type WindowSettings } from './window-options';
import { diffWindowPlans, windowKey, windowUrl } from './window-plan';
import { decideRestart, recentEvents, type CrashEvent, type RestartDecision } from './restart-policy';
import { errorPageUrl } from './error-page';

export interface WindowManagerOptions {
  /** The core's origin; windows load `${origin}/#/wall/…` and `${origin}/#/console`. */
  origin: string;
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string;
  settings: WindowSettings;
  /** Hardware acceleration is already off (relaunched with --disable-gpu). */
  gpuDisabled: boolean;
  /** Restarts the app with --disable-gpu (after repeated GPU crashes). */
  relaunchWithoutGpu: () => void;
  /** A window that never reports ready-to-show is shown after this long anyway (default 10 s). */
  showFallbackMs?: number;
  log?: { info(message: string): void; warn(message: string): void };
}

interface ManagedWindow {
  readonly key: string;
  plan: PlannedWindow;
  readonly window: BrowserWindow;
  /** This window's recent renderer crashes and hangs. */
  crashes: CrashEvent[];
  pending?: { timer: ReturnType<typeof setTimeout>; cause: CrashEvent['kind'] };
  /** Closed by the manager (surplus, recreated), as opposed to by the user. */
  closingByUs: boolean;
}

/** The shell's windows. Not thread-safe in any sense that matters: call it from the main process only. */
export class WindowManager {
  private readonly windows = new Map<string, ManagedWindow>();
  /** Windows the user closed: not reopened by re-plans until `restore()`. */
  private readonly dismissed = new Set<string>();
  private gpuCrashes: CrashEvent[] = [];
  private lastPlan: PlannedWindow[] = [];
  private powerSaveBlockerId: number | undefined;
  private readonly log: NonNullable<WindowManagerOptions['log']>;

  constructor(private readonly options: WindowManagerOptions) {
    this.log = options.log ?? {
      info: (message) => console.info(`[windows] ${message}`),
      warn: (message) => console.warn(`[windows] ${message}`),
    };
  }

  /** The plan each open window was made for, by key (`wall:<id>`, `console`). */
  get plans(): ReadonlyMap<string, PlannedWindow> {
    return new Map([...this.windows].map(([key, entry]) => [key, entry.plan]));
  }

  /** The plan of the window `contents` belongs to (the bridge signs wall windows in as the wall machine). */
  planOf(contents: WebContents): PlannedWindow | undefined {
    for (const entry of this.windows.values()) {
      if (!entry.window.isDestroyed() && entry.window.webContents.id === contents.id) return entry.plan;
    }
    return undefined;
  }

  /** Whether `contents` belongs to one of the manager's windows (the IPC bridge serves only those). */
  owns(contents: WebContents): boolean {
    for (const entry of this.windows.values()) {
      if (!entry.window.isDestroyed() && entry.window.webContents.id === contents.id) return true;
    }
    return false;
  }

  /**
   * Brings the windows in line with `plan`: closes surplus windows, creates missing ones, moves or recreates
   * the others. An empty plan (no display at all, e.g. while a KVM switch or a monitor power cycle removes
   * every display) changes nothing: closing every window would quit the app.
   */
  apply(plan: readonly PlannedWindow[]): void {
    if (plan.length === 0) {
      this.log.warn('no displays: keeping the windows as they are');
      return;
    }
    this.lastPlan = [...plan];
    const wanted = plan.filter((entry) => !this.dismissed.has(windowKey(entry)));
    for (const change of diffWindowPlans(this.plans, wanted)) {
      const entry = this.windows.get(change.key);
      switch (change.kind) {
        case 'close':
          if (entry) this.destroy(entry);
          break;
        case 'create':
          this.create(change.plan, []);
          break;
        case 'recreate':
          if (entry) this.recreate(entry, change.plan);
          break;
        case 'move':
          if (entry) {
            entry.plan = change.plan;
            entry.window.setBounds(change.plan.bounds);
          }
          break;
        case 'keep':
          if (entry) entry.plan = change.plan;
          break;
      }
    }
    this.updatePowerSaveBlocker();
  }

  /** Reopens windows the user closed and focuses the console (a second launch of the app asks for this). */
  restore(): void {
    this.dismissed.clear();
    this.apply(this.lastPlan);
    const focus = this.windows.get('console') ?? this.windows.values().next().value;
    if (focus && !focus.window.isDestroyed()) {
      if (focus.window.isMinimized()) focus.window.restore();
      focus.window.focus();
    }
  }

  /** The GPU process died (`app` `child-process-gone` with type GPU). */
  handleGpuGone(reason: string): void {
    const event: CrashEvent = { kind: 'gpu-gone', at: Date.now(), reason };
    this.gpuCrashes = recentEvents([...this.gpuCrashes, event], event.at);
    const decision = decideRestart(this.gpuCrashes, event.at, { gpuDisabled: this.options.gpuDisabled });
    this.log.warn(`GPU process ${reason}: ${decision.action} (${decision.why})`);
    if (decision.action === 'relaunch-without-gpu') {
      this.options.relaunchWithoutGpu();
      return;
    }
    for (const entry of this.windows.values()) this.act(entry, decision, 'gpu-gone');
  }

  /** Closes every window and releases the power-save blocker (the app is quitting). */
  dispose(): void {
    for (const entry of [...this.windows.values()]) this.destroy(entry);
    this.updatePowerSaveBlocker();
  }

  private create(plan: PlannedWindow, crashes: CrashEvent[]): ManagedWindow {
    const key = windowKey(plan);
    const { preloadPath, settings } = this.options;
    const window = new BrowserWindow(
      plan.role === 'wall'
        ? wallWindowOptions(plan, preloadPath, settings)
        : consoleWindowOptions(plan, preloadPath, settings),
    );
    const entry: ManagedWindow = { key, plan, window, crashes, closingByUs: false };
    this.windows.set(key, entry);

    // Shown only once painted (no white flash); a page that never gets there is shown anyway, so a broken
    // window is visible rather than silently missing.
    let shown = false;
    const show = () => {
      if (shown || window.isDestroyed()) return;
      shown = true;
      window.show();
      if (entry.plan.role === 'wall' && entry.plan.fullscreen && !window.isFullScreen())
        window.setFullScreen(true);
    };
    window.once('ready-to-show', show);
    const fallback = setTimeout(show, this.options.showFallbackMs ?? 10_000);

    const contents = window.webContents;
    if (plan.role === 'wall') this.reportVisibility(window);
    contents.on('render-process-gone', (_event, details) => {
      this.handleWindowEvent(entry, { kind: 'renderer-gone', at: Date.now(), reason: details.reason });
    });
    contents.on('unresponsive', () => {
      this.handleWindowEvent(entry, { kind: 'renderer-unresponsive', at: Date.now() });
    });
    contents.on('responsive', () => {
      if (entry.pending?.cause === 'renderer-unresponsive') {
        this.log.info(`${key} responds again`);
        this.cancelPending(entry);
      }
    });
    window.on('closed', () => {
      clearTimeout(fallback);
      this.cancelPending(entry);
      if (this.windows.get(key) === entry) this.windows.delete(key);
      if (!entry.closingByUs) this.dismissed.add(key);
      this.updatePowerSaveBlocker();
    });

    this.load(entry, windowUrl(this.options.origin, plan));
    return entry;
  }

  /**
   * Tells a wall window's page when the window is hidden, minimised or shown again. Its page cannot see that
   * itself (backgroundThrottling is off, so it always reports 'visible': electron#39223), and a hidden display
   * must hold no video player. Sent again after every page load, which starts out assuming it is shown.
   */
  private reportVisibility(window: BrowserWindow): void {
    const contents = window.webContents;
    let isShown = true;
    const send = () => {
      if (window.isDestroyed() || contents.isDestroyed()) return;
      const payload: EventPayload<'window.visibilityChanged'> = { isShown };
      contents.send(bridgeChannels.event, 'window.visibilityChanged', payload);
    };
    const update = () => {
      if (window.isDestroyed()) return;
      const now = window.isVisible() && !window.isMinimized();
      if (now === isShown) return;
      isShown = now;
      send();
    };
    window.on('show', update);
    window.on('hide', update);
    window.on('minimize', update);
    window.on('restore', update);
    contents.on('did-finish-load', () => {
      if (!isShown) send();
    });
  }

  /** A fresh window for the same key; the new one exists before the old one goes, so the app never has zero. */
  private recreate(entry: ManagedWindow, plan: PlannedWindow): void {
    entry.closingByUs = true;
    this.cancelPending(entry);
    this.windows.delete(entry.key);
    this.create(plan, entry.crashes);
    if (!entry.window.isDestroyed()) entry.window.destroy();
  }

  private destroy(entry: ManagedWindow): void {
    entry.closingByUs = true;
    this.cancelPending(entry);
    this.windows.delete(entry.key);
    if (!entry.window.isDestroyed()) entry.window.destroy();
  }

  private load(entry: ManagedWindow, url: string): void {
    entry.window
      .loadURL(url)
      .catch((error: unknown) => this.log.warn(`${entry.key}: loading failed: ${String(error)}`));
  }

  private handleWindowEvent(entry: ManagedWindow, event: CrashEvent): void {
    if (this.windows.get(entry.key) !== entry) return;
    entry.crashes = recentEvents([...entry.crashes, event], event.at);
    const decision = decideRestart(entry.crashes, event.at, { gpuDisabled: this.options.gpuDisabled });
    this.log.warn(`${entry.key}: ${event.kind} ${event.reason ?? ''}: ${decision.action} (${decision.why})`);
    this.act(entry, decision, event.kind);
  }

  private act(entry: ManagedWindow, decision: RestartDecision, cause: CrashEvent['kind']): void {
    switch (decision.action) {
      case 'ignore':
        return;
      case 'reload':
        this.schedule(entry, decision.delayMs, cause, () =>
          this.load(entry, windowUrl(this.options.origin, entry.plan)),
        );
        return;
      case 'recreate-window':
        this.schedule(entry, decision.delayMs, cause, () => this.recreate(entry, entry.plan));
        return;
      case 'relaunch-without-gpu':
        this.options.relaunchWithoutGpu();
        return;
      case 'give-up-and-show-error':
        this.cancelPending(entry);
        this.load(
          entry,
          errorPageUrl('天幕 Tianmu: this display stopped', `${decision.why}. Restart Tianmu.`),
        );
        return;
    }
  }

  private schedule(entry: ManagedWindow, delayMs: number, cause: CrashEvent['kind'], run: () => void): void {
    this.cancelPending(entry);
    const timer = setTimeout(() => {
      entry.pending = undefined;
      if (this.windows.get(entry.key) === entry && !entry.window.isDestroyed()) run();
    }, delayMs);
    entry.pending = { timer, cause };
  }

  private cancelPending(entry: ManagedWindow): void {
    if (entry.pending) clearTimeout(entry.pending.timer);
    entry.pending = undefined;
  }

  /** Displays must not sleep while a wall window is open ('prevent-display-sleep'). */
  private updatePowerSaveBlocker(): void {
    const hasWall = [...this.windows.values()].some((entry) => entry.plan.role === 'wall');
    if (hasWall && this.powerSaveBlockerId === undefined) {
      this.powerSaveBlockerId = powerSaveBlocker.start('prevent-display-sleep');
    } else if (!hasWall && this.powerSaveBlockerId !== undefined) {
      powerSaveBlocker.stop(this.powerSaveBlockerId);
      this.powerSaveBlockerId = undefined;
    }
  }
}
