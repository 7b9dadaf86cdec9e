// Composables for the camera catalogue's live side: camera status changes applied to the window's camera list,
// and the camera platforms' health and online rates (the source strip, the tree, the online-rate widget).
import { shallowRef, type ShallowRef } from 'vue';
import type { RequestResult } from '@shared/protocol';
import { useWindowContext, type WindowContext } from './context';

export type CameraList = RequestResult<'cameras.get'>;
export type CatalogueCamera = CameraList['cameras'][number];
export type OnlineRates = RequestResult<'cameras.onlineRates'>;

/**
 * The camera list after the catalogue's events: status changes replace the cameras they name, a listing's
 * additions and removals change the list. Pure, so the 26,000-camera case is tested without a window.
 */
export function applyCameraEvent(
  list: CameraList,
  event:
    | { readonly changes: readonly { cameraId: string; status: CatalogueCamera['status'] }[] }
    | { readonly added: readonly CatalogueCamera[]; readonly removed: readonly string[] },
): CameraList {
  if ('changes' in event) {
    const statusById = new Map(event.changes.map((change) => [change.cameraId, change.status]));
    const cameras = list.cameras.map((camera) => {
      const status = statusById.get(camera.id);
      return status === undefined || status === camera.status
        ? camera
        : { ...camera, status, isOnline: status === 'online' };
    });
    return { ...list, cameras };
  }
  const removed = new Set([...event.removed, ...event.added.map((camera) => camera.id)]);
  return { ...list, cameras: [...list.cameras.filter((camera) => !removed.has(camera.id)), ...event.added] };
}

/** Keeps a window's camera list current with the catalogue's events (from its first load on). */
export function followCameraEvents(context: WindowContext, list: ShallowRef<CameraList | null>): void {
  context.client.on('cameras.statusChanged', (event) => {
    if (list.value) list.value = applyCameraEvent(list.value, event);
  });
  context.client.on('cameras.listChanged', (event) => {
    if (list.value) list.value = applyCameraEvent(list.value, event);
  });
}

const rateCaches = new WeakMap<WindowContext, ShallowRef<OnlineRates | null>>();

/** Online rates per area and platform health, loaded on open, every minute, and on each platform change. */
export function useOnlineRates(): ShallowRef<OnlineRates | null> {
  const context = useWindowContext();
  let rates = rateCaches.get(context);
  if (rates) return rates;
  const value = shallowRef<OnlineRates | null>(null);
  rateCaches.set(context, (rates = value));
  const load = async () => {
    try {
      value.value = await context.client.request('cameras.onlineRates', {});
    } catch (error) {
      console.warn('[cameras] online rates failed', error);
    }
  };
  context.client.on('cameras.platformsChanged', (change) => {
    if (value.value) value.value = { ...value.value, platforms: change.platforms };
    void load();
  });
  context.client.onStatusChanged((status) => {
    if (status === 'open') void load();
  });
  // The average moves with time even when nothing changes.
  setInterval(() => void load(), 60_000);
  void load();
  return rates;
}
