// Converts positions between the coordinate systems of Chinese platforms and base maps, so a camera lands
// where it really is whatever base map the district uses. GCJ-02 ("Mars" coordinates: AMap, Tencent, and
// every map published in China) and BD-09 (Baidu) are offset by hundreds of metres from WGS-84; CGCS2000
// (Tianditu, national surveying) is within a metre of WGS-84 and is used as is.
import type { Crs, LonLat } from '../model/common';

const semiMajorAxis = 6378245.0;
const eccentricitySquared = 0.006693421622965943;
const baiduFactor = (Math.PI * 3000.0) / 180.0;

/** GCJ-02 applies only inside China's rough bounding box; outside it equals WGS-84. */
function isOutsideChina([longitude, latitude]: LonLat): boolean {
  return longitude < 72.004 || longitude > 137.8347 || latitude < 0.8293 || latitude > 55.8271;
}

function transformLatitude(x: number, y: number): number {
  let result = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  result += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  result += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  result += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return result;
}

function transformLongitude(x: number, y: number): number {
  let result = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  result += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  result += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  result += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return result;
}

/** WGS-84 → GCJ-02 (the published forward formula). */
export function wgs84ToGcj02(position: LonLat): LonLat {
  if (isOutsideChina(position)) return position;
  const [longitude, latitude] = position;
  const radians = (latitude / 180.0) * Math.PI;
  const sine = Math.sin(radians);
  const magic = 1 - eccentricitySquared * sine * sine;
  const sqrtMagic = Math.sqrt(magic);
  const deltaLatitude =
    (transformLatitude(longitude - 105.0, latitude - 35.0) * 180.0) /
    (((semiMajorAxis * (1 - eccentricitySquared)) / (magic * sqrtMagic)) * Math.PI);
  const deltaLongitude =
    (transformLongitude(longitude - 105.0, latitude - 35.0) * 180.0) /
    ((semiMajorAxis / sqrtMagic) * Math.cos(radians) * Math.PI);
  return [longitude + deltaLongitude, latitude + deltaLatitude];
}

/** GCJ-02 → WGS-84, by iterating the forward formula (converges to well under a centimetre). */
export function gcj02ToWgs84(position: LonLat): LonLat {
  if (isOutsideChina(position)) return position;
  let guess: LonLat = position;
  for (let iteration = 0; iteration < 10; iteration++) {
    const [forwardLongitude, forwardLatitude] = wgs84ToGcj02(guess);
    const errorLongitude = forwardLongitude - position[0];
    const errorLatitude = forwardLatitude - position[1];
    guess = [guess[0] - errorLongitude, guess[1] - errorLatitude];
    if (Math.abs(errorLongitude) < 1e-9 && Math.abs(errorLatitude) < 1e-9) break;
  }
  return guess;
}

/** BD-09 → GCJ-02 (Baidu's published inverse). */
export function bd09ToGcj02([longitude, latitude]: LonLat): LonLat {
  const x = longitude - 0.0065;
  const y = latitude - 0.006;
  const radius = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * baiduFactor);
  const angle = Math.atan2(y, x) - 0.000003 * Math.cos(x * baiduFactor);
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

/** GCJ-02 → BD-09 (Baidu's published forward transform). */
export function gcj02ToBd09([longitude, latitude]: LonLat): LonLat {
  const radius = Math.hypot(longitude, latitude) + 0.00002 * Math.sin(latitude * baiduFactor);
  const angle = Math.atan2(latitude, longitude) + 0.000003 * Math.cos(longitude * baiduFactor);
  return [radius * Math.cos(angle) + 0.0065, radius * Math.sin(angle) + 0.006];
}

/** A position in `crs` as WGS-84 longitude/latitude. */
export function toWgs84(position: LonLat, crs: Crs): LonLat {
  switch (crs) {
    case 'gcj02':
      return gcj02ToWgs84(position);
    case 'bd09':
      return gcj02ToWgs84(bd09ToGcj02(position));
    case 'wgs84':
    case 'cgcs2000':
      return position;
  }
}

/** A WGS-84 position expressed in `crs`. */
export function fromWgs84(position: LonLat, crs: Crs): LonLat {
  switch (crs) {
    case 'gcj02':
      return wgs84ToGcj02(position);
    case 'bd09':
      return gcj02ToBd09(wgs84ToGcj02(position));
    case 'wgs84':
    case 'cgcs2000':
      return position;
  }
}

/** True when two systems differ by more than a metre (CGCS2000 and WGS-84 do not). */
export function isSameDatum(from: Crs, to: Crs): boolean {
  const datum = (crs: Crs) => (crs === 'cgcs2000' ? 'wgs84' : crs);
  return datum(from) === datum(to);
}

/** A position in `from` expressed in `to` (identity when both are the same datum). */
export function convertPosition(position: LonLat, from: Crs, to: Crs): LonLat {
  if (isSameDatum(from, to)) return position;
  if (from === 'gcj02' && to === 'bd09') return gcj02ToBd09(position);
  if (from === 'bd09' && to === 'gcj02') return bd09ToGcj02(position);
  return fromWgs84(toWgs84(position, from), to);
}
