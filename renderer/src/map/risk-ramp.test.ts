// The risk ramp sorts indices into five ascending classes and never borrows a warning colour.
import { describe, expect, it } from 'vitest';
import { riskClassIndex, riskClasses } from './risk-ramp';
import { severityColours } from './map-styles';

describe('risk ramp', () => {
  it('maps a risk index to its class, boundaries going up, out-of-range values clamped', () => {
    expect([0, 19.9, 20, 39, 40, 59, 60, 79.5, 80, 100].map(riskClassIndex)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]);
    expect(riskClassIndex(-5)).toBe(0);
    expect(riskClassIndex(250)).toBe(4);
    expect(riskClassIndex(Number.NaN)).toBeUndefined();
  });

  it('is sequential: each class brighter and denser than the one below', () => {
    const luminance = (hex: string) => {
      const [red, green, blue] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
      return 0.2126 * red! + 0.7152 * green! + 0.0722 * blue!;
    };
    const alpha = (fill: string) => Number(/([\d.]+)\)$/.exec(fill)![1]);
    for (let index = 1; index < riskClasses.length; index++) {
      expect(luminance(riskClasses[index]!.colour)).toBeGreaterThan(
        luminance(riskClasses[index - 1]!.colour),
      );
      expect(alpha(riskClasses[index]!.fill)).toBeGreaterThan(alpha(riskClasses[index - 1]!.fill));
    }
  });

  it('uses none of the national warning colours', () => {
    const warnings = new Set(Object.values(severityColours).map((colour) => colour.toLowerCase()));
    expect(riskClasses.some((entry) => warnings.has(entry.colour.toLowerCase()))).toBe(false);
  });
});
