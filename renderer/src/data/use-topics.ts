// Composable: subscribe to feed topics for as long as the calling component lives.
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { HistoryWanted } from '@shared/protocol/domains/feeds';
import { useWindowContext } from './context';

/**
 * Holds the topics while the caller lives. `history: 'all'` for a widget that draws the topics' past (a trend);
 * the default `none` asks the core for the latest values only, so a KPI or a map layer costs no history.
 */
export function useTopics(
  topics: MaybeRefOrGetter<readonly string[]>,
  options: { history?: HistoryWanted } = {},
) {
  const { liveData } = useWindowContext();
  let release: (() => void) | undefined;
  watch(
    () => [...toValue(topics)],
    (current) => {
      // The new set first: a topic in both stays held (no unsubscribe, its history kept for the widget).
      const previous = release;
      release = liveData.acquire(current, options.history);
      previous?.();
    },
    { immediate: true },
  );
  onScopeDispose(() => release?.());
  return {
    latest: (topic: string) => liveData.latest.get(topic),
    history: (topic: string) => liveData.history(topic),
  };
}
