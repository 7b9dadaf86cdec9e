// The offline base map layer (`district`): outline, streets, river, roads and landmarks.
import type { DistrictFeatureKind } from '@shared/model/workspace';
import { districtStyle } from '../map-styles';
import { districtFeatures } from './district-features';
import type { MapLayerDefinition } from './map-layer';
import { vectorLayer } from './vector-layer';

/** Base-map kinds in drawing order: area first, lines over it, points on top. */
const baseKinds: ReadonlySet<DistrictFeatureKind> = new Set([
  'district',
  'street',
  'river',
  'road',
  'landmark',
]);
const drawingOrder: Record<DistrictFeatureKind, number> = {
  district: 0,
  street: 1,
  grid: 2,
  river: 3,
  road: 4,
  landmark: 5,
};

/** The offline base map: district outline, streets (with names), river, roads and landmarks. */
export const districtLayer: MapLayerDefinition = {
  id: 'district',
  create: (map, options) =>
    vectorLayer(
      map,
      { ...options, style: districtStyle, declutter: true },
      (data) => data.district,
      (district) =>
        districtFeatures(district, baseKinds, options.crs ?? 'wgs84').sort(
          (a, b) =>
            drawingOrder[a.get('kind') as DistrictFeatureKind] -
            drawingOrder[b.get('kind') as DistrictFeatureKind],
        ),
    ),
};
