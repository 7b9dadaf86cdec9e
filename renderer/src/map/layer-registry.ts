// The map layers a widget can ask for by id: each turns window data into an OpenLayers layer on one map.
// Add a layer by writing one more definition and listing it in `mapLayers` (and in the widget's options schema).
import type OlMap from 'ol/Map';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import LineString from 'ol/geom/LineString';
import Point from 'ol/geom/Point';
import type Polygon from 'ol/geom/Polygon';
import type { Geometry } from 'ol/geom';
import VectorLayer from 'ol/layer/Vector';
import VectorImageLayer from 'ol/layer/VectorImage';
import VectorSource from 'ol/source/Vector';
import { fromLonLat, toLonLat } from 'ol/proj';
import type { StyleLike } from 'ol/style/Style';
import type { Camera } from '@shared/model/camera';
import type { Crs, LonLat } from '@shared/model/common';
import type { Incident, IncidentCategory, IncidentSeverity } from '@shared/model/incident';
import type { MovingUnit } from '@shared/model/moving-unit';
import type { Sensor } from '@shared/model/sensor';
import type { DistrictFeatureKind, DistrictMap } from '@shared/model/workspace';
import { convertPosition } from '@shared/geo/china-coordinates';
import {
  aggregatePoints,
  bucketResolution,
  countInside,
  pointSet,
  resolutionBucket,
  thinPoints,
  type PointAggregate,
  type PointSet,
} from './level-of-detail';
import {
  cameraStyle,
  districtStyle,
  gridFeatureStyle,
  incidentStyle,
  riskStyle,
  sensorStyle,
  severityRank,
  unitStyle,
} from './map-styles';
import { riskClassIndex } from './risk-ramp';

/** A camera catalogue as the window receives it (`crs` says how positions are expressed). */
export interface CameraSet {
  readonly crs: Crs;
  readonly cameras: readonly Camera[];
}

/** Everything map layers draw; null (or absent) while not loaded yet. Each part is replaced, never mutated. */
export interface MapData {
  readonly district: DistrictMap | null;
  readonly cameras: CameraSet | null;
  /** WGS-84, newest first (the incident feed). */
  readonly incidents?: readonly Incident[] | null;
  /** WGS-84 drones and body cameras with their short tracks. */
  readonly units?: readonly MovingUnit[] | null;
  /** Risk index 0–100 per grid id (from the per-grid risk topics); grids without a value are not shaded. */
  readonly risk?: ReadonlyMap<string, number> | null;
  /** WGS-84 IoT sensors with their state. */
  readonly sensors?: readonly Sensor[] | null;
}

/** Which cameras the camera layer shows: all tags, areas and states when a field is absent. */
export interface CameraFilter {
  /** Cameras with at least one of these tags. */
  readonly tags?: readonly string[];
  readonly streets?: readonly string[];
  readonly grids?: readonly string[];
  readonly isOnlineOnly?: boolean;
}

/** Which incidents the incident layer shows; closed incidents are never drawn. */
export interface IncidentFilter {
  readonly minimumSeverity?: IncidentSeverity;
  readonly categories?: readonly IncidentCategory[];
}

/** Options every layer gets when created. */
export interface MapLayerOptions {
  /** Stacking order; later layers in the widget's list are drawn above earlier ones. */
  readonly zIndex: number;
  /** The base map's coordinate system: every position is converted into it before it is drawn. */
  readonly crs?: Crs;
  readonly cameraFilter?: CameraFilter;
  readonly incidentFilter?: IncidentFilter;
  /** Clock for "new" incidents (tests); default Date.now. */
  readonly now?: () => number;
}

type AnyVectorLayer = VectorLayer<VectorSource> | VectorImageLayer<VectorSource>;

/** A layer on one map: its OpenLayers layer, how it takes new data, and how it is released. */
export interface MapLayerHandle {
  readonly layer: AnyVectorLayer;
  /** Redraws from `data`; cheap when the layer's part of the data did not change. */
  update(data: MapData): void;
  /** Number of things the layer shows (cameras, incidents, grids…), before level of detail. */
  featureCount(): number;
  /** Removes the layer from its map and frees the layer, its renderer, its source and its listeners. */
  dispose(): void;
}

