// The map widget loads the district and cameras through the window's composables and shows what it drew.
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { Camera } from '@shared/model/camera';
import type { DistrictMap } from '@shared/model/workspace';
import { defaultBaseMapCatalogue } from '@shared/model/base-map';
import { windowContextKey, type WindowContext } from '../../data/context';
import { i18n, mergeMessages } from '../../i18n';
import MapIncidentsView from './MapIncidentsView.vue';
import { mapIncidentsMessages } from './messages';

// The registry merges every kind's texts in a window; this test mounts the view alone.
mergeMessages(mapIncidentsMessages);

const district: DistrictMap = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [121.45, 31.2],
            [121.55, 31.2],
            [121.55, 31.26],
            [121.45, 31.2],
          ],
        ],
      },
      properties: { kind: 'district', id: 'district', name: '示范区' },
    },
  ],
};

const camera = (id: string, isOnline: boolean): Camera => ({
  id,
  name: id,
  street: 'street-1',
  grid: 'grid-1',
  position: [121.5, 31.23],
  tags: [],
  platform: 'demo',
  streamId: 'cam-01',
  isOnline,
});

function fakeContext(): WindowContext {
  const client = {
    status: 'open',
    async request(name: string) {
      if (name === 'map.district') return district;
      if (name === 'cameras.get')
        return { crs: 'wgs84', cameras: [camera('cam-0001', true), camera('cam-0002', false)] };
      if (name === 'map.baseMaps') return defaultBaseMapCatalogue;
      if (name === 'incidents.list') return { incidents: [], overflow: 0 };
      if (name === 'units.list') return { units: [] };
      if (name === 'sensors.list') return { sensors: [] };
      throw new Error(`unexpected request ${name}`);
    },
    on: () => () => undefined,
    onStatusChanged: () => () => undefined,
    close: () => undefined,
  };
  const liveData = { acquire: () => () => undefined, latest: new Map(), history: () => ({ value: [] }) };
  return { client, liveData, indicators: new Map() } as unknown as WindowContext;
}

function mountMap(layers: Array<'district' | 'grids' | 'cameras' | 'incidents'>) {
  return mount(MapIncidentsView, {
    attachTo: document.body,
    props: {
      widget: { kind: 'map.incidents', options: { layers } },
      size: { width: 800, height: 600 },
      active: true,
    },
    global: { plugins: [i18n], provide: { [windowContextKey as symbol]: fakeContext() } },
  });
}

describe('MapIncidentsView', () => {
  it('says it is loading until the district arrives, then counts the cameras it drew', async () => {
    const wrapper = mountMap(['district', 'grids', 'cameras', 'incidents']);
    expect(wrapper.text()).toContain('正在加载地图');
    await flushPromises();
    const root = wrapper.get('[data-testid="incident-map"]');
    expect(root.attributes('data-camera-count')).toBe('2');
    expect(wrapper.text()).not.toContain('正在加载地图');
    expect(wrapper.get('.legend').text().replace(/\s+/g, ' ')).toBe('在线 1 离线 1');
    wrapper.unmount();
  });

  it('draws no cameras when the cameras layer is not asked for', async () => {
    const wrapper = mountMap(['district']);
    await flushPromises();
    expect(wrapper.get('[data-testid="incident-map"]').attributes('data-camera-count')).toBe('0');
    expect(wrapper.find('.legend').exists()).toBe(false);
    wrapper.unmount();
  });

  it('releases the map on unmount', async () => {
    const wrapper = mountMap(['district', 'cameras']);
    await flushPromises();
    const element = wrapper.get('.map').element;
    expect(element.querySelector('.ol-viewport')).not.toBeNull();
    wrapper.unmount();
    expect(element.querySelector('.ol-viewport')).toBeNull();
  });
});
