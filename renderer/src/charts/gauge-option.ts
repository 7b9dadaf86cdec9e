// Builds the ECharts option of a gauge: the dial's scale spans the indicator's thresholds, its rim shows the
// warning bands in the national colours, the pointer and the number show the value. No animation.
import type { Thresholds } from '@shared/model/indicator';
import { chartColours, definedLevels, seriesColours, warningColours } from './chart-theme';
import { formatValue } from './format-value';
import type { ChartOption } from './use-chart';

export interface GaugeChartInput {
  readonly value: number | undefined;
  readonly unit: string;
  readonly thresholds?: Thresholds;
  /** Colour of the number: the level colour when at a warning level, else neutral. */
  readonly valueColour: string;
  readonly fontSize: number;
  /** Greyed out (stale). */
  readonly isMuted: boolean;
}

/** A scale from 0 (or below the lowest threshold) to a little beyond the highest threshold and the value. */
export function gaugeScale(value: number | undefined, thresholds?: Thresholds): { min: number; max: number } {
  const levels = thresholds ? definedLevels(thresholds).map((level) => level.value) : [];
  const points = [...levels, ...(value === undefined ? [] : [value])];
  if (points.length === 0) return { min: 0, max: 100 };
  const low = Math.min(0, ...points);
  const high = Math.max(...points);
  const span = high - low || Math.abs(high) || 1;
  return { min: low, max: high + span * 0.15 };
}

/** Rim colour stops `[fraction, colour]` from min to max: neutral where normal, warning colours beyond. */
export function gaugeBands(
  thresholds: Thresholds | undefined,
  scale: { min: number; max: number },
): Array<[number, string]> {
  const neutral = chartColours.axisLine;
  if (!thresholds) return [[1, neutral]];
  const levels = definedLevels(thresholds);
  const fraction = (value: number) => Math.min(1, Math.max(0, (value - scale.min) / (scale.max - scale.min)));
  if (thresholds.direction === 'above') {
    // Normal up to the first threshold, then each level up to the next one.
    const stops: Array<[number, string]> = [];
    let colour: string = neutral;
    for (const level of levels) {
      stops.push([fraction(level.value), colour]);
      colour = warningColours[level.level];
    }
    stops.push([1, colour]);
    return stops;
  }
  // Lower is worse: the most severe level sits at the low end.
  const stops: Array<[number, string]> = [...levels]
    .reverse()
    .map((level) => [fraction(level.value), warningColours[level.level]]);
  stops.push([1, neutral]);
  return stops;
}

export function buildGaugeOption(input: GaugeChartInput): ChartOption {
  const scale = gaugeScale(input.value, input.thresholds);
  const fontSize = input.fontSize;
  return {
    animation: false,
    backgroundColor: 'transparent',
    series: [
      {
        type: 'gauge',
        min: scale.min,
        max: scale.max,
        radius: '85%',
        center: ['50%', '55%'],
        startAngle: 210,
        endAngle: -30,
        splitNumber: 5,
        axisLine: {
          lineStyle: { width: Math.max(8, fontSize * 0.7), color: gaugeBands(input.thresholds, scale) },
        },
        axisTick: { show: false },
        splitLine: { length: fontSize * 0.6, lineStyle: { color: chartColours.mutedText, width: 1 } },
        axisLabel: {
          color: chartColours.mutedText,
          fontSize: Math.round(fontSize * 0.7),
          distance: fontSize * 1.2,
          formatter: (value: number) => formatValue(value, 1),
        },
        pointer: {
          width: Math.max(4, fontSize * 0.3),
          itemStyle: { color: input.isMuted ? chartColours.mutedText : seriesColours[3] },
        },
        anchor: { show: true, size: fontSize * 0.7, itemStyle: { color: chartColours.axisLine } },
        title: { show: false },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '78%'],
          fontSize: Math.round(fontSize * 1.8),
          fontWeight: 700,
          color: input.isMuted ? chartColours.mutedText : input.valueColour,
          formatter: (value: number) =>
            input.value === undefined ? '—' : `${formatValue(value)}${input.unit ? ` ${input.unit}` : ''}`,
        },
        data: [{ value: input.value ?? scale.min }],
      },
    ],
  };
}