/** A kind of map layer. */
export interface MapLayerDefinition {
  readonly id: MapLayerId;
  create(map: OlMap, options: MapLayerOptions): MapLayerHandle;
}

/** A position in `from` as map coordinates (EPSG:3857) on a base map in `to`. */
export function projectPosition(position: LonLat, from: Crs, to: Crs = 'wgs84'): [number, number] {
  const [x, y] = fromLonLat(convertPosition(position, from, to));
  return [x!, y!];
}

/** Reads district features, converting WGS-84 coordinates to the base map's system first. */
function districtFeatures(
  district: DistrictMap,
  kinds: ReadonlySet<DistrictFeatureKind>,
  crs: Crs,
): Feature<Geometry>[] {
  const features = district.features.filter((feature) => kinds.has(feature.properties.kind));
  const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
  const read = format.readFeatures({ type: 'FeatureCollection', features }) as Feature<Geometry>[];
  if (crs !== 'wgs84' && crs !== 'cgcs2000') {
    for (const feature of read) {
      feature.getGeometry()?.applyTransform((input, output, dimension = 2) => {
        const target = output ?? input;
        for (let index = 0; index < input.length; index += dimension) {
          const [longitude, latitude] = convertPosition(
            toLonLat([input[index]!, input[index + 1]!]) as [number, number],
            'wgs84',
            crs,
          );
          const [x, y] = fromLonLat([longitude, latitude]);
          target[index] = x!;
          target[index + 1] = y!;
        }
        return target;
      });
    }
  }
  return read;
}

/**
 * A vector layer fed by `toFeatures` from one part of the data, rebuilt only when that part's identity
 * changes (the composables hand out a new object per load). Static layers are drawn into an image once per
 * view and only moved while the view pans (VectorImageLayer).
 */
