// Video patrol (视频轮巡): where a patrol cell is in its camera group, from its dwell time and the wall clock.
import { z } from 'zod';

/** The least time a patrol shows one camera: shorter cycles make nothing recognisable and load the server. */
export const minimumDwellSeconds = 5;

/**
 * The live position of one patrol cell in the wall state (absent = running since the epoch at step 0, so
 * every window computes the same camera from the clock alone).
 * - `step`: steps taken when `since` was set;
 * - `since`: ms since epoch the patrol was last paused, resumed or advanced;
 * - `isPaused`: held at `step` until resumed.
 */
export const patrolStateSchema = z.object({
  step: z.number().int().min(0),
  since: z.number().min(0),
  isPaused: z.boolean(),
});
export type PatrolState = z.infer<typeof patrolStateSchema>;

export const runningPatrol: PatrolState = { step: 0, since: 0, isPaused: false };

/** The key of a patrol cell in `WallState.patrols`. */
export function patrolKey(displayId: string, cellIndex: number): string {
  return `${displayId}/${cellIndex}`;
}

/** Steps taken by `now` (grows by one every dwell while running). */
export function patrolStep(state: PatrolState, dwellSeconds: number, now: number): number {
  if (state.isPaused) return state.step;
  const dwellMs = Math.max(minimumDwellSeconds, dwellSeconds) * 1000;
  return state.step + Math.max(0, Math.floor((now - state.since) / dwellMs));
}

/** When (ms since epoch) the step after the current one starts, or null while paused. */
export function nextPatrolChangeAt(state: PatrolState, dwellSeconds: number, now: number): number | null {
  if (state.isPaused) return null;
  const dwellMs = Math.max(minimumDwellSeconds, dwellSeconds) * 1000;
  const taken = patrolStep(state, dwellSeconds, now) - state.step;
  return state.since + (taken + 1) * dwellMs;
}

/** Index into the camera group for a step. */
export function patrolIndex(step: number, cameraCount: number): number {
  return cameraCount > 0 ? ((step % cameraCount) + cameraCount) % cameraCount : 0;
}
