// Saved wall states from earlier builds, brought to the current shape before they are validated, so an
// upgrade never costs the operator the wall they left.
import { wallHistoryDepth } from '@shared/model/wall';

/** A saved state in the current shape (still to be validated) and one line per change made, for the log. */
export interface UpgradedWallState {
  readonly state: unknown;
  readonly notes: readonly string[];
}

/**
 * Upgrades the `state` member of a state file (parsed JSON, not yet validated):
 * - builds before the 返回 history kept one snapshot in `previous` (null when there was none): it becomes a
 *   history of one (or none);
 * - files of this build also carry `previous` (the newest entry) for those builds, and it is dropped here;
 * - a history deeper than this build keeps (a build with a larger depth) keeps its newest entries.
 * Anything else is returned as it is, for the schema to judge.
 */
export function upgradeSavedWallState(saved: unknown): UpgradedWallState {
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return { state: saved, notes: [] };
  const { previous, ...state } = saved as Record<string, unknown>;
  const notes: string[] = [];
  if (!('history' in state)) {
    if (previous === undefined) return { state: saved, notes };
    state.history = previous === null ? [] : [previous];
    notes.push(
      previous === null
        ? 'upgraded from the single 返回 snapshot (there was none)'
        : 'upgraded from the single 返回 snapshot to a history of one',
    );
  }
  if (Array.isArray(state.history) && state.history.length > wallHistoryDepth) {
    notes.push(
      `kept the newest ${wallHistoryDepth} of ${state.history.length} 返回 entries (the oldest dropped)`,
    );
    state.history = state.history.slice(-wallHistoryDepth);
  }
  return { state, notes };
}
