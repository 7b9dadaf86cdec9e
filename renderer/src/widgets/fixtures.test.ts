// Every fixture of every registered kind is a valid widget and mounts in a window that has only fixture data:
// no error, no Vue warning, something on screen, and no untranslated message key (the kind's texts are merged).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import type { Indicator } from '@shared/model/indicator';
import { defaultBaseMapCatalogue } from '@shared/model/base-map';
import { widgetConfigSchema, type WidgetConfig } from '@shared/model/widget';
import { windowContextKey, type WindowContext } from '../data/context';
import { LiveData } from '../data/live-data';
import type { CoreClient } from '../transport/core-client';
import { i18n } from '../i18n';
import { testCameras, testDistrict } from '../../../tests/support/renderer/map-fixtures';
import { widgetKinds } from './registry';

vi.mock('../video/tile-player', async () => ({
  TilePlayer: (await import('../../../tests/support/renderer/fake-tile-player')).FakeTilePlayer,
}));
// ECharts needs a real canvas; its options are tested with the chart builders in renderer/src/charts.
vi.mock('../charts/use-chart', () => ({
  useChart: () => ({ instance: () => undefined, resize: () => undefined }),
}));

const indicator = (id: string): Indicator => ({
  id,
  name: { zh: `指标 ${id}`, en: `Indicator ${id}` },
  dimension: 'weather',
  unit: 'mm',
  sourceKey: `vitals/${id}`,
  staleAfterSeconds: 30,
});

function fixtureContext(): WindowContext {
  const answers: Record<string, unknown> = {
    'cameras.get': testCameras,
    'map.district': testDistrict,
    'map.baseMaps': defaultBaseMapCatalogue,
    'incidents.list': { incidents: [], overflow: 0 },
    'units.list': { units: [] },
    'sensors.list': { sensors: [] },
    'sources.list': { sources: [] },
    'cameras.onlineRates': {
      since: 0,
      platforms: [],
      areas: [
        {
          kind: 'street',
          id: 'waitan',
          cameras: 10,
          online: 7,
          offline: 2,
          unknown: 1,
          rate: 0.7,
          averageRate: 0.82,
          averageUnknown: 0.05,
        },
      ],
    },
    'vitals.levels': { levels: [] },
    'topic.subscribe': { snapshots: [] },
    'topic.unsubscribe': {},
    'media.prefetch': { streams: [] },
  };
  const client = {
    status: 'open',
    async request(name: string, params: Record<string, unknown>) {
      if (name === 'media.resolve') return { ...params, kind: 'ws-flv', url: 'ws://127.0.0.1:9/live.flv' };
      if (name in answers) return answers[name];
      throw new Error(`no fixture answer for ${name}`);
    },
    on: () => () => undefined,
    onStatusChanged: () => () => undefined,
    close: () => undefined,
  } as unknown as CoreClient;
  const ids = ['rain-1h', 'tide-bund', 'power-load', 'hotline-12345', 'grid-work-orders'];
  return {
    client,
    liveData: new LiveData(client),
    indicators: new Map(ids.map((id) => [id, indicator(id)])),
    wall: { id: 'wall', name: { zh: '大屏', en: 'Wall' }, displays: [] },
  } as unknown as WindowContext;
}

const cases = Object.values(widgetKinds).flatMap((kind) =>
  kind.fixtures.map((widget: WidgetConfig, index) => ({ name: `${kind.id} #${index + 1}`, kind, widget })),
);
const mounted: Array<{ unmount(): void }> = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

describe('widget fixtures', () => {
  it('covers every registered kind', () => {
    for (const kind of Object.values(widgetKinds)) expect(kind.fixtures.length, kind.id).toBeGreaterThan(0);
  });

  it.each(cases)('$name is a valid widget and mounts from fixture data alone', async ({ kind, widget }) => {
    expect(widgetConfigSchema.parse(widget)).toEqual(widget);
    const problems: string[] = [];
    const wrapper = mount(kind.view, {
      attachTo: document.body,
      props: { widget, size: { width: 480, height: 270 }, active: true },
      global: {
        plugins: [i18n, createPinia()],
        provide: { [windowContextKey as symbol]: fixtureContext() },
        config: {
          errorHandler: (error) => void problems.push(`error: ${String(error)}`),
          warnHandler: (message) => void problems.push(`warning: ${message}`),
        },
      },
    });
    mounted.push(wrapper);
    await flushPromises();
    expect(problems).toEqual([]);
    expect(wrapper.element.childNodes.length).toBeGreaterThan(0);
    // A key shown as such ("mapIncidents.online") means the kind's messages never reached vue-i18n.
    expect(wrapper.text()).not.toMatch(/\b(widget|board|level|trend|mapIncidents)\.[a-zA-Z]/);
  });
});
