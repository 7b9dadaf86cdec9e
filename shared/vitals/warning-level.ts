// Grades a value into the national warning levels (normal < blue IV < yellow III < orange II < red I),
// with hysteresis so a value hovering at a threshold does not flap between levels.
import type { Thresholds } from '../model/indicator';

export const warningLevels = ['normal', 'blue', 'yellow', 'orange', 'red'] as const;
export type WarningLevel = (typeof warningLevels)[number];

const graded = ['blue', 'yellow', 'orange', 'red'] as const;

export function levelRank(level: WarningLevel): number {
  return warningLevels.indexOf(level);
}

/** True when `value` is at or beyond `threshold` in the direction that is worse. */
function reaches(value: number, threshold: number, direction: Thresholds['direction']): boolean {
  return direction === 'above' ? value >= threshold : value <= threshold;
}

/**
 * The level of `value`. Rising is immediate; falling below a level's threshold only happens once the value
 * is `hysteresis` past it, so `previous` is kept while the value sits inside that band.
 */
export function evaluateLevel(
  value: number,
  thresholds: Thresholds,
  previous: WarningLevel = 'normal',
): WarningLevel {
  const { direction, hysteresis } = thresholds;
  const towardSafe = direction === 'above' ? -hysteresis : hysteresis;
  let level: WarningLevel = 'normal';
  for (const name of graded) {
    const threshold = thresholds[name];
    if (threshold === undefined) continue;
    const isHeld = levelRank(previous) >= levelRank(name);
    if (reaches(value, isHeld ? threshold + towardSafe : threshold, direction)) level = name;
  }
  return level;
}
