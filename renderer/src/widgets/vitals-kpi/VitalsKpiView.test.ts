// KPI tiles as the wall shows them: value, level colour and age per tile, and a batch that changes one
// indicator re-renders that tile only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { Indicator } from '@shared/model/indicator';
import type { TopicValue } from '@shared/model/feed';
import { windowContextKey, type WindowContext } from '../../data/context';
import { LiveData } from '../../data/live-data';
import type { CoreClient } from '../../transport/core-client';
import type * as I18n from '../../i18n';
import { i18n, localized } from '../../i18n';
import VitalsKpiView from './VitalsKpiView.vue';

// Each tile render names its indicator once: counting those calls counts tile renders.
vi.mock('../../i18n', async (importOriginal) => {
  const original = await importOriginal<typeof I18n>();
  return { ...original, localized: vi.fn(original.localized) };
});

const t0 = new Date(2026, 10, 21, 8, 0, 0).getTime();

const indicator = (id: string): Indicator => ({
  id,
  name: { zh: `负荷 ${id}`, en: `Load ${id}` },
  dimension: 'supply',
  unit: 'kW',
  sourceKey: `vitals/${id}`,
  thresholds: { direction: 'above', blue: 900, yellow: 950, orange: 980, red: 995, hysteresis: 0 },
  staleAfterSeconds: 30,
});
const indicators = ['a', 'b', 'c'].map(indicator);

let pushValues: (values: TopicValue[]) => void;
/** The topic.subscribe requests the view made, as sent. */
let subscriptions: Array<{ topics: string[]; history?: string }>;

function fakeContext(): WindowContext {
  const listeners = new Map<string, (payload: unknown) => void>();
  const client = {
    status: 'open',
    async request(name: string, params: { topics: string[]; history?: string }) {
      if (name === 'topic.subscribe') {
        subscriptions.push(params);
        return { snapshots: [] };
      }
      if (name === 'vitals.levels') return { levels: [] };
      return {};
    },
    on(name: string, listener: (payload: unknown) => void) {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    },
    onStatusChanged: () => () => undefined,
  } as unknown as CoreClient;
  pushValues = (values) => listeners.get('topic.updated')?.({ values });
  subscriptions = [];
  return {
    client,
    liveData: new LiveData(client),
    indicators: new Map(indicators.map((item) => [item.id, item])),
  } as unknown as WindowContext;
}

function mountKpi() {
  return mount(VitalsKpiView, {
    props: {
      widget: { kind: 'vitals.kpi', options: { indicatorIds: ['a', 'b', 'c'] } },
      size: { width: 640, height: 360 },
      active: true,
    },
    global: { plugins: [i18n], provide: { [windowContextKey as symbol]: fakeContext() } },
    attachTo: document.body,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(t0);
});
afterEach(() => vi.useRealTimers());

describe('VitalsKpiView', () => {
  it('shows each value with its level and age', async () => {
    const wrapper = mountKpi();
    await flushPromises();
    pushValues([
      { topic: 'vitals/a', value: 500, ts: t0 - 2_000 },
      { topic: 'vitals/b', value: 960, ts: t0 - 1_000 },
    ]);
    await flushPromises();
    const tile = (id: string) => wrapper.get(`[data-indicator-id="${id}"]`);
    expect(tile('a').attributes('data-level')).toBe('normal');
    expect(tile('a').get('[data-testid="value-age"]').text()).toBe('2 秒前');
    expect(tile('b').attributes('data-level')).toBe('yellow');
    expect(tile('c').text()).toContain('暂无数据');
    wrapper.unmount();
  });

  it('re-renders only the tile whose value changed', async () => {
    const wrapper = mountKpi();
    await flushPromises();
    pushValues(indicators.map((item) => ({ topic: item.sourceKey, value: 500, ts: t0 })));
    await flushPromises();
    vi.mocked(localized).mockClear();
    pushValues([{ topic: 'vitals/b', value: 501, ts: t0 + 100 }]);
    await flushPromises();
    expect(vi.mocked(localized).mock.calls.map(([name]) => name.zh)).toEqual(['负荷 b']);
    expect(wrapper.get('[data-indicator-id="b"]').attributes('data-value')).toBe('501');
    wrapper.unmount();
  });

  it('subscribes to its indicators without history: a KPI shows the latest value only', async () => {
    const wrapper = mountKpi();
    await flushPromises();
    expect(subscriptions).toEqual([{ topics: ['vitals/a', 'vitals/b', 'vitals/c'], history: 'none' }]);
    wrapper.unmount();
  });
});
