// The map's legend counts what the map draws: a map filtered to some streets counts their cameras only.
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { Camera } from '@shared/model/camera';
import { i18n, mergeMessages } from '../../i18n';
import MapLegends from './MapLegends.vue';
import { mapIncidentsMessages } from './messages';

mergeMessages(mapIncidentsMessages);

const camera = (id: string, street: string, isOnline: boolean) =>
  ({ id, name: id, street, grid: `${street}-01`, isOnline }) as Camera;

describe('MapLegends', () => {
  it("counts only the cameras of the map's street filter, as drawn (the leader's street, not the wall's others)", () => {
    const legend = mount(MapLegends, {
      props: {
        options: { layers: ['cameras'], cameraFilter: { streets: ['yuyuan'] } },
        cameras: {
          crs: 'wgs84',
          cameras: [
            camera('cam-1', 'yuyuan', true),
            camera('cam-2', 'yuyuan', false),
            camera('cam-3', 'waitan', true),
            camera('cam-4', 'waitan', true),
          ],
        },
        incidents: [],
        sensors: null,
        hasRisk: false,
      },
      global: { plugins: [i18n] },
    });
    expect(legend.text()).toContain('在线 1');
    expect(legend.text()).toContain('离线 1');
  });
});
