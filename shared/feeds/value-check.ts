// Whether a feed value may enter the hub: a time not beyond our clock plus a stated skew, a finite value of a
// sane magnitude, within the indicator's plausible range. A refused value is counted, never shown.
import type { TopicValue } from '../model/feed';
import type { PlausibleRange } from '../model/indicator';

/**
 * How far a source time may run ahead of this clock. Backend clocks drift and field devices without NTP are
 * off by minutes, so a little is forgiven; beyond it a value would stay "newest" — fresh on screen and hiding
 * every real value after it — until its time came, so it is refused.
 */
export const maxClockSkewMs = 5 * 60_000;

/**
 * No city-operations reading comes near this magnitude (the largest, a district's daily passenger count or its
 * budget in yuan, stay below 1e12), and past 2^53 ≈ 9e15 doubles no longer hold whole numbers: ±1.7e308 is a
 * broken backend, not a reading.
 */
export const maxMagnitude = 1e15;

function formatNumber(value: number): string {
  return Math.abs(value) >= 1e6 ? value.toExponential(2) : String(value);
}

function formatRange(range: PlausibleRange): string {
  return `${range.min ?? '−∞'} … ${range.max ?? '∞'}`;
}

/** Why `value` must be refused, as one readable line naming its topic; undefined when it may enter the hub. */
export function valueRefusal(value: TopicValue, now: number, plausible?: PlausibleRange): string | undefined {
  const { topic, ts } = value;
  if (!Number.isFinite(ts)) return `${topic}: time ${ts} is not a time`;
  if (ts > now + maxClockSkewMs) {
    const minutes = Math.round((ts - now) / 60_000);
    return `${topic}: time ${formatNumber(ts)} is ${formatNumber(minutes)} min ahead of this clock (at most ${maxClockSkewMs / 60_000} allowed)`;
  }
  if (!Number.isFinite(value.value) || Math.abs(value.value) > maxMagnitude)
    return `${topic}: value ${formatNumber(value.value)} is not a plausible reading`;
  if (
    plausible &&
    ((plausible.min !== undefined && value.value < plausible.min) ||
      (plausible.max !== undefined && value.value > plausible.max))
  )
    return `${topic}: value ${formatNumber(value.value)} is outside the plausible range ${formatRange(plausible)}`;
  return undefined;
}
