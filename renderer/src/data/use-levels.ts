// Composable: every indicator's warning level as the core evaluates it (one truth for KPI colours and the
// warnings board), loaded once per window and kept current from the uncoalesced level-change events.
import { shallowReactive } from 'vue';
import type { IndicatorLevel } from '@shared/protocol/domains/vitals';
import { useWindowContext, type WindowContext } from './context';

export type { IndicatorLevel };

const caches = new WeakMap<WindowContext, Map<string, IndicatorLevel>>();

function createLevels(context: WindowContext): Map<string, IndicatorLevel> {
  const levels = shallowReactive(new Map<string, IndicatorLevel>());
  const accept = (level: IndicatorLevel) => {
    const current = levels.get(level.indicatorId);
    if (!current || current.ts <= level.ts) levels.set(level.indicatorId, level);
  };
  const load = async () => {
    try {
      const result = await context.client.request('vitals.levels', {});
      for (const level of result.levels) accept(level);
    } catch (error) {
      console.warn('[levels] load failed', error);
    }
  };
  context.client.on('vitals.levelChanged', ({ previous: _previous, ...level }) => accept(level));
  context.client.onStatusChanged((status) => {
    if (status === 'open') void load();
  });
  void load();
  return levels;
}

/** Levels by indicator id (reactive). */
export function useLevels(): ReadonlyMap<string, IndicatorLevel> {
  const context = useWindowContext();
  let levels = caches.get(context);
  if (!levels) caches.set(context, (levels = createLevels(context)));
  return levels;
}
