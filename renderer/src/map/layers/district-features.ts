// District GeoJSON features as OpenLayers features in the base map's coordinate system.
import type Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import type { Geometry } from 'ol/geom';
import { fromLonLat, toLonLat } from 'ol/proj';
import type { Crs } from '@shared/model/common';
import type { DistrictFeatureKind, DistrictMap } from '@shared/model/workspace';
import { convertPosition } from '@shared/geo/china-coordinates';

/** Reads district features, converting WGS-84 coordinates to the base map's system first. */
export function districtFeatures(
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
