import { describe, expect, it } from 'vitest';
import type { Indicator } from '@shared/model/indicator';
import { warningRows } from './warning-rows';

const indicator = (id: string, dimension: Indicator['dimension']): Indicator => ({
  id,
  name: { zh: id, en: id },
  dimension,
  unit: '',
  sourceKey: `vitals/${id}`,
  staleAfterSeconds: 30,
});
const catalogue = new Map(
  [
    indicator('rain', 'weather'),
    indicator('tide', 'weather'),
    indicator('aqi', 'environment'),
    indicator('wind', 'weather'),
  ].map((item) => [item.id, item]),
);

describe('warningRows', () => {
  it('lists warning levels only, most severe first, then the longest-standing, within the limit and filter', () => {
    const levels = [
      { indicatorId: 'rain', level: 'yellow' as const, since: 10 },
      { indicatorId: 'tide', level: 'red' as const, since: 30 },
      { indicatorId: 'aqi', level: 'red' as const, since: 20 },
      { indicatorId: 'wind', level: 'normal' as const, since: 1 },
      { indicatorId: 'unknown', level: 'red' as const, since: 1 },
    ];
    expect(warningRows(levels, catalogue, { limit: 10 }).map((row) => row.indicator.id)).toEqual([
      'aqi',
      'tide',
      'rain',
    ]);
    expect(
      warningRows(levels, catalogue, { limit: 1, dimensions: ['weather'] }).map((row) => row.indicator.id),
    ).toEqual(['tide']);
  });
});
