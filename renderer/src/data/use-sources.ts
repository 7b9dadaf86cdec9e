// Composable: the health of every data source (the console strip, the wall indicator), loaded once per
// window and replaced by each `sources.changed` broadcast.
import { shallowRef, type ShallowRef } from 'vue';
import type { SourceHealth } from '@shared/model/source';
import { useWindowContext, type WindowContext } from './context';

export type { SourceHealth };

const caches = new WeakMap<WindowContext, ShallowRef<readonly SourceHealth[]>>();

function createSources(context: WindowContext): ShallowRef<readonly SourceHealth[]> {
  const sources = shallowRef<readonly SourceHealth[]>([]);
  const load = async () => {
    try {
      sources.value = (await context.client.request('sources.list', {})).sources;
    } catch (error) {
      console.warn('[sources] load failed', error);
    }
  };
  context.client.on('sources.changed', (change) => (sources.value = change.sources));
  context.client.onStatusChanged((status) => {
    if (status === 'open') void load();
  });
  void load();
  return sources;
}

export function useSourceHealth(): ShallowRef<readonly SourceHealth[]> {
  const context = useWindowContext();
  let sources = caches.get(context);
  if (!sources) caches.set(context, (sources = createSources(context)));
  return sources;
}
