// The warnings board's rows: indicators at a warning level, most severe first, then longest-standing first.
import type { Indicator } from '@shared/model/indicator';
import { levelRank, type WarningLevel } from '@shared/vitals/warning-level';

export interface LevelEntry {
  readonly indicatorId: string;
  readonly level: WarningLevel;
  readonly since: number;
}

export interface WarningRow {
  readonly indicator: Indicator;
  readonly level: Exclude<WarningLevel, 'normal'>;
  readonly since: number;
}

export function warningRows(
  levels: Iterable<LevelEntry>,
  indicators: ReadonlyMap<string, Indicator>,
  options: { dimensions?: readonly string[]; limit: number },
): WarningRow[] {
  const rows: WarningRow[] = [];
  for (const entry of levels) {
    if (entry.level === 'normal') continue;
    const indicator = indicators.get(entry.indicatorId);
    if (!indicator) continue;
    if (options.dimensions && !options.dimensions.includes(indicator.dimension)) continue;
    rows.push({ indicator, level: entry.level, since: entry.since });
  }
  rows.sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.since - b.since);
  return rows.slice(0, options.limit);
}
