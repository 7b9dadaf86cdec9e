// The moving-unit layer (`units`): drones and body cameras with their short tracks.
import Feature from 'ol/Feature';
import LineString from 'ol/geom/LineString';
import Point from 'ol/geom/Point';
import { unitStyle } from '../map-styles';
import { projectPosition, type MapLayerDefinition } from './map-layer';
import { vectorLayer } from './vector-layer';

/** Moving units (drones, 单兵) with their short tracks. */
export const unitsLayer: MapLayerDefinition = {
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
