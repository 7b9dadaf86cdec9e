// What to do when a window's renderer or the GPU process dies or hangs: reload, recreate, fall back to software
// rendering, or give up and say so — with backoff, so a crash loop never spins.

/** What happened. `renderer-*` events belong to one window; `gpu-gone` to the whole app. */
export type CrashKind = 'renderer-gone' | 'renderer-unresponsive' | 'gpu-gone';

/** One crash or hang, as the shell records it. `reason` is Electron's (`crashed`, `oom`, `killed`, …). */
export interface CrashEvent {
  kind: CrashKind;
  /** Milliseconds since the epoch. */
  at: number;
  reason?: string;
}

export type RestartAction =
  'ignore' | 'reload' | 'recreate-window' | 'relaunch-without-gpu' | 'give-up-and-show-error';

export interface RestartDecision {
  action: RestartAction;
  /** Wait this long before acting (backoff; for hangs, a grace period the page may recover in). */
  delayMs: number;
  /** One line for the log and the error page. */
  why: string;
}

export interface RestartPolicy {
  /** Only events this recent count (default 10 minutes). */
  windowMs: number;
  /** GPU crashes within the window after which hardware acceleration is turned off (default 3). */
  gpuCrashesBeforeSoftware: number;
  /** Renderer crashes of one window after which a plain reload is not trusted: recreate it (default 3). */
  rendererCrashesBeforeRecreate: number;
  /** Renderer crashes of one window after which the shell stops trying (default 6). */
  rendererCrashesBeforeGivingUp: number;
  /** Hangs of one window after which the shell stops trying (default 3). */
  hangsBeforeGivingUp: number;
  /** How long a hung page gets to recover before its window is recreated (default 10 s). */
  hangGraceMs: number;
  /** First backoff delay, doubled for every further event of the same kind (default 1 s). */
  baseDelayMs: number;
  /** Longest backoff delay (default 60 s). */
  maxDelayMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  windowMs: 10 * 60_000,
  gpuCrashesBeforeSoftware: 3,
  rendererCrashesBeforeRecreate: 3,
  rendererCrashesBeforeGivingUp: 6,
  hangsBeforeGivingUp: 3,
  hangGraceMs: 10_000,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

/** The events still inside the policy's window: callers keep their history bounded with this. */
export function recentEvents(
  history: readonly CrashEvent[],
  now: number,
  policy: RestartPolicy = defaultRestartPolicy,
): CrashEvent[] {
  return history.filter((event) => now - event.at < policy.windowMs && event.at <= now);
}

function backoff(count: number, policy: RestartPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, count - 1));
}

/** A process that ended on purpose (window closed, app quitting) is not a crash. */
function isCrash(event: CrashEvent): boolean {
  return event.reason !== 'clean-exit';
}

/**
 * Decides what to do about the newest event of `history` (the last entry). Pass one window's renderer events
 * plus the app's GPU events; `gpuDisabled` says hardware acceleration is already off.
 *
 * - A clean exit is ignored.
 * - `integrity-failure`: the app's files are damaged, restarting cannot help → give up.
 * - GPU process gone: reload (a GPU crash can leave a white window until reload, electron#832); after
 *   `gpuCrashesBeforeSoftware` crashes in the window, relaunch with `--disable-gpu`; if the GPU is already
 *   off, give up.
 * - Renderer gone: reload; from `rendererCrashesBeforeRecreate` crashes on (or if it failed to launch),
 *   recreate the window; from `rendererCrashesBeforeGivingUp` on, give up.
 * - Renderer hung: recreate the window after a grace period (the shell cancels it if the page recovers);
 *   from `hangsBeforeGivingUp` hangs on, give up.
 *
 * Every delay doubles with the number of recent events of the same kind, up to `maxDelayMs`.
 */
export function decideRestart(
  history: readonly CrashEvent[],
  now: number,
  context: { gpuDisabled: boolean },
  policy: RestartPolicy = defaultRestartPolicy,
): RestartDecision {
  const latest = history.at(-1);
  if (!latest || !isCrash(latest)) return { action: 'ignore', delayMs: 0, why: 'process ended normally' };
  if (latest.reason === 'integrity-failure') {
    return {
      action: 'give-up-and-show-error',
      delayMs: 0,
      why: 'the application files failed an integrity check',
    };
  }
  const recent = recentEvents(history, now, policy).filter(isCrash);
  const count = Math.max(1, recent.filter((event) => event.kind === latest.kind).length);
  const delayMs = backoff(count, policy);

  switch (latest.kind) {
    case 'gpu-gone':
      if (count >= policy.gpuCrashesBeforeSoftware) {
        return context.gpuDisabled
          ? {
              action: 'give-up-and-show-error',
              delayMs: 0,
              why: `GPU process crashed ${count} times in software mode`,
            }
          : { action: 'relaunch-without-gpu', delayMs: 0, why: `GPU process crashed ${count} times` };
      }
      return { action: 'reload', delayMs, why: `GPU process ${latest.reason ?? 'gone'} (${count})` };
    case 'renderer-gone':
      if (count >= policy.rendererCrashesBeforeGivingUp) {
        return { action: 'give-up-and-show-error', delayMs: 0, why: `page crashed ${count} times` };
      }
      if (count >= policy.rendererCrashesBeforeRecreate || latest.reason === 'launch-failed') {
        return { action: 'recreate-window', delayMs, why: `page ${latest.reason ?? 'gone'} (${count})` };
      }
      return { action: 'reload', delayMs, why: `page ${latest.reason ?? 'gone'} (${count})` };
    case 'renderer-unresponsive':
      if (count >= policy.hangsBeforeGivingUp) {
        return {
          action: 'give-up-and-show-error',
          delayMs: 0,
          why: `page stopped responding ${count} times`,
        };
      }
      return {
        action: 'recreate-window',
        delayMs: Math.max(policy.hangGraceMs, delayMs),
        why: `page stopped responding (${count})`,
      };
  }
}

/** `--disable-gpu` on the command line or `TIANMU_DISABLE_GPU=1`: run without hardware acceleration. */
export function isGpuDisabled(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return argv.includes('--disable-gpu') || env.TIANMU_DISABLE_GPU === '1';
}

/**
 * What to set up before `app.whenReady()`: whether to call `app.disableHardwareAcceleration()` and the
 * Chromium switches to append. `--disable-gpu` is appended even when it came from the environment, so
 * child processes and the logs agree on it.
 */
export function startupSwitches(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { disableHardwareAcceleration: boolean; switches: Array<[name: string, value?: string]> } {
  const gpuDisabled = isGpuDisabled(argv, env);
  return { disableHardwareAcceleration: gpuDisabled, switches: gpuDisabled ? [['disable-gpu']] : [] };
}

/**
 * The arguments for `app.relaunch({ args })` after repeated GPU crashes: this run's arguments (without the
 * executable) plus `--disable-gpu`, once.
 */
export function relaunchWithoutGpuArguments(argv: readonly string[]): string[] {
  return [...argv.slice(1).filter((argument) => argument !== '--disable-gpu'), '--disable-gpu'];
}
