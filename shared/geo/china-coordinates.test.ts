// Positions from GCJ-02 / BD-09 platforms land where they are in WGS-84, checked against gcoord as reference.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import gcoord, { type CRSTypes } from 'gcoord';
import type { Crs, LonLat } from '../model/common';
import {
  bd09ToGcj02,
  convertPosition,
  fromWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  toWgs84,
  wgs84ToGcj02,
} from './china-coordinates';
import { distanceMetres } from './distance';

const reference: Record<Crs, CRSTypes> = {
  wgs84: gcoord.WGS84,
  cgcs2000: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
};
const referenceTransform = (position: LonLat, from: Crs, to: Crs): LonLat =>
  gcoord.transform<[number, number]>([position[0], position[1]], reference[from], reference[to]);

/** Points over mainland China's populated east, where the offsets matter. */
const chinaPoint = fc
  .tuple(fc.double({ min: 100, max: 125, noNaN: true }), fc.double({ min: 20, max: 45, noNaN: true }))
  .map(([longitude, latitude]): LonLat => [longitude, latitude]);

describe('china coordinates', () => {
  const bund: LonLat = [121.4905, 31.2397];

  it('offsets GCJ-02 by a few hundred metres in Shanghai and inverts it to within a centimetre', () => {
    const gcj = wgs84ToGcj02(bund);
    expect(distanceMetres(gcj, bund)).toBeGreaterThan(300);
    expect(distanceMetres(gcj, bund)).toBeLessThan(800);
    expect(distanceMetres(gcj02ToWgs84(gcj), bund)).toBeLessThan(0.01);
  });

  it('agrees with gcoord within 1 m for every conversion between WGS-84, GCJ-02 and BD-09', () => {
    const systems: Crs[] = ['wgs84', 'gcj02', 'bd09', 'cgcs2000'];
    fc.assert(
      fc.property(chinaPoint, fc.constantFrom(...systems), fc.constantFrom(...systems), (point, from, to) => {
        const ours = convertPosition(point, from, to);
        expect(distanceMetres(ours, referenceTransform(point, from, to))).toBeLessThan(1);
      }),
      { numRuns: 400 },
    );
  });

  it('round-trips WGS-84 → GCJ-02 → WGS-84 and GCJ-02 → BD-09 → GCJ-02 within a few decimetres', () => {
    fc.assert(
      fc.property(chinaPoint, (point) => {
        expect(distanceMetres(gcj02ToWgs84(wgs84ToGcj02(point)), point)).toBeLessThan(0.01);
        // Baidu's published inverse is itself an approximation of its forward transform (~10 cm).
        expect(distanceMetres(bd09ToGcj02(gcj02ToBd09(point)), point)).toBeLessThan(0.3);
        expect(distanceMetres(toWgs84(fromWgs84(point, 'bd09'), 'bd09'), point)).toBeLessThan(0.3);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps WGS-84, CGCS2000 and positions outside China unchanged', () => {
    expect(toWgs84(bund, 'wgs84')).toEqual(bund);
    expect(toWgs84(bund, 'cgcs2000')).toEqual(bund);
    expect(convertPosition(bund, 'cgcs2000', 'wgs84')).toBe(bund);
    expect(toWgs84([2.35, 48.85], 'gcj02')).toEqual([2.35, 48.85]);
    expect(fromWgs84([2.35, 48.85], 'gcj02')).toEqual([2.35, 48.85]);
  });
});
