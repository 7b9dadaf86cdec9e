// The soak bench's arithmetic: a least-squares growth rate, and bytes kept per switch net of idle growth.
import { describe, expect, it } from 'vitest';
import { bytesKeptPerSwitch, perHour, slopePerMinute } from './soak-figures';

describe('soak figures', () => {
  it('fits the growth per minute through noisy samples', () => {
    const points = [0, 1, 2, 3, 4].map((minute) => ({
      minute,
      value: 80 + 0.5 * minute + (minute % 2) * 0.1,
    }));
    expect(slopePerMinute(points)).toBeCloseTo(0.5, 1);
    expect(perHour(points)).toBeCloseTo(30, 0);
  });

  it('counts a flat series, a single sample and no samples as no growth', () => {
    expect(slopePerMinute([0, 1, 2].map((minute) => ({ minute, value: 7 })))).toBe(0);
    expect(slopePerMinute([{ minute: 3, value: 7 }])).toBe(0);
    expect(slopePerMinute([])).toBe(0);
  });

  it('charges a switch only with the growth beyond what the same window grows idle', () => {
    const idle = [0, 1, 2].map((minute) => ({ minute, value: 1_000 * minute }));
    const switching = [0, 1, 2].map((minute) => ({ minute, value: 67_000 * minute }));
    expect(bytesKeptPerSwitch(switching, idle, 2)).toBe(33_000);
  });
});
