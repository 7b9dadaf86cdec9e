// Plane geometry in kilometres on a local east/north frame, and the conversion to WGS-84 longitude/latitude.

/** A point in kilometres east (x) and north (y) of the district's south-west corner. */
export type Point = { x: number; y: number };

/** Centre of the district and its nominal size; the local frame's (4, 3) km is this centre. */
export const districtCentre = { longitude: 121.5, latitude: 31.23 } as const;
export const districtWidth = 8;
export const districtHeight = 6;

// An equirectangular projection is within centimetres over 8 km, far below what a demo map can show.
const kilometresPerDegreeLatitude = 110.85;
const kilometresPerDegreeLongitude = 111.32 * Math.cos((districtCentre.latitude * Math.PI) / 180);
const originLongitude = districtCentre.longitude - districtWidth / 2 / kilometresPerDegreeLongitude;
const originLatitude = districtCentre.latitude - districtHeight / 2 / kilometresPerDegreeLatitude;

/** Rounds to `decimals` places; 6 places of a degree is about 0.1 m. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** WGS-84 [longitude, latitude], rounded to 6 decimals so files stay small and stable. */
export function toLonLat(point: Point, decimals = 6): [number, number] {
  return [
    round(originLongitude + point.x / kilometresPerDegreeLongitude, decimals),
    round(originLatitude + point.y / kilometresPerDegreeLatitude, decimals),
  ];
}

export function distance(first: Point, second: Point): number {
  return Math.hypot(first.x - second.x, first.y - second.y);
}

/** Even-odd ray casting; `ring` is open (the first point is not repeated at the end). */
export function isInsideRing(point: Point, ring: readonly Point[]): boolean {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index, index += 1) {
    const current = ring[index] as Point;
    const before = ring[previous] as Point;
    const crosses =
      current.y > point.y !== before.y > point.y &&
      point.x < ((before.x - current.x) * (point.y - current.y)) / (before.y - current.y) + current.x;
    if (crosses) inside = !inside;
  }
  return inside;
}

function distanceToSegment(point: Point, start: Point, end: Point): number {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((point.x - start.x) * dx + (point.y - start.y) * dy) / lengthSquared));
  return Math.hypot(point.x - (start.x + t * dx), point.y - (start.y + t * dy));
}

/** Shortest distance from a point to a polyline (or to an open ring when `closed`). */
export function distanceToLine(point: Point, line: readonly Point[], closed = false): number {
  let shortest = Infinity;
  const segmentCount = closed ? line.length : line.length - 1;
  for (let index = 0; index < segmentCount; index += 1) {
    const start = line[index] as Point;
    const end = line[(index + 1) % line.length] as Point;
    shortest = Math.min(shortest, distanceToSegment(point, start, end));
  }
  return shortest;
}

/** Signed area of an open ring: positive when counter-clockwise (what GeoJSON wants for outer rings). */
export function signedArea(ring: readonly Point[]): number {
  let twiceArea = 0;
  for (let index = 0; index < ring.length; index += 1) {
    const current = ring[index] as Point;
    const next = ring[(index + 1) % ring.length] as Point;
    twiceArea += current.x * next.y - next.x * current.y;
  }
  return twiceArea / 2;
}

/** Area-weighted centroid of an open ring. */
export function centroid(ring: readonly Point[]): Point {
  let twiceArea = 0;
  let x = 0;
  let y = 0;
  for (let index = 0; index < ring.length; index += 1) {
    const current = ring[index] as Point;
    const next = ring[(index + 1) % ring.length] as Point;
    const cross = current.x * next.y - next.x * current.y;
    twiceArea += cross;
    x += (current.x + next.x) * cross;
    y += (current.y + next.y) * cross;
  }
  return { x: x / (3 * twiceArea), y: y / (3 * twiceArea) };
}

/** True when two segments cross properly (touching at shared end points does not count). */
function segmentsCross(first: Point, second: Point, third: Point, fourth: Point): boolean {
  const orientation = (a: Point, b: Point, c: Point) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  const d1 = orientation(third, fourth, first);
  const d2 = orientation(third, fourth, second);
  const d3 = orientation(first, second, third);
  const d4 = orientation(first, second, fourth);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** True when no two non-adjacent edges of an open ring cross (a simple polygon). */
export function isSimpleRing(ring: readonly Point[]): boolean {
  const count = ring.length;
  for (let first = 0; first < count; first += 1) {
    for (let second = first + 2; second < count; second += 1) {
      if (first === 0 && second === count - 1) continue;
      const crossing = segmentsCross(
        ring[first] as Point,
        ring[(first + 1) % count] as Point,
        ring[second] as Point,
        ring[(second + 1) % count] as Point,
      );
      if (crossing) return false;
    }
  }
  return true;
}
