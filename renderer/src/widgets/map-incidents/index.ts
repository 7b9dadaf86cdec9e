// The `map.incidents` widget kind: the district map with grids and cameras (incidents join in a later issue).
import { defineWidgetKind } from '../define-widget-kind';
import MapIncidentsView from './MapIncidentsView.vue';

/** An offline district map: base map from the district file, city-ops grids and cameras. */
export const mapIncidentsKind = defineWidgetKind({
  id: 'map.incidents',
  version: 1,
  label: { zh: '事件地图', en: 'Incident map' },
  view: MapIncidentsView,
  describe: (widget) => widget.options.layers.join(', '),
  fixtures: [
    { kind: 'map.incidents', options: { layers: ['district', 'grids', 'cameras'] } },
    {
      kind: 'map.incidents',
      options: { center: [121.5, 31.23], zoom: 14.5, layers: ['district', 'cameras'] },
    },
  ],
});
