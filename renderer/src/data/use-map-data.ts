// Composables for the map: the base-map catalogue, the moving units (kept live from `units.moved`), the risk
// level per grid from an indicator's per-grid topics, and sending wall commands (map clicks → tiles).
import { computed, shallowRef, toValue, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import type { BaseMapCatalogue } from '@shared/model/base-map';
import type { MovingUnit } from '@shared/model/moving-unit';
import type { WallCommand } from '@shared/model/wall';
import type { RequestParams } from '@shared/protocol';
import { evaluateLevel, type WarningLevel } from '@shared/vitals/warning-level';
import { useWindowContext, type WindowContext } from './context';
import { useTopics } from './use-topics';

const baseMapCache = new WeakMap<WindowContext, ShallowRef<BaseMapCatalogue | null>>();
const unitCache = new WeakMap<WindowContext, ShallowRef<readonly MovingUnit[] | null>>();

/** The workspace's base maps, fetched once per window. */
export function useBaseMaps(): ShallowRef<BaseMapCatalogue | null> {
  const context = useWindowContext();
  let entry = baseMapCache.get(context);
  if (!entry) {
    const catalogue = shallowRef<BaseMapCatalogue | null>(null);
    baseMapCache.set(context, (entry = catalogue));
    context.client.request('map.baseMaps', {}).then(
      (result) => (catalogue.value = result),
      (error) => {
        baseMapCache.delete(context);
        console.warn('[map] base maps failed', error);
      },
    );
  }
  return entry;
}

/** Drones and body cameras as they move; reloaded after a reconnect. */
export function useMovingUnits(): ShallowRef<readonly MovingUnit[] | null> {
  const context = useWindowContext();
  let entry = unitCache.get(context);
  if (!entry) {
    const units = shallowRef<readonly MovingUnit[] | null>(null);
    unitCache.set(context, (entry = units));
    const byId = new Map<string, MovingUnit>();
    const publish = () => (units.value = [...byId.values()]);
    const load = () =>
      context.client.request('units.list', {}).then(
        (result) => {
          byId.clear();
          for (const unit of result.units) byId.set(unit.id, unit);
          publish();
        },
        (error) => console.warn('[map] units failed', error),
      );
    context.client.on('units.moved', (payload) => {
      for (const unit of payload.units) byId.set(unit.id, unit);
      publish();
    });
    context.client.onStatusChanged((status) => {
      if (status === 'open') void load();
    });
    void load();
  }
  return entry;
}

/** Risk level per grid from an indicator's per-grid topics `<sourceKey>/<gridId>` and its thresholds. */
export function useRiskLevels(
  indicatorId: MaybeRefOrGetter<string | undefined>,
  gridIds: MaybeRefOrGetter<readonly string[]>,
) {
  const context = useWindowContext();
  const indicator = computed(() => {
    const id = toValue(indicatorId);
    return id ? context.indicators.get(id) : undefined;
  });
  const topics = computed(() =>
    indicator.value ? toValue(gridIds).map((grid) => `${indicator.value!.sourceKey}/${grid}`) : [],
  );
  const live = useTopics(topics);
  return computed<ReadonlyMap<string, WarningLevel> | null>(() => {
    const thresholds = indicator.value?.thresholds;
    if (!indicator.value || !thresholds) return null;
    const levels = new Map<string, WarningLevel>();
    for (const grid of toValue(gridIds)) {
      const value = live.latest(`${indicator.value.sourceKey}/${grid}`);
      if (value) levels.set(grid, evaluateLevel(value.value, thresholds));
    }
    return levels;
  });
}

/** Sends a wall command through the core (validated, applied by the wall reducer, broadcast to every window). */
export function useWallCommand() {
  const { client } = useWindowContext();
  return async (command: WallCommand | RequestParams<'wall.command'>['command']): Promise<number> => {
    const { version } = await client.request('wall.command', { command });
    return version;
  };
}
