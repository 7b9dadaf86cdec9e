// An offline-first district map: OpenLayers in Web Mercator with the workspace's base map (the district's own
// vectors by default, or tiles from the catalogue), the layers a widget asks for, and the clicks and hovers
// the widget turns into wall commands and tooltips.
import 'ol/ol.css';
import './map.css';
import OlMap from 'ol/Map';
import View from 'ol/View';
import Attribution from 'ol/control/Attribution';
import type MapBrowserEvent from 'ol/MapBrowserEvent';
import type { FeatureLike } from 'ol/Feature';
import type Point from 'ol/geom/Point';
import { createEmpty, extend, isEmpty, type Extent } from 'ol/extent';
import { defaults as defaultInteractions } from 'ol/interaction/defaults';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj';
import type { BaseMapSource } from '@shared/model/base-map';
import type { Crs, LonLat } from '@shared/model/common';
import type { DistrictMap } from '@shared/model/workspace';
import { convertPosition } from '@shared/geo/china-coordinates';
import { createBaseMapLayer } from './base-map';
import { IncidentPulses } from './incident-pulses';
import {
  isMapLayerId,
  mapLayers,
  projectPosition,
  type CameraFilter,
  type IncidentFilter,
  type MapData,
  type MapLayerHandle,
  type MapLayerId,
} from './layer-registry';
import { targetOf, type MapTarget } from './map-target';

export type { MapTarget };

/** What a district map shows and how it answers the pointer. */
export interface DistrictMapOptions {
  readonly center?: LonLat;
  readonly zoom?: number;
  /** [west, south, east, north] in WGS-84, fitted when no centre is given. */
  readonly extent?: readonly [number, number, number, number];
  /** Layer ids bottom to top; unknown ids are ignored. */
  readonly layers: readonly string[];
  /** Pan and zoom with mouse and touch (default false: wall maps are display-only, clicks still work). */
  readonly isInteractive?: boolean;
  /** The base map (default: the district's vectors, WGS-84). Every layer is converted into its system. */
  readonly baseMap?: BaseMapSource;
  readonly cameraFilter?: CameraFilter;
  readonly incidentFilter?: IncidentFilter;
  /** A camera, incident or unit was clicked (aggregates zoom in instead). */
  onTargetClicked?(target: MapTarget): void;
  /** The pointer is over a target (null: over nothing), at `pixel` inside the map element. */
  onTargetHovered?(target: MapTarget | null, pixel: readonly [number, number]): void;
  /** Called after each completed render (the view or the data changed). */
  onRendered?(): void;
  /** Clock for the pulse of new incidents (tests). */
  readonly now?: () => number;
}

