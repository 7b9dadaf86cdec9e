// The demo catalogue's plausible ranges: what a real reading of each indicator can be, so the hub refuses a
// broken backend's negative rainfall or 150 % parking occupancy instead of showing it with a red level.
import type { z } from 'zod';
import type { plausibleRangeSchema } from '../../../shared/model/indicator';

type PlausibleRange = z.input<typeof plausibleRangeSchema>;

/** Counts, rates, concentrations, speeds and pressures: never negative, with no natural upper bound. */
const nonNegative: PlausibleRange = { min: 0 };

/**
 * Only where the bound is physical or definitional. Water levels (tide, creek, forebay) are read against a
 * datum and a building may tilt either way, so those have none; power load may pass 100 % (an overload).
 */
const ranges: Record<string, PlausibleRange> = {
  'rain-1h': nonNegative,
  'wind-speed': nonNegative,
  temperature: { min: -50, max: 60 },
  aqi: { min: 0, max: 500 },
  pm25: nonNegative,
  'water-ph': { min: 0, max: 14 },
  'dissolved-oxygen': nonNegative,
  'noise-level': nonNegative,
  'crowd-bund': nonNegative,
  'flow-nanjing-road': nonNegative,
  'metro-flow': nonNegative,
  'visitors-yuyuan': nonNegative,
  'water-pressure': nonNegative,
  'power-load': nonNegative,
  'gas-pressure': nonNegative,
  'congestion-index': { min: 0, max: 10 },
  'average-speed': nonNegative,
  'parking-occupancy': { min: 0, max: 100 },
  'fire-alarms-today': nonNegative,
  'underpass-water': nonNegative,
  'hotline-12345': nonNegative,
  'elevator-entrapments': nonNegative,
  'elderly-water-alerts': nonNegative,
  'grid-work-orders': nonNegative,
  'opinion-mentions': nonNegative,
  'negative-sentiment': { min: 0, max: 100 },
};

/** The plausible range of a demo indicator, if it has an obvious one (every street hotline count is ≥ 0). */
export function plausibleRangeOf(indicatorId: string): PlausibleRange | undefined {
  return ranges[indicatorId] ?? (indicatorId.startsWith('hotline-street-') ? nonNegative : undefined);
}
