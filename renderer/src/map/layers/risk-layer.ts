// The risk shading layer (`risk`): grids filled by the class of their risk index.
import { riskStyle } from '../map-styles';
import { riskClassIndex } from '../risk-ramp';
import { districtFeatures } from './district-features';
import type { MapLayerDefinition } from './map-layer';
import { vectorLayer } from './vector-layer';

/** Risk shading per grid (风险图): each grid filled by the class of its risk index on a sequential ramp. */
export const riskLayer: MapLayerDefinition = {
  id: 'risk',
  create: (map, options) =>
    vectorLayer(
      map,
      { ...options, style: riskStyle, isStatic: true },
      (data) => data.district,
      (district, data) =>
        districtFeatures(district, new Set(['grid']), options.crs ?? 'wgs84').map((feature) => {
          const value = data.risk?.get(String(feature.get('id')));
          if (value !== undefined) {
            feature.set('risk', value);
            feature.set('riskClass', riskClassIndex(value));
          }
          return feature;
        }),
      (data, previous) =>
        previous !== null && data.district === previous.district && data.risk === previous.risk,
    ),
};
