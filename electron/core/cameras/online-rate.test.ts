import { describe, expect, it } from 'vitest';
import { OnlineRate, countByArea } from './online-rate';

const hour = 3_600_000;
// Beijing time, whatever the test machine's zone: midnight is 16:00 UTC.
const beijingMidnight = (time: number) => Math.floor((time + 8 * hour) / (24 * hour)) * 24 * hour - 8 * hour;
const day = Date.UTC(2026, 11, 7, 16); // 2026-12-08 00:00 in Beijing

function camerasOf(statuses: Record<string, number>, street = 'xihu', grid = 'g1') {
  return Object.entries(statuses).flatMap(([status, count]) =>
    Array.from({ length: count }, () => ({
      street,
      grid,
      status: status as 'online' | 'offline' | 'unknown',
    })),
  );
}

describe('OnlineRate', () => {
  it('answers the rate now and the time-weighted average of the day, unknown apart', () => {
    let now = day + 8 * hour;
    const rate = new OnlineRate(() => now, beijingMidnight);
    rate.record(countByArea(camerasOf({ online: 10 })));
    now += 3 * hour; // 3 h all online
    rate.record(countByArea(camerasOf({ online: 5, offline: 3, unknown: 2 })));
    now += 1 * hour; // 1 h half online, a fifth unknown
    const street = rate.rates().find((area) => area.kind === 'street')!;
    expect(street).toMatchObject({ id: 'xihu', cameras: 10, online: 5, offline: 3, unknown: 2, rate: 0.5 });
    expect(street.averageRate).toBeCloseTo((3 * 10 + 1 * 5) / (4 * 10));
    expect(street.averageUnknown).toBeCloseTo((1 * 2) / (4 * 10));
    expect(rate.since).toBe(day + 8 * hour);
  });

  it('weights a camera added during the day by the time it was counted', () => {
    let now = day;
    const rate = new OnlineRate(() => now, beijingMidnight);
    rate.record(countByArea(camerasOf({ online: 1 })));
    now += 2 * hour;
    rate.record(countByArea(camerasOf({ online: 1, offline: 1 })));
    now += 2 * hour;
    expect(rate.rates()[0]!.averageRate).toBeCloseTo((2 * 1 + 2 * 1) / (2 * 1 + 2 * 2));
  });

  it('starts the average again at local midnight, keeping the counts of the moment', () => {
    let now = day + 23 * hour;
    const rate = new OnlineRate(() => now, beijingMidnight);
    rate.record(countByArea(camerasOf({ offline: 4 })));
    now += 1 * hour + 0.5 * hour; // 1 h offline before midnight, then 30 min after it
    rate.record(countByArea(camerasOf({ online: 4 })));
    now += 0.5 * hour;
    const [street] = rate.rates();
    expect(rate.since).toBe(day + 24 * hour);
    // Only the new day: 30 min offline, 30 min online.
    expect(street!.averageRate).toBeCloseTo(0.5);
  });

  it('answers the rate now as the average before any time has passed, and 0 for an area without cameras', () => {
    let now = day;
    const rate = new OnlineRate(() => now, beijingMidnight);
    rate.record(countByArea(camerasOf({ online: 3, unknown: 1 })));
    expect(rate.rates()[1]).toMatchObject({
      kind: 'grid',
      id: 'g1',
      rate: 0.75,
      averageRate: 0.75,
      averageUnknown: 0.25,
    });
    now += hour;
    rate.record(new Map()); // the street's cameras removed: it stays listed with its average of the day
    expect(rate.rates()[0]).toMatchObject({ cameras: 0, rate: 0, averageRate: 0.75 });
  });
});
