// Camera positions from GCJ-02 / BD-09 platforms land where they are in WGS-84.
import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, gcj02ToWgs84, toWgs84, wgs84ToGcj02 } from './china-coordinates';

/** Metres between two nearby lon/lat points (equirectangular, fine at these distances). */
function metres(a: readonly number[], b: readonly number[]): number {
  const latitude = (((a[1]! + b[1]!) / 2) * Math.PI) / 180;
  const dx = ((a[0]! - b[0]!) * Math.PI * 6371000 * Math.cos(latitude)) / 180;
  const dy = ((a[1]! - b[1]!) * Math.PI * 6371000) / 180;
  return Math.hypot(dx, dy);
}

describe('china coordinates', () => {
  const bund: [number, number] = [121.4905, 31.2397];

  it('offsets GCJ-02 by a few hundred metres in Shanghai and inverts it to within a centimetre', () => {
    const gcj = wgs84ToGcj02(bund);
    expect(metres(gcj, bund)).toBeGreaterThan(300);
    expect(metres(gcj, bund)).toBeLessThan(800);
    expect(metres(gcj02ToWgs84(gcj), bund)).toBeLessThan(0.01);
  });

  it('converts BD-09 through GCJ-02', () => {
    // Baidu's forward transform, to build a BD-09 input for a known GCJ-02 point.
    const gcj = wgs84ToGcj02(bund);
    const factor = (Math.PI * 3000.0) / 180.0;
    const radius = Math.hypot(gcj[0], gcj[1]) + 0.00002 * Math.sin(gcj[1] * factor);
    const angle = Math.atan2(gcj[1], gcj[0]) + 0.000003 * Math.cos(gcj[0] * factor);
    const bd: [number, number] = [radius * Math.cos(angle) + 0.0065, radius * Math.sin(angle) + 0.006];
    expect(metres(bd09ToGcj02(bd), gcj)).toBeLessThan(1);
    expect(metres(toWgs84(bd, 'bd09'), bund)).toBeLessThan(1);
  });

  it('keeps WGS-84, CGCS2000 and positions outside China unchanged', () => {
    expect(toWgs84(bund, 'wgs84')).toEqual(bund);
    expect(toWgs84(bund, 'cgcs2000')).toEqual(bund);
    expect(toWgs84([2.35, 48.85], 'gcj02')).toEqual([2.35, 48.85]);
  });
});
