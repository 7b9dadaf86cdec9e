// The `map.incidents` widget kind: the district map with its layers (grids, risk, cameras, incidents, units,
// sensors).
import type { WidgetOptions } from '@shared/model/widget';
import { defineWidgetKind } from '../define-widget-kind';
import MapIncidentsView from './MapIncidentsView.vue';
import { mapIncidentsMessages } from './messages';

/** The layers' names as the console's mimic lists them. */
const layerNames: Record<WidgetOptions<'map.incidents'>['layers'][number], string> = {
  district: '底图',
  grids: '网格',
  risk: '风险',
  cameras: '摄像机',
  incidents: '事件',
  units: '移动单元',
  sensors: '感知设备',
};

/** An offline district map: base map from the district file, city-ops grids and cameras. */
export const mapIncidentsKind = defineWidgetKind({
  id: 'map.incidents',
  label: { zh: '事件地图', en: 'Incident map' },
  view: MapIncidentsView,
  messages: mapIncidentsMessages,
  describe: (widget) => widget.options.layers.map((layer) => layerNames[layer]).join(' · '),
  fixtures: [
    { kind: 'map.incidents', options: { layers: ['district', 'grids', 'cameras'] } },
    {
      kind: 'map.incidents',
      options: { center: [121.5, 31.23], zoom: 14.5, layers: ['district', 'cameras'] },
    },
  ],
});