/** A rendered incident and where it is on screen (CSS pixels from the map element's top-left). */
export interface IncidentTarget {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/** A live map on an element, owned by whoever created it. */
export interface DistrictMapHandle {
  readonly map: OlMap;
  /** The base map's coordinate system, into which every layer is converted. */
  readonly crs: Crs;
  /** Redraws every layer from `data`; fits the district the first time it arrives when no view is set. */
  update(data: MapData): void;
  /** Re-measures the element after its size changed (and refits a fitted view). */
  updateSize(): void;
  /** Number of cameras the camera layer shows (0 without a `cameras` layer). */
  cameraCount(): number;
  /** Grids the risk layer shades (those with a risk value; 0 without a `risk` layer). */
  shadedGridCount(): number;
  /** Incidents drawn as single symbols inside the view, with their pixel positions (for tests and tooltips). */
  incidentTargets(limit?: number): IncidentTarget[];
  /** Sensors inside the view with their pixel positions, alarmed ones first (for tests). */
  sensorTargets(limit?: number): IncidentTarget[];
  /** The view's centre in WGS-84 (null before the view has one). */
  viewCenter(): LonLat | null;
  /** Centres the view on a WGS-84 position (follow-incident mode), zooming in to at least `zoom`. */
  focus(position: LonLat, zoom?: number): void;
  /** Detaches the map from the element and frees the map, its layers, sources, overlays and listeners. */
  dispose(): void;
}

const defaultZoom = 13;
/** Space around a fitted district, in CSS px: labels at the border stay readable. */
const fitPadding = [24, 24, 24, 24];
/** New incidents pulse for this long after they are raised, the most severe first, at most this many. */

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
  const crs: Crs = options.baseMap?.crs ?? 'wgs84';
  const now = options.now ?? Date.now;
  const viewExtent = options.extent
    ? transformExtent(
        [
          ...convertPosition([options.extent[0], options.extent[1]], 'wgs84', crs),
          ...convertPosition([options.extent[2], options.extent[3]], 'wgs84', crs),
        ],
        'EPSG:4326',
        'EPSG:3857',
      )
    : undefined;
  const isFitted = options.center === undefined;
  const baseLayer = options.baseMap ? createBaseMapLayer(options.baseMap) : null;
  const map = new OlMap({
    target,
    // No zoom buttons on a wall; the attribution only when a tile source has one to show.
    controls: options.baseMap?.attribution ? [new Attribution({ collapsible: false })] : [],
    interactions: options.isInteractive ? defaultInteractions() : [],
    view: new View({
      projection: 'EPSG:3857',
      center: options.center ? projectPosition(options.center, 'wgs84', crs) : fromLonLat([0, 0]),
      zoom: options.zoom ?? defaultZoom,
      minZoom: options.baseMap?.minZoom ?? 0,
      maxZoom: Math.max(options.baseMap?.maxZoom ?? 20, 16),
    }),
  });
  if (baseLayer) map.addLayer(baseLayer);

  const layerOptions = {
    crs,
    now,
    ...(options.cameraFilter ? { cameraFilter: options.cameraFilter } : {}),
    ...(options.incidentFilter ? { incidentFilter: options.incidentFilter } : {}),
  };
  const layers = new Map<MapLayerId, MapLayerHandle>();
  options.layers.filter(isMapLayerId).forEach((id, index) => {
    if (!layers.has(id)) layers.set(id, mapLayers[id].create(map, { ...layerOptions, zIndex: index }));
  });
  const pickable = new Set(
    (['cameras', 'incidents', 'units', 'sensors'] as const).flatMap((id) => {
      const handle = layers.get(id);
      return handle ? [handle.layer] : [];
    }),
  );
  const pulses = layers.has('incidents') ? new IncidentPulses(map, crs) : null;

  let districtExtent: Extent | undefined = viewExtent;
  let isDisposed = false;

  const fit = () => {
    const size = map.getSize();
    if (!isFitted || !districtExtent || !size || size[0] === 0 || size[1] === 0) return;
    map.getView().fit(districtExtent, { size, padding: fitPadding });
  };

  const pick = (pixel: number[]): { target: MapTarget; feature: FeatureLike } | null => {
    let found: { target: MapTarget; feature: FeatureLike } | null = null;
    map.forEachFeatureAtPixel(
      pixel,
      (feature) => {
        const targetFound = targetOf(feature);
        if (!targetFound) return undefined;
        found = { target: targetFound, feature };
        return true;
      },
      { hitTolerance: 6, layerFilter: (layer) => pickable.has(layer as never) },
    );
    return found;
  };

