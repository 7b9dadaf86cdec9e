// useChart owns its ECharts instance: created on mount, updated with the option, disposed on unmount.
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref, useTemplateRef } from 'vue';
import { mount } from '@vue/test-utils';
import type * as EchartsCore from 'echarts/core';
import { useChart, type ChartOption } from './use-chart';
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

describe('useChart', () => {
  it('initialises a canvas chart on mount, re-sets the option on change and disposes on unmount', async () => {
    const value = ref(1);
    const Probe = defineComponent({
      setup() {
        const element = useTemplateRef<HTMLDivElement>('chart');
        useChart(element, (): ChartOption => ({ series: [{ type: 'line', data: [[0, value.value]] }] }));
        return () => h('div', { ref: 'chart' });
      },
    });
    const wrapper = mount(Probe);
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
});
