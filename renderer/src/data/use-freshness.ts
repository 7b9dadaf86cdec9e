// Composable: how old values are, and whether they are stale — with a wake-up at the exact moment the next
// value expires, so "数据过期" appears at the staleness limit, not up to a clock tick later.
import { onScopeDispose, type Ref } from 'vue';
import { useNow } from './use-now';

export interface Freshness {
  /** Ticks every second (for ages like "12 秒前"), and at each expiry. */
  readonly now: Ref<number>;
  /** True when a value with source time `ts` is older than `limitMs`. Call inside a computed/render. */
  isStale(ts: number, limitMs: number): boolean;
}

export function useFreshness(): Freshness {
  const now = useNow(1_000);
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  let wakeAt = Number.POSITIVE_INFINITY;

  const isStale = (ts: number, limitMs: number) => {
    const expiry = ts + limitMs;
    if (now.value > expiry) return true;
    if (expiry < wakeAt) {
      clearTimeout(wakeTimer);
      wakeAt = expiry;
      wakeTimer = setTimeout(
        () => {
          wakeAt = Number.POSITIVE_INFINITY;
          now.value = Date.now();
        },
        Math.max(0, expiry - Date.now()) + 5,
      );
    }
    return false;
  };
  onScopeDispose(() => clearTimeout(wakeTimer));
  return { now, isStale };
}