  const onClick = (event: MapBrowserEvent) => {
    const found = pick(event.pixel);
    if (!found) return;
    if (found.target.kind === 'camera-group' || found.target.kind === 'incident-group') {
      // An aggregate stands for a grid: zoom in until its members are drawn one by one.
      const view = map.getView();
      const coordinate = (found.feature.getGeometry() as Point).getCoordinates();
      view.animate({ center: coordinate, zoom: (view.getZoom() ?? defaultZoom) + 2, duration: 300 });
      return;
    }
    options.onTargetClicked?.(found.target);
  };
  const onPointerMove = (event: MapBrowserEvent) => {
    if (event.dragging || !options.onTargetHovered) return;
    const found = pick(event.pixel);
    target.style.cursor = found ? 'pointer' : '';
    options.onTargetHovered(found?.target ?? null, [event.pixel[0]!, event.pixel[1]!]);
  };
  /** Features of `kind` on layer `id` inside the view with their pixels; those whose `state` is `first` first. */
  const targetsInView = (id: MapLayerId, kind: string, limit: number, first?: string): IncidentTarget[] => {
    const layer = layers.get(id);
    const size = map.getSize();
    if (!layer || !size) return [];
    const found: (IncidentTarget & { isFirst: boolean })[] = [];
    for (const feature of layer.layer.getSource()!.getFeatures()) {
      if (feature.get('kind') !== kind) continue;
      const pixel = map.getPixelFromCoordinate((feature.getGeometry() as Point).getCoordinates());
      if (!pixel || pixel[0]! < 0 || pixel[1]! < 0 || pixel[0]! > size[0]! || pixel[1]! > size[1]!) continue;
      const isFirst = first !== undefined && feature.get('state') === first;
      found.push({
        id: String(feature.getId()),
        x: Math.round(pixel[0]!),
        y: Math.round(pixel[1]!),
        isFirst,
      });
    }
    return found
      .sort((a, b) => Number(b.isFirst) - Number(a.isFirst))
      .slice(0, limit)
      .map(({ id: targetId, x, y }) => ({ id: targetId, x, y }));
  };
  const onRendered = () => options.onRendered?.();
  map.on('singleclick', onClick);
  map.on('pointermove', onPointerMove);
  map.on('rendercomplete', onRendered);
  // A configured extent is known now; the district's extent is fitted when the district arrives.
  fit();

  return {
    map,
    crs,
    update(data) {
      if (isDisposed) return;
      for (const layer of layers.values()) layer.update(data);
      if (pulses && data.incidents) pulses.update(data.incidents, options.incidentFilter, now());
      if (!districtExtent && data.district) {
        const lonLat = districtLonLatExtent(data.district);
        if (!isEmpty(lonLat)) {
          const [west, south] = convertPosition([lonLat[0]!, lonLat[1]!], 'wgs84', crs);
          const [east, north] = convertPosition([lonLat[2]!, lonLat[3]!], 'wgs84', crs);
          districtExtent = transformExtent([west, south, east, north], 'EPSG:4326', 'EPSG:3857');
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
    shadedGridCount: () =>
      layers
        .get('risk')
        ?.layer.getSource()
        ?.getFeatures()
        .filter((feature) => feature.get('riskClass') !== undefined).length ?? 0,
    incidentTargets: (limit = 100) => targetsInView('incidents', 'incident', limit),
    sensorTargets: (limit = 100) => targetsInView('sensors', 'sensor', limit, 'alarm'),
    viewCenter() {
      const center = map.getView().getCenter();
      if (!center) return null;
      const [longitude, latitude] = toLonLat(center);
      return convertPosition([longitude!, latitude!], crs, 'wgs84');
    },
    focus(position, zoom = 15) {
      if (isDisposed) return;
      const view = map.getView();
      view.animate({
        center: projectPosition(position, 'wgs84', crs),
        zoom: Math.max(view.getZoom() ?? defaultZoom, zoom),
        duration: 600,
      });
    },
    dispose() {
      if (isDisposed) return;
      isDisposed = true;
      map.un('singleclick', onClick);
      map.un('pointermove', onPointerMove);
      map.un('rendercomplete', onRendered);
      pulses?.dispose();
      for (const layer of layers.values()) layer.dispose();
      layers.clear();
      if (baseLayer) {
        map.removeLayer(baseLayer);
        baseLayer.getSource()?.dispose();
        baseLayer.dispose();
      }
      map.setTarget(undefined);
      map.dispose();
    },
  };
}
