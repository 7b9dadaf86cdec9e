// Composable: indicators by id, with their latest value and how old it is.
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import type { Indicator } from '@shared/model/indicator';
import type { HistoryWanted } from '@shared/protocol/domains/feeds';
import { useWindowContext } from './context';
import { useTopics } from './use-topics';

/** `history: 'all'` for a widget that draws the indicators' past (a trend); latest values only by default. */
export function useIndicators(
  ids: MaybeRefOrGetter<readonly string[]>,
  options: { history?: HistoryWanted } = {},
) {
  const context = useWindowContext();
  const indicators = computed(() =>
    toValue(ids).flatMap((id) => {
      const indicator = context.indicators.get(id);
      return indicator ? [indicator] : [];
    }),
  );
  const topics = useTopics(() => indicators.value.map((indicator) => indicator.sourceKey), options);
  return {
    indicators,
    latest: (indicator: Indicator) => topics.latest(indicator.sourceKey),
    history: (indicator: Indicator) => topics.history(indicator.sourceKey),
  };
}
