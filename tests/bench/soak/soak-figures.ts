// The soak bench's arithmetic: growth rates by least squares over the samples after warm-up, and the bytes a
// window keeps per switch (its heap growth while switching beyond the same window's growth while idle).

/** One point of a series: minutes since the phase began, and the measured value. */
export interface SeriesPoint {
  readonly minute: number;
  readonly value: number;
}

/** Least-squares slope of `value` per minute; 0 for fewer than two points or a single instant. */
export function slopePerMinute(points: readonly SeriesPoint[]): number {
  if (points.length < 2) return 0;
  const meanMinute = points.reduce((sum, point) => sum + point.minute, 0) / points.length;
  const meanValue = points.reduce((sum, point) => sum + point.value, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.minute - meanMinute) * (point.value - meanValue);
    variance += (point.minute - meanMinute) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

/** Growth of a series in units per hour, rounded to two decimals. */
export function perHour(points: readonly SeriesPoint[]): number {
  return round(slopePerMinute(points) * 60, 2);
}

/**
 * Bytes kept per switch: the heap's growth per minute while switching minus its growth per minute while idle
 * (the same window, the same run), divided by the switches per minute. Heaps are in bytes.
 */
export function bytesKeptPerSwitch(
  switching: readonly SeriesPoint[],
  idle: readonly SeriesPoint[],
  switchesPerMinute: number,
): number {
  if (switchesPerMinute <= 0) return 0;
  return Math.round((slopePerMinute(switching) - slopePerMinute(idle)) / switchesPerMinute);
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
