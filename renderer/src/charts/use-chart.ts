// Composable owning one ECharts instance per element: created on mount, updated by setOption, resized with
// its element, disposed on unmount. The one place that loads ECharts (tree-shaken to what the charts use).
import { onBeforeUnmount, onMounted, watch, type ShallowRef } from 'vue';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import {
  BarChart,
  GaugeChart,
  LineChart,
  type BarSeriesOption,
  type GaugeSeriesOption,
  type LineSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkAreaComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { cancelChartUpdate, scheduleChartUpdate } from './chart-scheduler';

use([
  LineChart,
  GaugeChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

/** The ECharts options our charts may use (only the registered chart types and components). */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | GaugeSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
>;

/** What `useChart` gives back. */
export interface ChartHandle {
  /** The live instance (undefined before mount and after unmount), for tests and rare direct calls. */
  instance(): ECharts | undefined;
  /** Re-measures the element; called automatically when the element's size changes. */
  resize(): void;
}

/**
 * Draws `option()` into the element of `target` and redraws whenever the option's reactive sources change.
 * Series and axes are replaced rather than merged, so removed indicators really disappear. Redraws go through
 * the chart scheduler, so many panels updated together never block the main thread in one long task.
 */
export function useChart(
  target: Readonly<ShallowRef<HTMLElement | null>>,
  option: () => ChartOption,
): ChartHandle {
  let chart: ECharts | undefined;
  let observer: ResizeObserver | undefined;
  const owner = {};

  const draw = (next: ChartOption) => {
    if (chart && !chart.isDisposed()) chart.setOption(next, { replaceMerge: ['series', 'yAxis'] });
  };
  const apply = (next: ChartOption) => scheduleChartUpdate(owner, () => draw(next));
  const resize = () => {
    if (chart && !chart.isDisposed()) chart.resize();
  };

  onMounted(() => {
    const element = target.value;
    if (!element) return;
    chart = init(element, undefined, { renderer: 'canvas' });
    draw(option());
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(resize);
      observer.observe(element);
    }
  });
  watch(option, apply);
  onBeforeUnmount(() => {
    cancelChartUpdate(owner);
    observer?.disconnect();
    observer = undefined;
    chart?.dispose();
    chart = undefined;
  });

  return { instance: () => chart, resize };
}
