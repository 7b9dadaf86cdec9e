// Pure glue between Electron's screen and the window plan: display conversion, window keys and URLs, plan diffs.
import type { Display } from 'electron';
import type { PhysicalDisplay, PlannedWindow } from '@shared/layout/plan-windows';

/** Electron's displays as the planner sees them (ids become strings; bounds stay in DIPs). */
export function toPhysicalDisplays(displays: readonly Display[], primaryId: number): PhysicalDisplay[] {
  return displays.map((display) => ({
    id: String(display.id),
    bounds: { ...display.bounds },
    workArea: { ...display.workArea },
    isPrimary: display.id === primaryId,
    scaleFactor: display.scaleFactor,
  }));
}

/** A window's identity across re-plans: one window per wall display, one console. */
export function windowKey(plan: PlannedWindow): string {
  return plan.role === 'wall' ? `wall:${plan.wallDisplayId}` : 'console';
}

/**
 * The page a window loads from the core's HTTP server (the same files the browser host serves); the route is
 * in the hash: `${origin}/#/wall/${wallDisplayId}` or `${origin}/#/console`.
 */
export function windowUrl(origin: string, plan: PlannedWindow): string {
  const base = origin.replace(/\/+$/, '');
  return plan.role === 'wall'
    ? `${base}/#/wall/${encodeURIComponent(plan.wallDisplayId)}`
    : `${base}/#/console`;
}

/** One step from the windows that are open to a new plan. */
export type WindowChange =
  | { kind: 'create'; key: string; plan: PlannedWindow }
  | { kind: 'move'; key: string; plan: PlannedWindow }
  | { kind: 'recreate'; key: string; plan: PlannedWindow }
  | { kind: 'keep'; key: string; plan: PlannedWindow }
  | { kind: 'close'; key: string };

function sameBounds(a: PlannedWindow, b: PlannedWindow): boolean {
  return (
    a.bounds.x === b.bounds.x &&
    a.bounds.y === b.bounds.y &&
    a.bounds.width === b.bounds.width &&
    a.bounds.height === b.bounds.height
  );
}

/**
 * What to do to go from `current` (key → the plan each open window was made for) to `next`:
 * - windows no longer planned close (surplus after a display was unplugged), new ones are created;
 * - a wall window that changes physical display, switches between full-screen and tiled, or is full-screen
 *   and its display changed size is recreated: leaving and re-entering full screen to move a window is
 *   asynchronous and differs per platform, while a fresh window lands exactly where it is created;
 * - a tiled wall window whose bounds changed moves;
 * - the console moves only when its display changes, so an operator's own arrangement survives re-plans.
 * Closes come first, then the rest in plan order.
 */
export function diffWindowPlans(
  current: ReadonlyMap<string, PlannedWindow>,
  next: readonly PlannedWindow[],
): WindowChange[] {
  const nextKeys = new Set(next.map(windowKey));
  const changes: WindowChange[] = [...current.keys()]
    .filter((key) => !nextKeys.has(key))
    .map((key) => ({ kind: 'close', key }));
  for (const plan of next) {
    const key = windowKey(plan);
    const before = current.get(key);
    if (!before) changes.push({ kind: 'create', key, plan });
    else if (plan.role === 'console') {
      changes.push({
        kind: before.physicalDisplayId === plan.physicalDisplayId ? 'keep' : 'move',
        key,
        plan,
      });
    } else if (before.physicalDisplayId !== plan.physicalDisplayId || before.fullscreen !== plan.fullscreen) {
      changes.push({ kind: 'recreate', key, plan });
    } else if (sameBounds(before, plan)) changes.push({ kind: 'keep', key, plan });
    else changes.push({ kind: plan.fullscreen ? 'recreate' : 'move', key, plan });
  }
  return changes;
}
