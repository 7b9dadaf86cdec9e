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
 * Splits a chart's redraws in two (see `useChart`): what changes its build (series, axes, bands, font) and what
 * merely moves its lines (points and time window), which redraws at about half the cost.
 */
export interface ChartUpdates {
  /** A value that changes only when the chart's build changes (compared with `===`; a string works well). */
  structure: () => unknown;
  /** The parts of the option that change with new data; merged into the drawn option by series index. */
  data: () => ChartOption;
}

/**
 * Draws `option()` into the element of `target` and redraws whenever the option's reactive sources change.
 * Series and axes are replaced rather than merged, so removed indicators really disappear. Redraws go through
 * the chart scheduler, so many panels updated together never block the main thread in one long task.
 * With `updates`, only a change of `updates.structure()` redraws the whole option; new data is merged in
 * (`updates.data()`), which skips rebuilding the legend, tooltip, bands and axes every second.
 */
export function useChart(
  target: Readonly<ShallowRef<HTMLElement | null>>,
  option: () => ChartOption,
  updates?: ChartUpdates,
): ChartHandle {
  let chart: ECharts | undefined;
  let observer: ResizeObserver | undefined;
  const owner = {};
  /** A whole-option redraw is queued: it carries the newest data too, so no data merge is needed then. */
  let isFullRedrawQueued = false;
  let queuedData: ChartOption | undefined;

  const isLive = () => chart !== undefined && !chart.isDisposed();
  const drawQueued = () => {
    if (!isLive()) return;
    if (isFullRedrawQueued) chart!.setOption(option(), { replaceMerge: ['series', 'yAxis'] });
    else if (queuedData) chart!.setOption(queuedData, { silent: true });
    isFullRedrawQueued = false;
    queuedData = undefined;
  };
  const queueFullRedraw = () => {
    isFullRedrawQueued = true;
    scheduleChartUpdate(owner, drawQueued);
  };
  const resize = () => {
    if (isLive()) chart!.resize();
  };

  onMounted(() => {
    const element = target.value;
    if (!element) return;
    chart = init(element, undefined, { renderer: 'canvas' });
    chart.setOption(option(), { replaceMerge: ['series', 'yAxis'] });
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(resize);
      observer.observe(element);
    }
  });
  if (updates) {
    watch(updates.structure, queueFullRedraw);
    watch(updates.data, (data) => {
      queuedData = data;
      scheduleChartUpdate(owner, drawQueued);
    });
  } else watch(option, queueFullRedraw);
  onBeforeUnmount(() => {
    cancelChartUpdate(owner);
    observer?.disconnect();
    observer = undefined;
    chart?.dispose();
    chart = undefined;
  });

  return { instance: () => chart, resize };
}
