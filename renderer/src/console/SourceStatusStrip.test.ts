// The console's source strip names each source's refused values: how many, and why the last one was refused.
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { SourceHealth } from '@shared/model/source';
import type { ConnectorHealth } from '@shared/model/camera-platform';
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

function mountStrip(sources: SourceHealth[], platforms: ConnectorHealth[] = []) {
  const client = {
    status: 'open',
    request: async (name: string) => {
      if (name === 'sources.list') return { sources };
      if (name === 'cameras.onlineRates') return { since: 0, areas: [], platforms };
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

  it('shows a camera platform that refused the password as down, with the problem in words', async () => {
    const strip = mountStrip(
      [healthy],
      [{ platformId: 'wvp', state: 'down', problem: '用户名或密码错误', cameras: 120, skipped: 0 }],
    );
    await flushPromises();
    const chip = strip.get('[data-testid="platform-chip"]');
    expect(chip.attributes('data-state')).toBe('down');
    expect(chip.text()).toContain('不可用');
    expect(chip.get('[data-testid="platform-problem"]').text()).toBe('用户名或密码错误');
  });
});
