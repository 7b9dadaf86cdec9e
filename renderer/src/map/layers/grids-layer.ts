// The city-ops grid layer (`grids`).
import { gridFeatureStyle } from '../map-styles';
import { districtFeatures } from './district-features';
import type { MapLayerDefinition } from './map-layer';
import { vectorLayer } from './vector-layer';

/** City-ops grids (网格): dashed outlines, names when zoomed in. */
export const gridsLayer: MapLayerDefinition = {
  id: 'grids',
  create: (map, options) =>
    vectorLayer(
      map,
      { ...options, style: gridFeatureStyle, declutter: true },
      (data) => data.district,
      (district) => districtFeatures(district, new Set(['grid']), options.crs ?? 'wgs84'),
    ),
};
