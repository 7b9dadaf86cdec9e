// PMTiles tile ids: one number per tile, counting every tile of the zoom levels above, then the tile's position on
// the Hilbert curve that fills its own level (PMTiles v3 spec §4.1). Written from the spec; plain numbers are exact
// up to zoom 26 (the largest id there is below 2^53).

/** The deepest zoom level whose tile ids stay exact as JavaScript numbers. */
export const maxTileZoom = 26;

/** Tiles on the levels above `zoom`: (4^zoom - 1) / 3, the id of the level's first tile. */
function firstTileIdOf(zoom: number): number {
  return (4 ** zoom - 1) / 3;
}

function checkZoom(zoom: number): void {
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > maxTileZoom)
    throw new RangeError(`zoom ${zoom} is not an integer from 0 to ${maxTileZoom}`);
}

/** The tile id of column `x`, row `y` (XYZ: row 0 at the top) of level `z`. */
export function zxyToTileId(z: number, x: number, y: number): number {
  checkZoom(z);
  const size = 2 ** z;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= size || y >= size)
    throw new RangeError(`tile ${z}/${x}/${y} is outside level ${z} (0 to ${size - 1})`);
  // The Hilbert distance, quadrant by quadrant from the largest: each quadrant is a sub-curve of `half²`
  // tiles, visited in the order (0,0) (0,1) (1,1) (1,0); coordinates are turned into the sub-curve's frame.
  let distance = 0;
  for (let half = size / 2; half >= 1; half /= 2) {
    const isRight = x >= half ? 1 : 0;
    const isLower = y >= half ? 1 : 0;
    distance += half * half * ((3 * isRight) ^ isLower);
    if (isRight) x -= half;
    if (isLower) y -= half;
    if (!isLower) {
      if (isRight) {
        x = half - 1 - x;
        y = half - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return firstTileIdOf(z) + distance;
}

/** The level, column and row of a tile id (the inverse of zxyToTileId). */
export function tileIdToZxy(tileId: number): { z: number; x: number; y: number } {
  if (!Number.isSafeInteger(tileId) || tileId < 0) throw new RangeError(`tile id ${tileId} is not valid`);
  let z = 0;
  while (z <= maxTileZoom && firstTileIdOf(z + 1) <= tileId) z++;
  if (z > maxTileZoom) throw new RangeError(`tile id ${tileId} is beyond zoom ${maxTileZoom}`);
  // Walk the curve from the smallest quadrant up, undoing the turns zxyToTileId made.
  let remaining = tileId - firstTileIdOf(z);
  let x = 0;
  let y = 0;
  for (let half = 1; half < 2 ** z; half *= 2) {
    const quadrant = remaining % 4;
    const isRight = quadrant === 2 || quadrant === 3 ? 1 : 0;
    const isLower = quadrant === 1 || quadrant === 2 ? 1 : 0;
    if (!isLower) {
      if (isRight) {
        x = half - 1 - x;
        y = half - 1 - y;
      }
      [x, y] = [y, x];
    }
    x += half * isRight;
    y += half * isLower;
    remaining = Math.floor(remaining / 4);
  }
  return { z, x, y };
}
