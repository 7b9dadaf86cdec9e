// Composables for workspace data that rarely changes: cameras, the district map, stream URLs.
// Each is fetched once per window and shared by every widget that asks.
import { onMounted, onUnmounted, shallowRef, type ShallowRef } from 'vue';
import type { DistrictMap } from '@shared/model/workspace';
import { useWindowContext, type WindowContext } from './context';
import { startStreamPrefetch } from './stream-prefetch';
import { createStreamResolver, type StreamResolver } from './stream-resolver';
import { followCameraEvents, type CameraList } from './use-camera-platforms';

const cameraCache = new WeakMap<WindowContext, ShallowRef<CameraList | null>>();
const districtCache = new WeakMap<WindowContext, ShallowRef<DistrictMap | null>>();

function cached<T>(
  cache: WeakMap<WindowContext, ShallowRef<T | null>>,
  context: WindowContext,
  load: () => Promise<T>,
) {
  let entry = cache.get(context);
  if (!entry) {
    const ref = shallowRef<T | null>(null);
    cache.set(context, ref);
    entry = ref;
    load().then(
      (value) => (ref.value = value),
      (error) => {
        // Allow a later call to try again (e.g. after a reconnect).
        cache.delete(context);
        console.warn('[data] load failed', error);
      },
    );
  }
  return entry;
}

/** Every camera the window may see, with its live status (kept current by the catalogue's events). */
export function useCameras() {
  const context = useWindowContext();
  const isNew = !cameraCache.has(context);
  const list = cached(cameraCache, context, () => context.client.request('cameras.get', {}));
  if (isNew) followCameraEvents(context, list);
  return list;
}

export function useDistrict() {
  const context = useWindowContext();
  return cached(districtCache, context, () => context.client.request('map.district', {}));
}

export type { StreamSource } from './stream-resolver';

const resolvers = new WeakMap<WindowContext, StreamResolver>();

/** Resolves where a camera's stream is (a URL on the camera's media platform); answers kept a minute. */
export function useStreamResolver(): StreamResolver {
  const context = useWindowContext();
  let resolve = resolvers.get(context);
  if (!resolve) {
    resolve = createStreamResolver(
      (cameraId, profile) => context.client.request('media.resolve', { cameraId, profile }),
      {
        // An on-demand platform's stream no tile of this window shows: the core stops it after its grace.
        releaseAtCore: (cameraId, profile) =>
          void context.client.request('media.release', { cameraId, profile }).catch(() => undefined),
      },
    );
    resolvers.set(context, resolve);
  }
  return resolve;
}

/** While mounted, keeps the streams `displayId` may show next resolved ahead (stream-prefetch.ts). */
export function useStreamPrefetch(displayId: () => string): void {
  const { client } = useWindowContext();
  const resolver = useStreamResolver();
  let stop: (() => void) | undefined;
  onMounted(() => {
    stop = startStreamPrefetch(
      async () => (await client.request('media.prefetch', { displayId: displayId() })).sources,
      resolver.prime,
    );
  });
  onUnmounted(() => stop?.());
}