function vectorLayer<Part>(
  map: OlMap,
  options: MapLayerOptions & { declutter?: boolean; style: StyleLike; isStatic?: boolean },
  select: (data: MapData) => Part | null | undefined,
  toFeatures: (part: Part, data: MapData) => Feature<Geometry>[],
  isSame: (data: MapData, previous: MapData | null) => boolean = (data, previous) =>
    previous !== null && select(data) === select(previous),
): MapLayerHandle {
  const source = new VectorSource();
  const layerOptions = {
    source,
    style: options.style,
    zIndex: options.zIndex,
    declutter: options.declutter ?? false,
  };
  const layer: AnyVectorLayer = options.isStatic
    ? new VectorImageLayer({ ...layerOptions, imageRatio: 1.5 })
    : // Rendered while the view animates too: a wall has no interaction to wait for.
      new VectorLayer({ ...layerOptions, updateWhileAnimating: true });
  map.addLayer(layer);
  let previous: MapData | null = null;
  return {
    layer,
    update(data) {
      if (isSame(data, previous)) return;
      previous = data;
      source.clear(true);
      const part = select(data);
      if (part !== null && part !== undefined) source.addFeatures(toFeatures(part, data));
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
        districtFeatures(district, baseKinds, options.crs ?? 'wgs84').sort(
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
      (district) => districtFeatures(district, new Set(['grid']), options.crs ?? 'wgs84'),
    ),
};

/** Risk shading per grid (风险图): each grid filled by the class of its risk index on a sequential ramp. */
const riskLayer: MapLayerDefinition = {
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

/** Centres of the grids in map coordinates (their label point), where aggregates are drawn. */
function gridCentres(district: DistrictMap | null, crs: Crs): Map<string, readonly [number, number]> {
  const centres = new Map<string, readonly [number, number]>();
  if (!district) return centres;
  for (const feature of districtFeatures(district, new Set(['grid']), crs)) {
    const geometry = feature.getGeometry();
    if (geometry?.getType() !== 'Polygon') continue;
    const point = (geometry as Polygon).getInteriorPoint().getCoordinates();
    centres.set(String(feature.get('id')), [point[0]!, point[1]!]);
  }
  return centres;
}

interface LevelOfDetailSpec<Item> {
  /** The items (already filtered), or null while not loaded. */
  select(data: MapData): readonly Item[] | null;
  /** True when the selected items are the same as last time (no rebuild). */
  isSame(data: MapData, previous: MapData | null): boolean;
  project(item: Item, data: MapData): readonly [number, number];
  rank(item: Item): number;
  area(item: Item): string | undefined;
  /** A feature for one item standing for `count` items in its screen cell. */
  single(item: Item, count: number, coordinate: readonly [number, number]): Feature<Geometry>;
  /** A feature for an aggregate; `top` is its highest-ranked item. */
  group(aggregate: PointAggregate, top: Item): Feature<Geometry>;
  style: StyleLike;
  /** Diameter of a symbol in CSS pixels: two kept points are at least this far apart. */
  symbolPixels: number;
  /** Most single symbols drawn in one view; beyond it the layer draws one aggregate per grid. */
  budget: number;
}

/** One detail level, cached per resolution bucket: the kept points, their features once made, the aggregates. */
interface DetailLevel {
  readonly indexes: readonly number[];
  readonly counts: readonly number[];
  /** Features by position in `indexes`, made only when their point first comes into view. */
  readonly features: Map<number, Feature<Geometry>>;
  groups?: Feature<Geometry>[];
}

/** How far around the view features are prepared, as a share of the view's size on each side. */
const preparedMargin = 0.5;

/**
 * A point layer with level of detail: one symbol per screen cell (the highest-ranked point) recomputed per
 * half zoom level, and one aggregate per grid when even that would be more than `budget` symbols in view.
 * Only points in and around the view become OpenLayers features, made once and reused while panning; the
 * 26,000 cameras never all become features at once.
 */
function levelOfDetailLayer<Item>(
  map: OlMap,
  options: MapLayerOptions,
  spec: LevelOfDetailSpec<Item>,
): MapLayerHandle {
  // No spatial index: the source only ever holds what is near the view, and rebuilding an R-tree per view
  // change would cost more than it saves.
  const source = new VectorSource({ useSpatialIndex: false });
  const layer = new VectorLayer({
    source,
    style: spec.style,
    zIndex: options.zIndex,
    updateWhileAnimating: true,
    updateWhileInteracting: true,
  });
  map.addLayer(layer);

  let items: readonly Item[] = [];
  let points: PointSet | null = null;
  let centres = new Map<string, readonly [number, number]>();
  let levels = new Map<number, DetailLevel>();
  let shown: { bucket: number; isGrouped: boolean; extent: number[] | null } | null = null;
  let previous: MapData | null = null;
  let district: DistrictMap | null = null;

  const level = (bucket: number): DetailLevel => {
    let cached = levels.get(bucket);
    if (!cached) {
      const thinned = thinPoints(points!, spec.symbolPixels * bucketResolution(bucket));
      levels.set(bucket, (cached = { ...thinned, features: new Map() }));
    }
    return cached;
  };

  const isInside = (inner: readonly number[], outer: readonly number[]) =>
    inner[0]! >= outer[0]! && inner[1]! >= outer[1]! && inner[2]! <= outer[2]! && inner[3]! <= outer[3]!;

  const refresh = () => {
    const view = map.getView();
    const resolution = view.getResolution();
    const size = map.getSize();
    if (!points || points.xs.length === 0 || resolution === undefined) {
      if (shown) source.clear(true);
      shown = null;
      return;
    }
    const bucket = resolutionBucket(resolution);
    const detail = level(bucket);
    const viewExtent = size ? view.calculateExtent(size) : null;
    const isGrouped = viewExtent !== null && countInside(points, detail.indexes, viewExtent) > spec.budget;
    if (
      shown &&
      shown.bucket === bucket &&
      shown.isGrouped === isGrouped &&
      (isGrouped || !viewExtent || (shown.extent !== null && isInside(viewExtent, shown.extent)))
    ) {
      return;
    }
    source.clear(true);
    if (isGrouped) {
      detail.groups ??= aggregatePoints(points, centres, 64 * bucketResolution(bucket)).map((aggregate) =>
        spec.group(aggregate, items[aggregate.topIndex]!),
      );
      source.addFeatures(detail.groups);
      shown = { bucket, isGrouped, extent: null };
      return;
    }
    let prepared: number[] | null = null;
    if (viewExtent) {
      const marginX = (viewExtent[2]! - viewExtent[0]!) * preparedMargin;
      const marginY = (viewExtent[3]! - viewExtent[1]!) * preparedMargin;
      prepared = [
        viewExtent[0]! - marginX,
        viewExtent[1]! - marginY,
        viewExtent[2]! + marginX,
        viewExtent[3]! + marginY,
      ];
    }
    const features: Feature<Geometry>[] = [];
    detail.indexes.forEach((index, position) => {
      const x = points!.xs[index]!;
      const y = points!.ys[index]!;
      if (prepared && (x < prepared[0]! || x > prepared[2]! || y < prepared[1]! || y > prepared[3]!)) return;
      let feature = detail.features.get(position);
      if (!feature) {
        feature = spec.single(items[index]!, detail.counts[position]!, [x, y]);
        detail.features.set(position, feature);
      }
      features.push(feature);
    });
    source.addFeatures(features);
    shown = { bucket, isGrouped, extent: prepared };
  };

  const view = map.getView();
  view.on('change:resolution', refresh);
  view.on('change:center', refresh);
  map.on('change:size', refresh);

  return {
    layer,
    update(data) {
      if (spec.isSame(data, previous) && data.district === district) return;
      previous = data;
      const selected = spec.select(data);
      items = selected ?? [];
      if (data.district !== district || centres.size === 0) {
        district = data.district;
        centres = gridCentres(district, options.crs ?? 'wgs84');
      }
      points = selected ? pointSet(items, (item) => spec.project(item, data), spec.rank, spec.area) : null;
      levels = new Map();
      shown = null;
      refresh();
    },
    featureCount: () => items.length,
    dispose() {
      view.un('change:resolution', refresh);
      view.un('change:center', refresh);
      map.un('change:size', refresh);
      map.removeLayer(layer);
      source.clear(true);
      source.dispose();
      layer.dispose();
      levels.clear();
    },
  };
}

/** Cameras passing a filter (tags: any of; areas: any of; online only). */
export function filterCameras(
  cameras: readonly Camera[],
  filter: CameraFilter | undefined,
): readonly Camera[] {
  if (!filter) return cameras;
  const tags = filter.tags && filter.tags.length > 0 ? new Set(filter.tags) : null;
  const streets = filter.streets && filter.streets.length > 0 ? new Set(filter.streets) : null;
  const grids = filter.grids && filter.grids.length > 0 ? new Set(filter.grids) : null;
  return cameras.filter(
    (camera) =>
      (!filter.isOnlineOnly || camera.isOnline) &&
      (!streets || streets.has(camera.street)) &&
      (!grids || grids.has(camera.grid)) &&
      (!tags || camera.tags.some((tag) => tags.has(tag))),
  );
}

/** Open incidents passing a filter (closed incidents are history, not the map). */
export function filterIncidents(
  incidents: readonly Incident[],
  filter: IncidentFilter | undefined,
): readonly Incident[] {
  const minimum = filter?.minimumSeverity ? severityRank[filter.minimumSeverity] : 0;
  const categories = filter?.categories && filter.categories.length > 0 ? new Set(filter.categories) : null;
  return incidents.filter(
    (incident) =>
      incident.status !== 'closed' &&
      severityRank[incident.severity] >= minimum &&
      (!categories || categories.has(incident.category)),
  );
}

/** Cameras: online/offline dots, thinned per screen cell, aggregated per grid when the view is too full. */
const camerasLayer: MapLayerDefinition = {
  id: 'cameras',
  create: (map, options) => {
    let filtered: { from: CameraSet; cameras: readonly Camera[] } | null = null;
    return levelOfDetailLayer<Camera>(map, options, {
      select: (data) => {
        if (!data.cameras) return null;
        if (filtered?.from !== data.cameras)
          filtered = {
            from: data.cameras,
            cameras: filterCameras(data.cameras.cameras, options.cameraFilter),
          };
        return filtered.cameras;
      },
      isSame: (data, previous) => previous !== null && data.cameras === previous.cameras,
      project: (camera, data) => projectPosition(camera.position, data.cameras!.crs, options.crs),
      rank: (camera) => (camera.isOnline ? 1 : 0),
      area: (camera) => camera.grid,
      single: (camera, count, coordinate) => {
        const feature = new Feature({
          geometry: new Point([coordinate[0], coordinate[1]]),
          kind: 'camera',
          name: camera.name,
          isOnline: camera.isOnline,
          count,
        });
        feature.setId(camera.id);
        return feature;
      },
      group: (aggregate, top) =>
        new Feature({
          geometry: new Point([aggregate.x, aggregate.y]),
          kind: 'camera-group',
          area: aggregate.key,
          count: aggregate.count,
          isOnline: top.isOnline,
        }),
      style: cameraStyle,
      symbolPixels: 14,
      budget: 1_500,
    });
  },
};

/** Incidents: diamonds in the severity colour (worst wins its screen cell), aggregated per grid when crowded. */
const incidentsLayer: MapLayerDefinition = {
  id: 'incidents',
  create: (map, options) => {
    let filtered: { from: readonly Incident[]; incidents: readonly Incident[] } | null = null;
    return levelOfDetailLayer<Incident>(map, options, {
      select: (data) => {
        if (!data.incidents) return null;
        if (filtered?.from !== data.incidents)
          filtered = {
            from: data.incidents,
            incidents: filterIncidents(data.incidents, options.incidentFilter),
          };
        return filtered.incidents;
      },
      isSame: (data, previous) => previous !== null && data.incidents === previous.incidents,
      project: (incident) => projectPosition(incident.position, 'wgs84', options.crs),
      // New beats acknowledged within a severity: what still needs an operator stays visible.
      rank: (incident) => severityRank[incident.severity] * 2 + (incident.status === 'new' ? 1 : 0),
      area: (incident) => incident.grid,
      single: (incident, count, coordinate) => {
        const feature = new Feature({
          geometry: new Point([coordinate[0], coordinate[1]]),
          kind: 'incident',
          title: incident.title,
          severity: incident.severity,
          status: incident.status,
          count,
        });
        feature.setId(incident.id);
        return feature;
      },
      group: (aggregate, top) =>
        new Feature({
          geometry: new Point([aggregate.x, aggregate.y]),
          kind: 'incident-group',
          area: aggregate.key,
          count: aggregate.count,
          severity: top.severity,
        }),
      style: incidentStyle,
      symbolPixels: 26,
      budget: 400,
    });
  },
};

/** Moving units (drones, 单兵) with their short tracks. */
const unitsLayer: MapLayerDefinition = {
  id: 'units',
  create: (map, options) =>
    vectorLayer(
      map,
      { ...options, style: unitStyle, declutter: false },
      (data) => data.units,
      (units) =>
        units.flatMap((unit) => {
          const marker = new Feature({
            geometry: new Point(projectPosition(unit.position, 'wgs84', options.crs)),
            kind: 'unit',
            unitKind: unit.kind,
            name: unit.name,
            cameraId: unit.cameraId,
          });
          marker.setId(unit.id);
          if (unit.track.length < 2) return [marker];
          const track = new Feature({
            geometry: new LineString(
              unit.track.map((position) => projectPosition(position, 'wgs84', options.crs)),
            ),
            kind: 'unit-track',
          });
          return [track, marker];
        }),
    ),
};

/** IoT sensors (物联感知): a glyph per kind, alarmed ones white, larger and on top. */
const sensorsLayer: MapLayerDefinition = {
  id: 'sensors',
  create: (map, options) =>
    vectorLayer(
      map,
      { ...options, style: sensorStyle },
      (data) => data.sensors,
      (sensors) =>
        sensors.map((sensor) => {
          const feature = new Feature({
            geometry: new Point(projectPosition(sensor.position, 'wgs84', options.crs)),
            kind: 'sensor',
            sensorKind: sensor.kind,
            name: sensor.name,
            state: sensor.state,
            reading: sensor.reading,
          });
          feature.setId(sensor.id);
          return feature;
        }),
    ),
};

/** Every layer id a map widget may list. */
export type MapLayerId = 'district' | 'grids' | 'risk' | 'cameras' | 'incidents' | 'units' | 'sensors';

/** The layers by id. */
export const mapLayers: Readonly<Record<MapLayerId, MapLayerDefinition>> = {
  district: districtLayer,
  grids: gridsLayer,
  risk: riskLayer,
  cameras: camerasLayer,
  incidents: incidentsLayer,
  units: unitsLayer,
  sensors: sensorsLayer,
};

/** True for ids this registry knows; others are skipped. */
export function isMapLayerId(id: string): id is MapLayerId {
  return Object.hasOwn(mapLayers, id);
}
