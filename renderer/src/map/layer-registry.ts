// The map layers a widget can ask for by id: each turns window data into an OpenLayers layer on one map.
// Add a layer by writing one file in layers/ and listing it in `mapLayers`; its id comes from the `layers` enum
// of `map.incidents` in shared/model/widget.ts, so the compiler asks for a layer per id and nothing else.
import { camerasLayer } from './layers/cameras-layer';
import { districtLayer } from './layers/district-layer';
import { gridsLayer } from './layers/grids-layer';
import { incidentsLayer } from './layers/incidents-layer';
import type { MapLayerDefinition, MapLayerId } from './layers/map-layer';
import { riskLayer } from './layers/risk-layer';
import { sensorsLayer } from './layers/sensors-layer';
import { unitsLayer } from './layers/units-layer';

export { filterCameras } from './layers/cameras-layer';
export { filterIncidents } from './layers/incidents-layer';
export {
  projectPosition,
  type CameraFilter,
  type CameraSet,
  type IncidentFilter,
  type MapData,
  type MapLayerDefinition,
  type MapLayerHandle,
  type MapLayerId,
  type MapLayerOptions,
} from './layers/map-layer';

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
