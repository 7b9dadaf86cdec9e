import { describe, expect, it } from 'vitest';
import type { Incident } from '@shared/model/incident';
import { soundingSeverity } from './alarm-sound';

const incident = (
  id: string,
  severity: Incident['severity'],
  status: Incident['status'] = 'new',
): Incident => ({
  id,
  title: id,
  category: 'fire',
  severity,
  position: [121.5, 31.23],
  source: 'demo',
  status,
  raisedAt: 1,
  updatedAt: 1,
  isDrill: false,
});
const byDefault = { blue: false, yellow: false, orange: true, red: true };

describe('soundingSeverity', () => {
  it('sounds the most severe unacknowledged alarm that arrived, red over orange', () => {
    const incidents = [incident('o', 'orange'), incident('r', 'red')];
    expect(soundingSeverity(incidents, new Set(['o', 'r']), byDefault)).toBe('red');
    expect(soundingSeverity(incidents, new Set(['o']), byDefault)).toBe('orange');
  });

  it('is silent for alarms already there when the console opened, acknowledged ones, and yellow by default', () => {
    expect(soundingSeverity([incident('r', 'red')], new Set(), byDefault)).toBeNull();
    expect(soundingSeverity([incident('r', 'red', 'acknowledged')], new Set(['r']), byDefault)).toBeNull();
    expect(soundingSeverity([incident('y', 'yellow')], new Set(['y']), byDefault)).toBeNull();
  });

  it('follows the workspace: yellow sounds when switched on, red is silent when switched off', () => {
    const settings = { ...byDefault, yellow: true, red: false };
    expect(
      soundingSeverity([incident('y', 'yellow'), incident('r', 'red')], new Set(['y', 'r']), settings),
    ).toBe('yellow');
  });
});
