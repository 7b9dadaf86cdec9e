// The trend chart's option: warning bands in the national colours, one axis per unit, escaped tooltips.
import { describe, expect, it } from 'vitest';
import { warningColours } from './chart-theme';
import { buildTrendData, buildTrendOption, warningMarks, type TrendChartInput } from './trend-option';

const levelNames = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };
const start = Date.UTC(2026, 10, 21, 0, 0, 0);

function input(overrides: Partial<TrendChartInput> = {}): TrendChartInput {
  return {
    series: [
      {
        name: '小时降雨量',
        unit: 'mm/h',
        points: [
          [start + 1_000, 10],
          [start + 2_000, 12.3],
        ],
        thresholds: { direction: 'above', blue: 20, yellow: 30, red: 50, hysteresis: 0 },
      },
    ],
    startTime: start,
    endTime: start + 600_000,
    fontSize: 16,
    levelNames,
    ...overrides,
  };
}

type AnyRecord = Record<string, unknown>;
const seriesOf = (option: AnyRecord) => option.series as AnyRecord[];

describe('warningMarks', () => {
  it('draws bands upwards from each threshold for "above", the last one open-ended', () => {
    const { areas, lines } = warningMarks(
      { direction: 'above', blue: 20, yellow: 30, red: 50, hysteresis: 0 },
      levelNames,
    );
    expect(areas).toEqual([
      [{ yAxis: 20, itemStyle: { color: warningColours.blue, opacity: 0.14 } }, { yAxis: 30 }],
      [{ yAxis: 30, itemStyle: { color: warningColours.yellow, opacity: 0.14 } }, { yAxis: 50 }],
      [{ yAxis: 50, itemStyle: { color: warningColours.red, opacity: 0.14 } }, { yAxis: Infinity }],
    ]);
    expect(lines.map((line) => (line as AnyRecord).yAxis)).toEqual([20, 30, 50]);
    expect((lines[1] as { label: { formatter: string } }).label.formatter).toBe('黄色 30');
  });

  it('draws bands downwards for "below" (e.g. a water level that is worse when low)', () => {
    const { areas } = warningMarks(
      { direction: 'below', blue: 3, orange: 2, red: 1, hysteresis: 0 },
      levelNames,
    );
    expect(areas).toEqual([
      [{ yAxis: 2, itemStyle: { color: warningColours.blue, opacity: 0.14 } }, { yAxis: 3 }],
      [{ yAxis: 1, itemStyle: { color: warningColours.orange, opacity: 0.14 } }, { yAxis: 2 }],
      [{ yAxis: -Infinity, itemStyle: { color: warningColours.red, opacity: 0.14 } }, { yAxis: 1 }],
    ]);
  });
});

describe('buildTrendOption', () => {
  it('has no animation, a time axis over the window and the points of each series', () => {
    const option = buildTrendOption(input()) as AnyRecord;
    expect(option.animation).toBe(false);
    expect(option.xAxis).toMatchObject({ type: 'time', min: start, max: start + 600_000 });
    expect(seriesOf(option)[0]).toMatchObject({ type: 'line', name: '小时降雨量', yAxisIndex: 0 });
    expect(seriesOf(option)[0]!.data).toEqual([
      [start + 1_000, 10],
      [start + 2_000, 12.3],
    ]);
    expect(seriesOf(option)[0]!.markArea).toBeDefined();
  });

  it('uses no warning colour for data lines', () => {
    const option = buildTrendOption(input()) as AnyRecord;
    const palette = (option.color as string[]).map((colour) => colour.toLowerCase());
    for (const warning of Object.values(warningColours)) expect(palette).not.toContain(warning);
  });

  it('gives each unit its own y axis and draws no bands without thresholds', () => {
    const option = buildTrendOption(
      input({
        series: [
          { name: 'A', unit: 'mm/h', points: [] },
          { name: 'B', unit: 'm', points: [] },
          { name: 'C', unit: 'mm/h', points: [] },
        ],
      }),
    ) as AnyRecord;
    expect(option.yAxis).toHaveLength(2);
    expect(seriesOf(option).map((series) => series.yAxisIndex)).toEqual([0, 1, 0]);
    expect(seriesOf(option)[0]!.markArea).toBeUndefined();
  });

  it('escapes indicator names and units in the tooltip HTML', () => {
    const option = buildTrendOption(
      input({ series: [{ name: '<b>x</b>', unit: '<i>', points: [[start, 1]] }] }),
    ) as AnyRecord;
    const formatter = (option.tooltip as { formatter: (params: unknown) => string }).formatter;
    const html = formatter([
      { marker: '<span class="dot"></span>', seriesName: '<b>x</b>', value: [start, 1.5] },
    ]);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('1.5 &lt;i&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<span class="dot"></span>');
  });
});

describe('buildTrendData', () => {
  it('holds only the time window and the points, series by index, matching the whole option', () => {
    const whole = buildTrendOption(input()) as AnyRecord;
    const data = buildTrendData(input()) as AnyRecord;
    expect(Object.keys(data).sort()).toEqual(['series', 'xAxis']);
    expect(data.xAxis).toEqual({ min: start, max: start + 600_000 });
    expect(seriesOf(data)).toEqual([{ data: seriesOf(whole)[0]!.data }]);
  });
});
