// Gauge and ranking options: scales and bands follow the thresholds, warning colours only for warnings,
// bars ordered highest first, tooltip names escaped.
import { describe, expect, it } from 'vitest';
import { seriesColours, warningColours, chartColours } from './chart-theme';
import { buildGaugeOption, gaugeBands, gaugeScale } from './gauge-option';
import { buildRankingOption, rankItems } from './ranking-option';

const rain = { direction: 'above' as const, blue: 20, yellow: 35, orange: 50, red: 70, hysteresis: 0 };
const pressure = {
  direction: 'below' as const,
  blue: 0.2,
  yellow: 0.17,
  orange: 0.14,
  red: 0.1,
  hysteresis: 0,
};

describe('gauge option', () => {
  it('spans zero to beyond the highest threshold or value', () => {
    expect(gaugeScale(12, rain)).toEqual({ min: 0, max: 70 * 1.15 });
    expect(gaugeScale(120, rain).max).toBeCloseTo(138);
    expect(gaugeScale(undefined)).toEqual({ min: 0, max: 100 });
  });

  it('colours the rim neutral where normal and in the warning colours beyond each threshold', () => {
    const scale = { min: 0, max: 100 };
    expect(gaugeBands(rain, scale)).toEqual([
      [0.2, chartColours.axisLine],
      [0.35, warningColours.blue],
      [0.5, warningColours.yellow],
      [0.7, warningColours.orange],
      [1, warningColours.red],
    ]);
    const below = gaugeBands(pressure, { min: 0, max: 0.4 });
    expect(below[0]).toEqual([0.25, warningColours.red]);
    expect(below.at(-1)).toEqual([1, chartColours.axisLine]);
  });

  it('turns animation off and shows the value with its unit', () => {
    const option = buildGaugeOption({
      value: 42,
      unit: 'mm/h',
      thresholds: rain,
      valueColour: '#fff',
      fontSize: 20,
      isMuted: false,
    });
    expect(option.animation).toBe(false);
    const series = (option.series as Array<{ detail: { formatter: (value: number) => string } }>)[0]!;
    expect(series.detail.formatter(42)).toBe('42 mm/h');
  });
});

describe('ranking option', () => {
  const items = [
    { name: '外滩街道', value: 30, level: 'normal' as const, isStale: false },
    { name: '<script>南京东路</script>', value: 80, level: 'red' as const, isStale: false },
    { name: '豫园街道', value: 55, level: 'normal' as const, isStale: true },
  ];

  it('ranks highest first within the limit', () => {
    expect(rankItems(items, 2).map((item) => item.value)).toEqual([80, 55]);
  });

  it('draws the highest on top, in warning colours only for warnings, and escapes tooltip names', () => {
    const option = buildRankingOption({ items, unit: '件', limit: 10, fontSize: 16 });
    const yAxis = option.yAxis as { data: string[] };
    expect(yAxis.data.at(-1)).toBe('<script>南京东路</script>');
    const bars = (option.series as Array<{ data: Array<{ itemStyle: { color: string } }> }>)[0]!.data;
    expect(bars.map((bar) => bar.itemStyle.color)).toEqual([
      seriesColours[0],
      chartColours.axisLine,
      warningColours.red,
    ]);
    const tooltip = option.tooltip as { formatter: (params: unknown) => string };
    expect(tooltip.formatter({ dataIndex: 2 })).toBe('&lt;script&gt;南京东路&lt;/script&gt;：80 件');
  });
});
