// The sober default style of vector (MVT) base maps from PMTiles files: land, land use, water, roads, buildings and
// boundaries in muted wall colours, so cameras, incidents and the warning colours stay the brightest things on the
// map. Layer names of the three common schemas are understood (Protomaps basemaps, OpenMapTiles, Shortbread);
// labels, POIs and anything else are not drawn. One shared Style per kind, never one per feature.
import type { FeatureLike } from 'ol/Feature';
import { Fill, Stroke, Style } from 'ol/style';

export type VectorBaseMapKind =
  'land' | 'landuse' | 'water' | 'waterway' | 'majorRoad' | 'minorRoad' | 'path' | 'building' | 'boundary';

/** The colours of the default style (the map's background is #070d16). */
export const vectorBaseMapColours: Record<VectorBaseMapKind, string> = {
  land: '#121a25',
  landuse: '#15221f',
  // A muted map blue, like the district map's river: distinct from the warning blue.
  water: '#1b3a57',
  waterway: '#25507a',
  majorRoad: '#4f5968',
  minorRoad: '#39424f',
  path: '#2e3642',
  building: '#212b38',
  boundary: '#5b6b80',
};

const styles: Record<VectorBaseMapKind, Style> = {
  land: new Style({ fill: new Fill({ color: vectorBaseMapColours.land }) }),
  landuse: new Style({ fill: new Fill({ color: vectorBaseMapColours.landuse }) }),
  water: new Style({ fill: new Fill({ color: vectorBaseMapColours.water }) }),
  waterway: new Style({ stroke: new Stroke({ color: vectorBaseMapColours.waterway, width: 1.5 }) }),
  majorRoad: new Style({ stroke: new Stroke({ color: vectorBaseMapColours.majorRoad, width: 3 }) }),
  minorRoad: new Style({ stroke: new Stroke({ color: vectorBaseMapColours.minorRoad, width: 1.5 }) }),
  path: new Style({ stroke: new Stroke({ color: vectorBaseMapColours.path, width: 1 }) }),
  building: new Style({
    fill: new Fill({ color: vectorBaseMapColours.building }),
    stroke: new Stroke({ color: '#2a3545', width: 1 }),
  }),
  boundary: new Style({
    stroke: new Stroke({ color: vectorBaseMapColours.boundary, width: 1.5, lineDash: [8, 6] }),
  }),
};

const layerKinds: Record<string, VectorBaseMapKind | 'road'> = {
  earth: 'land',
  land: 'land',
  landcover: 'landuse',
  landuse: 'landuse',
  park: 'landuse',
  natural: 'landuse',
  sites: 'landuse',
  water: 'water',
  ocean: 'water',
  water_polygons: 'water',
  waterway: 'waterway',
  water_lines: 'waterway',
  roads: 'road',
  transportation: 'road',
  streets: 'road',
  buildings: 'building',
  building: 'building',
  boundaries: 'boundary',
  boundary: 'boundary',
};

const majorRoadClasses = new Set([
  'highway',
  'major_road',
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
]);
const pathClasses = new Set(['path', 'track', 'footway', 'cycleway', 'steps', 'pedestrian', 'other']);

/** The kind a feature of an MVT layer is drawn as, or null when the default style leaves it out. */
export function vectorBaseMapKind(feature: FeatureLike): VectorBaseMapKind | null {
  const kind = layerKinds[String(feature.get('layer'))];
  if (kind === undefined) return null;
  const geometryType = feature.getGeometry()?.getType();
  const isLine = geometryType === 'LineString' || geometryType === 'MultiLineString';
  const isArea = geometryType === 'Polygon' || geometryType === 'MultiPolygon';
  if (kind === 'road') {
    if (!isLine) return null;
    // Protomaps and Shortbread say `kind`, OpenMapTiles says `class`.
    const roadClass = String(feature.get('kind') ?? feature.get('class') ?? '');
    if (majorRoadClasses.has(roadClass)) return 'majorRoad';
    return pathClasses.has(roadClass) ? 'path' : 'minorRoad';
  }
  if (kind === 'water' && isLine) return 'waterway';
  if ((kind === 'land' || kind === 'landuse' || kind === 'water' || kind === 'building') && !isArea)
    return null;
  return kind;
}

/** OpenLayers style function of a vector base map layer. */
export function vectorBaseMapStyle(feature: FeatureLike): Style | undefined {
  const kind = vectorBaseMapKind(feature);
  return kind ? styles[kind] : undefined;
}
