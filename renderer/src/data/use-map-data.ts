// Composables for the map: the base-map catalogue, the moving units and IoT sensors (kept live from their events),
// the risk index per grid from per-grid topics. Map clicks send wall commands through use-wall-commands.ts.
import { computed, shallowRef, toValue, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import type { BaseMapCatalogue } from '@shared/model/base-map';
import type { MovingUnit } from '@shared/model/moving-unit';
import type { Sensor } from '@shared/model/sensor';
import { useWindowContext, type WindowContext } from './context';
import { useTopics } from './use-topics';

const baseMapCache = new WeakMap<WindowContext, ShallowRef<BaseMapCatalogue | null>>();
const unitCache = new WeakMap<WindowContext, ShallowRef<readonly MovingUnit[] | null>>();
const sensorCache = new WeakMap<WindowContext, ShallowRef<readonly Sensor[] | null>>();

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

/** IoT sensors with their state, kept live from `sensors.changed`; reloaded after a reconnect. */
export function useSensors(): ShallowRef<readonly Sensor[] | null> {
  const context = useWindowContext();
  let entry = sensorCache.get(context);
  if (!entry) {
    const sensors = shallowRef<readonly Sensor[] | null>(null);
    sensorCache.set(context, (entry = sensors));
    const byId = new Map<string, Sensor>();
    const publish = () => (sensors.value = [...byId.values()]);
    const load = () =>
      context.client.request('sensors.list', {}).then(
        (result) => {
          byId.clear();
          for (const sensor of result.sensors) byId.set(sensor.id, sensor);
          publish();
        },
        (error) => console.warn('[map] sensors failed', error),
      );
    context.client.on('sensors.changed', (payload) => {
      for (const sensor of payload.sensors) byId.set(sensor.id, sensor);
      publish();
    });
    context.client.onStatusChanged((status) => {
      if (status === 'open') void load();
    });
    void load();
  }
  return entry;
}

/** Where per-grid risk indices are published when no risk indicator is named (the demo's risk map). */
export const defaultRiskTopicPrefix = 'risk/grid';

/**
 * Risk index (0–100) per grid from the topics `<prefix>/<gridId>`: the named indicator's source key as prefix,
 * else `risk/grid`. Null until the first value arrives.
 */
export function useRiskScores(
  indicatorId: MaybeRefOrGetter<string | undefined>,
  gridIds: MaybeRefOrGetter<readonly string[]>,
) {
  const context = useWindowContext();
  const prefix = computed(() => {
    const id = toValue(indicatorId);
    return (id ? context.indicators.get(id)?.sourceKey : undefined) ?? defaultRiskTopicPrefix;
  });
  const topics = computed(() => toValue(gridIds).map((grid) => `${prefix.value}/${grid}`));
  const live = useTopics(topics);
  return computed<ReadonlyMap<string, number> | null>(() => {
    const scores = new Map<string, number>();
    for (const grid of toValue(gridIds)) {
      const value = live.latest(`${prefix.value}/${grid}`);
      if (value) scores.set(grid, value.value);
    }
    return scores.size > 0 ? scores : null;
  });
}
