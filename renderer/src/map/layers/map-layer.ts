// The contract every map layer implements, the data layers draw, and the one projection they all use.
import type OlMap from 'ol/Map';
import type VectorLayer from 'ol/layer/Vector';
import type VectorImageLayer from 'ol/layer/VectorImage';
import type VectorSource from 'ol/source/Vector';
import { fromLonLat } from 'ol/proj';
import type { Camera } from '@shared/model/camera';
import type { Crs, LonLat } from '@shared/model/common';
import type { Incident, IncidentCategory, IncidentSeverity } from '@shared/model/incident';
import type { MovingUnit } from '@shared/model/moving-unit';
import type { Sensor } from '@shared/model/sensor';
import type { MapLayerId } from '@shared/model/widget';
import type { DistrictMap } from '@shared/model/workspace';
import { convertPosition } from '@shared/geo/china-coordinates';

export type { MapLayerId };

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

export type AnyVectorLayer = VectorLayer<VectorSource> | VectorImageLayer<VectorSource>;

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
