// The IoT sensor layer (`sensors`).
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import { sensorStyle } from '../map-styles';
import { projectPosition, type MapLayerDefinition } from './map-layer';
import { vectorLayer } from './vector-layer';

/** IoT sensors (物联感知): a glyph per kind, alarmed ones white, larger and on top. */
export const sensorsLayer: MapLayerDefinition = {
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
