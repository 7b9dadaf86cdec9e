import { describe, expect, it } from 'vitest';
import {
  decideRestart,
  defaultRestartPolicy,
  isGpuDisabled,
  recentEvents,
  relaunchWithoutGpuArguments,
  startupSwitches,
  type CrashEvent,
  type CrashKind,
} from './restart-policy';

const minute = 60_000;
const now = 100 * minute;

function events(kind: CrashKind, minutesAgo: number[], reason = 'crashed'): CrashEvent[] {
  return minutesAgo.map((ago) => ({ kind, at: now - ago * minute, reason }));
}

const gpuOn = { gpuDisabled: false };

describe('decideRestart', () => {
  it('ignores an empty history and clean exits', () => {
    expect(decideRestart([], now, gpuOn).action).toBe('ignore');
    expect(decideRestart(events('renderer-gone', [0], 'clean-exit'), now, gpuOn).action).toBe('ignore');
    expect(decideRestart(events('gpu-gone', [0], 'clean-exit'), now, gpuOn).action).toBe('ignore');
  });

  it('reloads after a first renderer crash, after one second', () => {
    expect(decideRestart(events('renderer-gone', [0]), now, gpuOn)).toMatchObject({
      action: 'reload',
      delayMs: 1000,
    });
    expect(decideRestart(events('renderer-gone', [0], 'oom'), now, gpuOn).action).toBe('reload');
  });

  it('backs off: each further crash within ten minutes doubles the delay', () => {
    expect(decideRestart(events('renderer-gone', [5, 0]), now, gpuOn)).toMatchObject({
      action: 'reload',
      delayMs: 2000,
    });
  });

  it('recreates the window from the third crash, gives up at the sixth', () => {
    expect(decideRestart(events('renderer-gone', [3, 2, 0]), now, gpuOn)).toMatchObject({
      action: 'recreate-window',
      delayMs: 4000,
    });
    expect(decideRestart(events('renderer-gone', [5, 4, 3, 2, 1]), now, gpuOn).action).toBe(
      'recreate-window',
    );
    expect(decideRestart(events('renderer-gone', [5, 4, 3, 2, 1, 0]), now, gpuOn).action).toBe(
      'give-up-and-show-error',
    );
  });

  it('forgets crashes older than ten minutes', () => {
    expect(decideRestart(events('renderer-gone', [30, 20, 11, 0]), now, gpuOn)).toMatchObject({
      action: 'reload',
      delayMs: 1000,
    });
  });

  it('recreates a window whose renderer failed to launch', () => {
    expect(decideRestart(events('renderer-gone', [0], 'launch-failed'), now, gpuOn).action).toBe(
      'recreate-window',
    );
  });

  it('gives up at once on an integrity failure', () => {
    expect(decideRestart(events('renderer-gone', [0], 'integrity-failure'), now, gpuOn).action).toBe(
      'give-up-and-show-error',
    );
  });

  it('reloads after a GPU crash (white window, electron#832), relaunches without GPU at the third in 10 min', () => {
    expect(decideRestart(events('gpu-gone', [0]), now, gpuOn).action).toBe('reload');
    expect(decideRestart(events('gpu-gone', [20, 15, 0]), now, gpuOn).action).toBe('reload');
    expect(decideRestart(events('gpu-gone', [9, 5, 0]), now, gpuOn)).toMatchObject({
      action: 'relaunch-without-gpu',
      delayMs: 0,
    });
  });

  it('gives up when the GPU keeps crashing with hardware acceleration already off', () => {
    expect(decideRestart(events('gpu-gone', [9, 5, 0]), now, { gpuDisabled: true }).action).toBe(
      'give-up-and-show-error',
    );
  });

  it('counts only events of the latest kind', () => {
    const history = [...events('gpu-gone', [9, 5]), ...events('renderer-gone', [0])];
    expect(decideRestart(history, now, gpuOn)).toMatchObject({ action: 'reload', delayMs: 1000 });
  });

  it('recreates a hung window after a grace period, gives up at the third hang', () => {
    expect(decideRestart(events('renderer-unresponsive', [0]), now, gpuOn)).toMatchObject({
      action: 'recreate-window',
      delayMs: defaultRestartPolicy.hangGraceMs,
    });
    expect(decideRestart(events('renderer-unresponsive', [4, 2, 0]), now, gpuOn).action).toBe(
      'give-up-and-show-error',
    );
  });

  it('never waits longer than the maximum delay', () => {
    const policy = {
      ...defaultRestartPolicy,
      rendererCrashesBeforeGivingUp: 100,
      rendererCrashesBeforeRecreate: 100,
    };
    const history = Array.from({ length: 30 }, (_, index) => ({
      kind: 'renderer-gone' as const,
      at: now - index * 1000,
    }));
    expect(decideRestart(history, now, gpuOn, policy)).toMatchObject({
      action: 'reload',
      delayMs: policy.maxDelayMs,
    });
  });
});

describe('recentEvents', () => {
  it('keeps the last ten minutes only', () => {
    expect(
      recentEvents(events('gpu-gone', [11, 10, 9, 0]), now).map((event) => (now - event.at) / minute),
    ).toEqual([9, 0]);
  });
});

describe('startup switches', () => {
  it('turns the GPU off when relaunched with --disable-gpu or asked by the environment', () => {
    expect(startupSwitches(['/opt/tianmu/tianmu'], {})).toEqual({
      disableHardwareAcceleration: false,
      switches: [],
    });
    expect(startupSwitches(['/opt/tianmu/tianmu', '--disable-gpu'], {})).toEqual({
      disableHardwareAcceleration: true,
      switches: [['disable-gpu']],
    });
    expect(isGpuDisabled(['tianmu'], { TIANMU_DISABLE_GPU: '1' })).toBe(true);
    expect(isGpuDisabled(['tianmu'], { TIANMU_DISABLE_GPU: '0' })).toBe(false);
  });

  it('relaunches with the same arguments plus --disable-gpu, once', () => {
    expect(relaunchWithoutGpuArguments(['/opt/tianmu/tianmu', '--kiosk', '--workspace=/srv/wall'])).toEqual([
      '--kiosk',
      '--workspace=/srv/wall',
      '--disable-gpu',
    ]);
    expect(relaunchWithoutGpuArguments(['electron', '.', '--disable-gpu'])).toEqual(['.', '--disable-gpu']);
  });
});
