// Colours and type of charts on the dark command-room wall; the national warning colours are kept apart.
import type { Thresholds } from '@shared/model/indicator';

/** The national warning colours (blue IV < yellow III < orange II < red I): used for warnings only. */
export const warningColours = {
  blue: '#1e6fff',
  yellow: '#ffd200',
  orange: '#ff8c00',
  red: '#e60000',
} as const;
export type WarningColourLevel = keyof typeof warningColours;

/** Line colours of data series: bright on dark, and far enough from the warning colours not to be read as one. */
export const seriesColours = ['#3ddbb5', '#b197fc', '#f783ac', '#e9edf2', '#7fe3f0', '#9be15d'] as const;

/** Neutral colours of the dark theme. */
export const chartColours = {
  text: '#e6edf6',
  mutedText: '#9fb0c3',
  axisLine: '#3a4a5e',
  gridLine: '#1c2735',
  tooltipBackground: 'rgba(8, 14, 24, 0.94)',
  tooltipBorder: '#2c3e55',
} as const;

/** The warning levels an indicator defines, from the least to the most severe, with their values. */
export function definedLevels(thresholds: Thresholds): Array<{ level: WarningColourLevel; value: number }> {
  return (['blue', 'yellow', 'orange', 'red'] as const).flatMap((level) => {
    const value = thresholds[level];
    return value === undefined ? [] : [{ level, value }];
  });
}
