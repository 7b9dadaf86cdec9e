import { describe, expect, it } from 'vitest';
import { evaluateLevel } from './warning-level';

const rain = { direction: 'above' as const, blue: 10, yellow: 20, orange: 30, red: 50, hysteresis: 2 };
const pressure = { direction: 'below' as const, yellow: 0.2, red: 0.14, hysteresis: 0.01 };

describe('evaluateLevel', () => {
  it('grades rising values into the four national colours', () => {
    expect(evaluateLevel(5, rain)).toBe('normal');
    expect(evaluateLevel(10, rain)).toBe('blue');
    expect(evaluateLevel(25, rain)).toBe('yellow');
    expect(evaluateLevel(31, rain)).toBe('orange');
    expect(evaluateLevel(80, rain)).toBe('red');
  });

  it('keeps a level while the value is inside the hysteresis band, and drops it past the band', () => {
    expect(evaluateLevel(49, rain, 'red')).toBe('red');
    expect(evaluateLevel(48.5, rain, 'red')).toBe('red');
    expect(evaluateLevel(47.9, rain, 'red')).toBe('orange');
    expect(evaluateLevel(49, rain, 'orange')).toBe('orange');
  });

  it('handles indicators where lower is worse, and missing levels', () => {
    expect(evaluateLevel(0.3, pressure)).toBe('normal');
    expect(evaluateLevel(0.19, pressure)).toBe('yellow');
    expect(evaluateLevel(0.13, pressure)).toBe('red');
    expect(evaluateLevel(0.145, pressure, 'red')).toBe('red');
    expect(evaluateLevel(0.16, pressure, 'red')).toBe('yellow');
  });
});
