// Builds the ECharts option of a trend chart: time axis, one line per indicator, one y axis per unit, and
// the warning bands of indicators that have thresholds.
import type { SamplePoint } from '@shared/model/feed';
import type { Thresholds } from '@shared/model/indicator';
import {
  chartColours,
  definedLevels,
  seriesColours,
  warningColours,
  type WarningColourLevel,
} from './chart-theme';
import { escapeHtml } from '@shared/base/escape-html';
import { clockTime, formatValue } from './format-value';
import type { ChartOption } from './use-chart';

/** One line of a trend chart. */
export interface TrendSeries {
  /** Shown in the legend and the tooltip (escaped there: names come from workspace files and backends). */
  readonly name: string;
  readonly unit: string;
  /** `[time ms, value]`, oldest first. */
  readonly points: readonly SamplePoint[];
  readonly thresholds?: Thresholds;
}

/** Everything a trend chart shows. */
export interface TrendChartInput {
  readonly series: readonly TrendSeries[];
  /** The visible time window (ms since epoch). */
  readonly startTime: number;
  readonly endTime: number;
  /** Base font size in px, scaled with the tile. */
  readonly fontSize: number;
  /** Names of the warning levels in the UI language (e.g. `黄色`), for the threshold line labels. */
  readonly levelNames: Readonly<Record<WarningColourLevel, string>>;
}

type LineSeries = Extract<NonNullable<ChartOption['series']>, readonly unknown[]>[number];
type MarkAreaData = NonNullable<NonNullable<LineSeries['markArea']>['data']>;
type MarkLineData = NonNullable<NonNullable<LineSeries['markLine']>['data']>;

/**
 * Bands between consecutive thresholds in the worse direction, the last one open-ended (ECharts extends an
 * infinite bound to the axis edge), plus a solid line at each threshold.
 */
export function warningMarks(
  thresholds: Thresholds,
  levelNames: TrendChartInput['levelNames'],
): { areas: MarkAreaData; lines: MarkLineData } {
  const levels = definedLevels(thresholds);
  const worse = thresholds.direction === 'above' ? Infinity : -Infinity;
  const areas = levels.map(({ level, value }, index) => {
    const next = levels[index + 1]?.value ?? worse;
    const [low, high] = thresholds.direction === 'above' ? [value, next] : [next, value];
    return [
      { yAxis: low, itemStyle: { color: warningColours[level], opacity: 0.14 } },
      { yAxis: high },
    ] as const;
  });
  const lines = levels.map(({ level, value }) => ({
    yAxis: value,
    lineStyle: { color: warningColours[level], width: 2, type: 'dashed' as const },
    label: { color: warningColours[level], formatter: `${levelNames[level]} ${formatValue(value)}` },
  }));
  return { areas: areas as unknown as MarkAreaData, lines };
}

/** Points as ECharts data (fresh arrays: the option must not share the live history's tuples). */
const pointData = (points: readonly SamplePoint[]) => points.map((point) => [point[0], point[1]]);

/**
 * What changes from one data batch to the next — the time window and the points, series by index — to merge
 * into an option built by `buildTrendOption` from the same series. About half the cost of a whole option.
 */
export function buildTrendData(
  input: Pick<TrendChartInput, 'series' | 'startTime' | 'endTime'>,
): ChartOption {
  return {
    xAxis: { min: input.startTime, max: input.endTime },
    series: input.series.map((series) => ({ data: pointData(series.points) })),
  };
}

/** The ECharts option for `input`; animation is off so live updates and screenshots are immediate. */
export function buildTrendOption(input: TrendChartInput): ChartOption {
  const units = [...new Set(input.series.map((series) => series.unit))];
  const unitOf = new Map(input.series.map((series) => [series.name, series.unit]));
  const fontSize = input.fontSize;
  const axisLabel = { color: chartColours.mutedText, fontSize: Math.round(fontSize * 0.85) };

  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: chartColours.text, fontSize },
    color: [...seriesColours],
    grid: {
      left: 12,
      right: units.length > 1 ? 12 : 24,
      // Room for the legend row, plus the unit names above the axes when there are several.
      top: fontSize * (units.length > 1 ? 3.6 : 2.6),
      bottom: 8,
      containLabel: true,
    },
    legend: {
      top: 4,
      left: 8,
      itemWidth: fontSize * 1.4,
      itemHeight: fontSize * 0.6,
      textStyle: { color: chartColours.text, fontSize },
      formatter: (name: string) => {
        const unit = unitOf.get(name);
        return unit ? `${name} (${unit})` : name;
      },
    },
    tooltip: {
      trigger: 'axis',
      backgroundColor: chartColours.tooltipBackground,
      borderColor: chartColours.tooltipBorder,
      textStyle: { color: chartColours.text, fontSize },
      formatter: (params) => {
        const items = (Array.isArray(params) ? params : [params]) as Array<{
          marker?: unknown;
          seriesName?: string;
          value?: unknown;
        }>;
        const first = items[0]?.value;
        const time = Array.isArray(first) && typeof first[0] === 'number' ? clockTime(first[0]) : '';
        const lines = items.map((item) => {
          const value = Array.isArray(item.value) && typeof item.value[1] === 'number' ? item.value[1] : NaN;
          const name = item.seriesName ?? '';
          const unit = unitOf.get(name) ?? '';
          // The marker is ECharts' own coloured dot (trusted HTML); names and units are escaped.
          return `${typeof item.marker === 'string' ? item.marker : ''}${escapeHtml(name)}：${formatValue(value)} ${escapeHtml(unit)}`;
        });
        return [escapeHtml(time), ...lines].join('<br/>');
      },
    },
    xAxis: {
      type: 'time',
      min: input.startTime,
      max: input.endTime,
      axisLabel: { ...axisLabel, hideOverlap: true, formatter: '{HH}:{mm}' },
      axisLine: { lineStyle: { color: chartColours.axisLine } },
      splitLine: { show: false },
    },
    yAxis: units.map((unit, index) => ({
      type: 'value' as const,
      scale: true,
      position: index === 0 ? ('left' as const) : ('right' as const),
      offset: index > 1 ? (index - 1) * fontSize * 4 : 0,
      axisLabel: { ...axisLabel, formatter: (value: number) => formatValue(value) },
      axisLine: { show: units.length > 1, lineStyle: { color: chartColours.axisLine } },
      splitLine: { show: index === 0, lineStyle: { color: chartColours.gridLine } },
      name: units.length > 1 ? unit : '',
      nameTextStyle: axisLabel,
    })),
    series: input.series.map((series) => {
      const marks = series.thresholds ? warningMarks(series.thresholds, input.levelNames) : undefined;
      return {
        type: 'line' as const,
        name: series.name,
        yAxisIndex: Math.max(0, units.indexOf(series.unit)),
        data: pointData(series.points),
        showSymbol: false,
        // Hours of fast data would be thousands of points on a few hundred pixels: draw the shape, not all.
        sampling: 'lttb' as const,
        lineStyle: { width: Math.max(2, fontSize / 8) },
        ...(marks && {
          markArea: { silent: true, data: marks.areas },
          markLine: {
            silent: true,
            symbol: 'none',
            data: marks.lines,
            label: { position: 'insideEndTop' as const },
          },
        }),
      };
    }),
  };
}
