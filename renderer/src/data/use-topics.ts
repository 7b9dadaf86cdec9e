// Composable: subscribe to feed topics for as long as the calling component lives.
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useWindowContext } from './context';

export function useTopics(topics: MaybeRefOrGetter<readonly string[]>) {
  const { liveData } = useWindowContext();
  let release: (() => void) | undefined;
  watch(
    () => [...toValue(topics)],
    (current) => {
      // The new set first: a topic in both stays held (no unsubscribe, its history kept for the widget).
      const previous = release;
      release = liveData.acquire(current);
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
