// The console's source strip names each source's refused values: how many, and why the last one was refused.
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { SourceHealth } from '@shared/model/source';
import { windowContextKey, type WindowContext } from '../data/context';
import { i18n } from '../i18n';
import SourceStatusStrip from './SourceStatusStrip.vue';

const healthy: SourceHealth = {
  id: 'weather',
  kind: 'tianmu-ws',
  state: 'open',
  lastMessageAt: null,
  since: 0,
  lastError: null,
  nextAttemptAt: null,
  reconnects: 0,
  resyncs: 0,
  duplicates: 0,
  rejected: 0,
  lastRejection: null,
  values: 10,
  incidents: 0,
};

function mountStrip(sources: SourceHealth[]) {
  const client = {
    status: 'open',
    request: async (name: string) => {
      if (name === 'sources.list') return { sources };
      throw new Error(`unexpected request ${name}`);
    },
    on: () => () => undefined,
    onStatusChanged: () => () => undefined,
  };
  const context = { client, indicators: new Map() } as unknown as WindowContext;
  return mount(SourceStatusStrip, {
    global: { plugins: [i18n], provide: { [windowContextKey as symbol]: context } },
  });
}

describe('SourceStatusStrip', () => {
  it('shows 已拒收 with the count of refused values and the last reason as its tooltip', async () => {
    const reason = 'vitals/rain-1h: time 8.64e+15 is 1.44e+11 min ahead of this clock (at most 5 allowed)';
    const strip = mountStrip([{ ...healthy, rejected: 3, lastRejection: reason }]);
    await flushPromises();
    const refused = strip.get('[data-testid="source-refused"]');
    expect(refused.text()).toBe('已拒收 3');
    expect(refused.attributes('title')).toContain(reason);
  });

  it('shows no refusal count for a source that refused nothing', async () => {
    const strip = mountStrip([healthy]);
    await flushPromises();
    expect(strip.find('[data-testid="source-chip"]').exists()).toBe(true);
    expect(strip.find('[data-testid="source-refused"]').exists()).toBe(false);
  });
});
