// A point layer for thousands of points: thinned per screen cell, aggregated per grid, made near the view only.
import type OlMap from 'ol/Map';
import type Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import type Polygon from 'ol/geom/Polygon';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import type { StyleLike } from 'ol/style/Style';
import type { Crs } from '@shared/model/common';
import type { DistrictMap } from '@shared/model/workspace';
import {
  aggregatePoints,
  bucketResolution,
  countInside,
  pointSet,
  resolutionBucket,
  thinPoints,
  type PointAggregate,
  type PointSet,
} from '../level-of-detail';
import { districtFeatures } from './district-features';
import type { MapData, MapLayerHandle, MapLayerOptions } from './map-layer';

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

/** What a level-of-detail layer needs to know about its items. */
export interface LevelOfDetailSpec<Item> {
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
export function levelOfDetailLayer<Item>(
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
