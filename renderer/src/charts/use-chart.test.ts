// useChart owns its ECharts instance: created on mount, updated with the option, disposed on unmount.
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref, useTemplateRef } from 'vue';
import { mount } from '@vue/test-utils';
import type * as EchartsCore from 'echarts/core';
import { useChart, type ChartOption, type ChartUpdates } from './use-chart';
import { flushChartUpdates } from './chart-scheduler';

const fake = vi.hoisted(() => ({
  charts: [] as Array<{
    setOption: ReturnType<typeof vi.fn>;
    dispose: ReturnType<typeof vi.fn>;
    options: unknown;
  }>,
}));

vi.mock('echarts/core', async (importOriginal) => ({
  ...(await importOriginal<typeof EchartsCore>()),
  init: vi.fn((_element: HTMLElement, _theme: unknown, options: unknown) => {
    const chart = {
      options,
      setOption: vi.fn(),
      dispose: vi.fn(),
      resize: vi.fn(),
      isDisposed: vi.fn(() => false),
    };
    fake.charts.push(chart);
    return chart;
  }),
}));

/** Mounts a component that draws `option` (and `updates`, when given) with useChart. */
function mountProbe(option: () => ChartOption, updates?: ChartUpdates) {
  const Probe = defineComponent({
    setup() {
      const element = useTemplateRef<HTMLDivElement>('chart');
      useChart(element, option, updates);
      return () => h('div', { ref: 'chart' });
    },
  });
  return mount(Probe);
}

describe('useChart', () => {
  it('initialises a canvas chart on mount, re-sets the option on change and disposes on unmount', async () => {
    const value = ref(1);
    const wrapper = mountProbe(() => ({ series: [{ type: 'line', data: [[0, value.value]] }] }));
    expect(fake.charts).toHaveLength(1);
    const chart = fake.charts[0]!;
    expect(chart.options).toEqual({ renderer: 'canvas' });
    expect(chart.setOption).toHaveBeenCalledTimes(1);

    value.value = 2;
    await nextTick();
    // Redraws are queued for the chart scheduler, not drawn inside the reactive flush.
    expect(chart.setOption).toHaveBeenCalledTimes(1);
    flushChartUpdates();
    expect(chart.setOption).toHaveBeenCalledTimes(2);
    expect(chart.setOption.mock.lastCall?.[0]).toEqual({ series: [{ type: 'line', data: [[0, 2]] }] });

    value.value = 3;
    await nextTick();
    wrapper.unmount();
    expect(chart.dispose).toHaveBeenCalledTimes(1);
    flushChartUpdates();
    expect(chart.setOption).toHaveBeenCalledTimes(2);
  });

  it('merges new data alone, and redraws the whole option only when its structure changes', async () => {
    const name = ref('a');
    const value = ref(1);
    const option = (): ChartOption => ({
      series: [{ type: 'line', name: name.value, data: [[0, value.value]] }],
    });
    const wrapper = mountProbe(option, {
      structure: () => name.value,
      data: () => ({ series: [{ data: [[0, value.value]] }] }) as ChartOption,
    });
    const chart = fake.charts.at(-1)!;
    chart.setOption.mockClear();

    value.value = 2;
    await nextTick();
    flushChartUpdates();
    expect(chart.setOption.mock.calls).toEqual([[{ series: [{ data: [[0, 2]] }] }, { silent: true }]]);

    // Both at once: one whole redraw, which already carries the new data.
    chart.setOption.mockClear();
    name.value = 'b';
    value.value = 3;
    await nextTick();
    flushChartUpdates();
    expect(chart.setOption.mock.calls).toEqual([
      [{ series: [{ type: 'line', name: 'b', data: [[0, 3]] }] }, { replaceMerge: ['series', 'yAxis'] }],
    ]);
    wrapper.unmount();
  });
});
