// Distances on the earth between longitude/latitude points, for nearest-camera search and map tests.
import type { LonLat } from '../model/common';

/** Mean earth radius in metres (IUGG). */
export const earthRadiusMetres = 6_371_008.8;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine): exact enough for a district, stable at short range. */
export function distanceMetres(a: LonLat, b: LonLat): number {
  const deltaLatitude = radians(b[1] - a[1]);
  const deltaLongitude = radians(b[0] - a[0]);
  const h =
    Math.sin(deltaLatitude / 2) ** 2 +
    Math.cos(radians(a[1])) * Math.cos(radians(b[1])) * Math.sin(deltaLongitude / 2) ** 2;
  return 2 * earthRadiusMetres * Math.asin(Math.min(1, Math.sqrt(h)));
}
