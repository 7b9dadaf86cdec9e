// An offline district map: OpenLayers in Web Mercator with no online base map at all; the district's GeoJSON
// is the base map, with the layers a widget asks for drawn over it.
import 'ol/ol.css';
import OlMap from 'ol/Map';
import View from 'ol/View';
import { createEmpty, extend, isEmpty, type Extent } from 'ol/extent';
import { defaults as defaultInteractions } from 'ol/interaction/defaults';
import { fromLonLat, transformExtent } from 'ol/proj';
import type { LonLat } from '@shared/model/common';
import type { DistrictMap } from '@shared/model/workspace';
import { isMapLayerId, mapLayers, type MapData, type MapLayerHandle } from './layer-registry';

/** What a district map shows: the view (else fitted to the district) and which layers. */
export interface DistrictMapOptions {
  readonly center?: LonLat;
  readonly zoom?: number;
  /** Layer ids bottom to top; ids this registry does not know yet (e.g. `incidents`) are ignored. */
  readonly layers: readonly string[];
  /** Pan and zoom with mouse and touch (default false: wall maps are display-only). */
  readonly isInteractive?: boolean;
}

/** A live map on an element, owned by whoever created it. */
export interface DistrictMapHandle {
  readonly map: OlMap;
  /** Redraws every layer from `data`; fits the district the first time it arrives when no centre is set. */
  update(data: MapData): void;
  /** Re-measures the element after its size changed (and refits a fitted view). */
  updateSize(): void;
  /** Number of camera features drawn (0 without a `cameras` layer). */
  cameraCount(): number;
  /** Detaches the map from the element and frees the map, its layers and sources. Idempotent. */
  dispose(): void;
}

const defaultZoom = 13;
/** Space around a fitted district, in CSS px: labels at the border stay readable. */
const fitPadding = [24, 24, 24, 24];

/** The longitude/latitude bounding box of every feature of the district file (empty if it has none). */
export function districtLonLatExtent(district: DistrictMap): Extent {
  const extent = createEmpty();
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      extend(extent, [value[0], value[1], value[0], value[1]]);
    } else {
      for (const item of value) visit(item);
    }
  };
  for (const feature of district.features) visit(feature.geometry.coordinates);
  return extent;
}

/** Creates the map inside `target`; call `update` with data as it loads and `dispose` when done. */
export function createDistrictMap(target: HTMLElement, options: DistrictMapOptions): DistrictMapHandle {
  const isFitted = options.center === undefined;
  const map = new OlMap({
    target,
    // No controls: no zoom buttons on a wall, and no attribution because no external source is used.
    controls: [],
    interactions: options.isInteractive ? defaultInteractions() : [],
    view: new View({
      projection: 'EPSG:3857',
      center: fromLonLat(options.center ?? [0, 0]),
      zoom: options.zoom ?? defaultZoom,
      maxZoom: 20,
    }),
  });
  const layers = new Map<string, MapLayerHandle>();
  options.layers.filter(isMapLayerId).forEach((id, index) => {
    if (!layers.has(id)) layers.set(id, mapLayers[id].create(map, { zIndex: index }));
  });

  let districtExtent: Extent | undefined;
  let isDisposed = false;

  const fit = () => {
    const size = map.getSize();
    if (!isFitted || !districtExtent || !size || size[0] === 0 || size[1] === 0) return;
    map.getView().fit(districtExtent, { size, padding: fitPadding });
  };

  return {
    map,
    update(data) {
      if (isDisposed) return;
      for (const layer of layers.values()) layer.update(data);
      if (!districtExtent && data.district) {
        const extent = transformExtent(districtLonLatExtent(data.district), 'EPSG:4326', 'EPSG:3857');
        if (!isEmpty(extent)) {
          districtExtent = extent;
          fit();
        }
      }
    },
    updateSize() {
      if (isDisposed) return;
      map.updateSize();
      fit();
    },
    cameraCount: () => layers.get('cameras')?.featureCount() ?? 0,
    dispose() {
      if (isDisposed) return;
      isDisposed = true;
      for (const layer of layers.values()) layer.dispose();
      layers.clear();
      map.setTarget(undefined);
      map.dispose();
    },
  };
}
