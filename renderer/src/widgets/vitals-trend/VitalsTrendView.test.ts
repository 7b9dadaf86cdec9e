// The trend widget as a duty operator reads it: value, unit and age in the header, stale values greyed,
// and the chart fed with the points of the visible window (the chart itself is replaced by a spy).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { Indicator } from '@shared/model/indicator';
import type { TopicValue } from '@shared/model/feed';
import { windowContextKey, type WindowContext } from '../../data/context';
import { LiveData } from '../../data/live-data';
import type { CoreClient } from '../../transport/core-client';
import type { ChartOption } from '../../charts/use-chart';
import { i18n, mergeMessages } from '../../i18n';
import VitalsTrendView from './VitalsTrendView.vue';
import { vitalsTrendMessages } from './messages';

// The registry merges every kind's texts in a window; this test mounts the view alone.
mergeMessages(vitalsTrendMessages);

const charted = vi.hoisted(() => ({ option: undefined as undefined | (() => unknown) }));
vi.mock('../../charts/use-chart', () => ({
  useChart: (_element: unknown, option: () => unknown) => {
    charted.option = option;
    return { instance: () => undefined, resize: () => undefined };
  },
}));

const t0 = new Date(2026, 10, 21, 8, 0, 0).getTime();

const rain: Indicator = {
  id: 'rain-1h',
  name: { zh: '小时降雨量', en: 'Hourly rainfall' },
  dimension: 'weather',
  unit: 'mm/h',
  sourceKey: 'vitals/rain-1h',
  thresholds: { direction: 'above', blue: 20, yellow: 30, orange: 50, red: 80, hysteresis: 0 },
  staleAfterSeconds: 30,
};

let pushValues: (values: TopicValue[]) => void;
/** The history option of each topic.subscribe the view made. */
let historiesAsked: Array<string | undefined>;

function fakeContext(): WindowContext {
  const listeners = new Map<string, (payload: unknown) => void>();
  const client = {
    status: 'open',
    async request(name: string, params: { history?: string }) {
      if (name === 'topic.subscribe') {
        historiesAsked.push(params.history);
        // As the core answers: a latest-only subscription gets no history.
        const history = params.history === 'none' ? [] : undefined;
        return {
          snapshots: [
            {
              topic: 'vitals/rain-1h',
              latest: { topic: 'vitals/rain-1h', value: 12.3, ts: t0 - 3_000 },
              history: history ?? [
                [t0 - 20 * 60_000, 4], // outside a 10-minute window
                [t0 - 6_000, 11.9],
                [t0 - 3_000, 12.3],
              ],
            },
          ],
        };
      }
      return {};
    },
    on(name: string, listener: (payload: unknown) => void) {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    },
    onStatusChanged: () => () => undefined,
    close: () => undefined,
  } as unknown as CoreClient;
  const liveData = new LiveData(client);
  historiesAsked = [];
  pushValues = (values) => listeners.get('topic.updated')?.({ values });
  return { client, liveData, indicators: new Map([[rain.id, rain]]) } as unknown as WindowContext;
}

function mountTrend() {
  return mount(VitalsTrendView, {
    props: {
      widget: { kind: 'vitals.trend', options: { indicatorIds: ['rain-1h'], minutes: 10 } },
      size: { width: 640, height: 360 },
      active: true,
    },
    global: { plugins: [i18n], provide: { [windowContextKey as symbol]: fakeContext() } },
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(t0);
});
afterEach(() => vi.useRealTimers());

describe('VitalsTrendView', () => {
  it('shows the latest value with unit and age, and charts the points of the window', async () => {
    const wrapper = mountTrend();
    await flushPromises();
    const root = wrapper.get('[data-testid="trend-chart"]');
    expect(root.attributes('data-last-value')).toBe('12.3');
    expect(root.attributes('data-points')).toBe('2');
    expect(wrapper.get('[data-indicator-id="rain-1h"]').text().replace(/\s+/g, ' ')).toBe(
      '小时降雨量 12.3 mm/h · 3 秒前',
    );

    const option = charted.option?.() as ChartOption & {
      series: Array<{ data: unknown[]; markArea?: unknown }>;
    };
    expect(option.series[0]!.data).toHaveLength(2);
    expect(option.series[0]!.markArea).toBeDefined();
    wrapper.unmount();
  });

  it('follows live updates', async () => {
    const wrapper = mountTrend();
    await flushPromises();
    pushValues([{ topic: 'vitals/rain-1h', value: 25.5, ts: t0 + 500 }]);
    vi.advanceTimersByTime(1_000);
    await flushPromises();
    const root = wrapper.get('[data-testid="trend-chart"]');
    expect(root.attributes('data-last-value')).toBe('25.5');
    expect(root.attributes('data-points')).toBe('3');
    expect(wrapper.text()).toContain('0 秒前');
    wrapper.unmount();
  });

  it('greys out a value older than the indicator allows and says "数据过期" with its time', async () => {
    const wrapper = mountTrend();
    await flushPromises();
    vi.advanceTimersByTime(40_000);
    await flushPromises();
    const row = wrapper.get('[data-indicator-id="rain-1h"]');
    expect(row.classes()).toContain('is-stale');
    expect(row.text()).toContain('数据过期 07:59:57');
    wrapper.unmount();
  });

  it('still gets its points when latest-only widgets do not: it asks for the history', async () => {
    const wrapper = mountTrend();
    await flushPromises();
    expect(historiesAsked).toEqual(['all']);
    expect(wrapper.get('[data-testid="trend-chart"]').attributes('data-points')).toBe('2');
    wrapper.unmount();
  });
});
