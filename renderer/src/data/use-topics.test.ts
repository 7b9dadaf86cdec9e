// useTopics: a widget (here one reading the history, as a trend) whose topics change keeps the ones it still shows
// (no unsubscribe and no lost history).
import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import type { SamplePoint } from '@shared/model/feed';
import type { CoreClient } from '../transport/core-client';
import { windowContextKey, type WindowContext } from './context';
import { LiveData } from './live-data';
import { useTopics } from './use-topics';

function fakeContext() {
  const requests: Array<{ name: string; topics: string[] }> = [];
  const client = {
    status: 'open',
    async request(name: string, params: { topics: string[] }) {
      requests.push({ name, topics: params.topics });
      if (name !== 'topic.subscribe') return {};
      const history: SamplePoint[] = [[1, 5]];
      return { snapshots: params.topics.map((topic) => ({ topic, latest: null, history })) };
    },
    on: () => () => undefined,
    onStatusChanged: () => () => undefined,
  } as unknown as CoreClient;
  const context = { client, liveData: new LiveData(client) } as unknown as WindowContext;
  return { context, requests };
}

describe('useTopics', () => {
  it('keeps a topic the widget still shows when its other topics change: no unsubscribe, history kept', async () => {
    const { context, requests } = fakeContext();
    const topics = ref(['rain', 'wind']);
    let history: (topic: string) => { value: SamplePoint[] } = () => ({ value: [] });
    const Widget = defineComponent({
      setup() {
        ({ history } = useTopics(topics, { history: 'all' }));
        return () => h('div', history('rain').value.length);
      },
    });
    const wrapper = mount(Widget, { global: { provide: { [windowContextKey as symbol]: context } } });
    await flushPromises();
    const rain = history('rain');
    expect(rain.value).toEqual([[1, 5]]);

    topics.value = ['rain', 'tide'];
    await nextTick();
    await flushPromises();
    expect(requests.slice(1)).toEqual([
      { name: 'topic.subscribe', topics: ['tide'] },
      { name: 'topic.unsubscribe', topics: ['wind'] },
    ]);
    expect(history('rain')).toBe(rain);
    expect(rain.value).toEqual([[1, 5]]);
    wrapper.unmount();
  });
});
