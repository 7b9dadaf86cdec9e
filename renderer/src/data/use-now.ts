// Composable: a clock that ticks, so ages ("12 秒前") and staleness update on screen.
import { onScopeDispose, ref } from 'vue';

export function useNow(intervalMs = 1_000) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
