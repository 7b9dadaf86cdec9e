// Builds the ECharts option of a ranking: horizontal bars, highest on top, each bar in its warning colour
// when its indicator is at a warning level, neutral otherwise; names escaped in the tooltip.
import { chartColours, seriesColours, warningColours, type WarningColourLevel } from './chart-theme';
import { escapeHtml } from '@shared/base/escape-html';
import { formatValue } from './format-value';
import type { ChartOption } from './use-chart';

export interface RankingItem {
  /** Shown as the axis label (canvas text) and in the tooltip (escaped: names come from files and backends). */
  readonly name: string;
  readonly value: number;
  readonly level: WarningColourLevel | 'normal';
  readonly isStale: boolean;
}

export interface RankingChartInput {
  readonly items: readonly RankingItem[];
  readonly unit: string;
  readonly limit: number;
  readonly fontSize: number;
}

/** The items to show, highest first, at most `limit`. */
export function rankItems(items: readonly RankingItem[], limit: number): RankingItem[] {
  return [...items].sort((a, b) => b.value - a.value).slice(0, limit);
}

export function buildRankingOption(input: RankingChartInput): ChartOption {
  // ECharts draws the first category at the bottom: reverse so the highest is on top.
  const ranked = rankItems(input.items, input.limit).reverse();
  const fontSize = input.fontSize;
  return {
    animation: false,
    backgroundColor: 'transparent',
    grid: { left: 8, right: fontSize * 4, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      backgroundColor: chartColours.tooltipBackground,
      borderColor: chartColours.tooltipBorder,
      textStyle: { color: chartColours.text, fontSize },
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        const index = typeof item?.dataIndex === 'number' ? item.dataIndex : -1;
        const ranking = ranked[index];
        if (!ranking) return '';
        return `${escapeHtml(ranking.name)}：${formatValue(ranking.value)} ${escapeHtml(input.unit)}`;
      },
    },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      data: ranked.map((item) => item.name),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: chartColours.text, fontSize },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: fontSize * 1.4,
        data: ranked.map((item) => ({
          value: item.value,
          itemStyle: {
            color: item.isStale
              ? chartColours.axisLine
              : item.level === 'normal'
                ? seriesColours[0]
                : warningColours[item.level],
          },
        })),
        label: {
          show: true,
          position: 'right',
          color: chartColours.text,
          fontSize,
          formatter: (params: { value?: unknown }) => formatValue(Number(params.value)),
        },
      },
    ],
  };
}
