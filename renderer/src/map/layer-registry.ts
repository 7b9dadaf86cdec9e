// The map layers a widget can ask for by id: each turns window data into an OpenLayers vector layer.
// Add a layer by writing one more definition and listing it in `mapLayers` (and in the widget's options schema).
import type OlMap from 'ol/Map';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { fromLonLat } from 'ol/proj';
import type { StyleLike } from 'ol/style/Style';
import type { Camera } from '@shared/model/camera';
import type { Crs } from '@shared/model/common';
import type { DistrictFeatureKind, DistrictMap } from '@shared/model/workspace';
import { toWgs84 } from '@shared/geo/china-coordinates';
import { cameraStyle, districtStyle, gridFeatureStyle } from './map-styles';

/** A camera catalogue as the window receives it (`crs` says how positions are expressed). */
export interface CameraSet {
  readonly crs: Crs;
  readonly cameras: readonly Camera[];
}

/** Everything map layers draw; null while not loaded yet. */
export interface MapData {
  readonly district: DistrictMap | null;
  readonly cameras: CameraSet | null;
}

/** Options every layer gets when created. */
export interface MapLayerOptions {
  /** Stacking order; later layers in the widget's list are drawn above earlier ones. */
  readonly zIndex: number;
}

/** A layer on one map: its OpenLayers layer, how it takes new data, and how it is released. */
export interface MapLayerHandle {
  readonly layer: VectorLayer<VectorSource>;
  /** Redraws from `data`; cheap when the layer's part of the data did not change. */
  update(data: MapData): void;
  /** Number of features currently drawn. */
  featureCount(): number;
  /** Removes the layer from its map and frees the layer, its renderer and its source. */
  dispose(): void;
}

/** A kind of map layer. */
export interface MapLayerDefinition {
  readonly id: MapLayerId;
  create(map: OlMap, options: MapLayerOptions): MapLayerHandle;
}

const geoJson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

/**
 * A vector layer fed by `toFeatures` from one part of the data, rebuilt only when that part's identity
 * changes (the composables hand out a new object per load).
 */
function vectorLayer<Part>(
  map: OlMap,
  options: MapLayerOptions & { declutter?: boolean; style: StyleLike },
  select: (data: MapData) => Part | null,
  toFeatures: (part: Part) => Feature[],
): MapLayerHandle {
  const source = new VectorSource();
  const layer = new VectorLayer({
    source,
    style: options.style,
    zIndex: options.zIndex,
    declutter: options.declutter ?? false,
    // Rendered while the view animates too: a wall has no interaction to wait for.
    updateWhileAnimating: true,
  });
  map.addLayer(layer);
  let current: Part | null = null;
  return {
    layer,
    update(data) {
      const part = select(data);
      if (part === current) return;
      current = part;
      source.clear(true);
      if (part !== null) source.addFeatures(toFeatures(part));
    },
    featureCount: () => source.getFeatures().length,
    dispose() {
      map.removeLayer(layer);
      source.clear(true);
      source.dispose();
      layer.dispose();
    },
  };
}

function districtFeatures(district: DistrictMap, kinds: ReadonlySet<DistrictFeatureKind>): Feature[] {
  const features = district.features.filter((feature) => kinds.has(feature.properties.kind));
  return geoJson.readFeatures({ type: 'FeatureCollection', features }) as Feature[];
}

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
const districtLayer: MapLayerDefinition = {
  id: 'district',
  create: (map, options) =>
    vectorLayer(
      map,
      { ...options, style: districtStyle, declutter: true },
      (data) => data.district,
      (district) =>
        districtFeatures(district, baseKinds).sort(
          (a, b) =>
            drawingOrder[a.get('kind') as DistrictFeatureKind] -
            drawingOrder[b.get('kind') as DistrictFeatureKind],
        ),
    ),
};

/** City-ops grids (网格): dashed outlines, names when zoomed in. */
const gridsLayer: MapLayerDefinition = {
  id: 'grids',
  create: (map, options) =>
    vectorLayer(
      map,
      { ...options, style: gridFeatureStyle, declutter: true },
      (data) => data.district,
      (district) => districtFeatures(district, new Set(['grid'])),
    ),
};

/** Cameras as dots, online or offline; positions converted from the catalogue's CRS to WGS-84. */
const camerasLayer: MapLayerDefinition = {
  id: 'cameras',
  create: (map, options) =>
    vectorLayer(
      map,
      { ...options, style: cameraStyle },
      (data) => data.cameras,
      ({ crs, cameras }) =>
        cameras.map((camera) => {
          const feature = new Feature({
            geometry: new Point(fromLonLat(toWgs84(camera.position, crs))),
            name: camera.name,
            isOnline: camera.isOnline,
          });
          feature.setId(camera.id);
          return feature;
        }),
    ),
};

/** Every layer id a map widget may list (`incidents` arrives with the incident feed). */
export type MapLayerId = 'district' | 'grids' | 'cameras';

/** The layers by id, in the order they stack from bottom to top. */
export const mapLayers: Readonly<Record<MapLayerId, MapLayerDefinition>> = {
  district: districtLayer,
  grids: gridsLayer,
  cameras: camerasLayer,
};

/** True for ids this registry knows; others (e.g. `incidents` before it exists) are skipped. */
export function isMapLayerId(id: string): id is MapLayerId {
  return Object.hasOwn(mapLayers, id);
}
