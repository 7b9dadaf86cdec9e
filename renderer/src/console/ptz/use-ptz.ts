// One camera's PTZ on the console: what it can do, who holds its lease (kept current by ptz.leaseChanged), the
// paced moves (ptz-pacing.ts) and the one-shot acts (presets, click-to-centre, drag-a-box). A window that loses
// focus or is hidden stops the head at once.
import { computed, onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import type { PictureBox, PtzDirection, PtzPreset } from '@shared/model/camera-platform';
import type { PtzAbilities, PtzHolder } from '@shared/protocol';
import { useSessionStore } from '../../stores/session-store';
import { PtzPacer } from './ptz-pacing';

/** Speed of the pad and keys (0..1): half speed turns a head about one view in a second (see the demo). */
export const padSpeed = 0.5;

export function usePtz(cameraId: Ref<string | null>) {
  const session = useSessionStore();
  const abilities = shallowRef<PtzAbilities | null>(null);
  const reason = ref<string | null>(null);
  const holder = shallowRef<PtzHolder | null>(null);
  const presets = shallowRef<readonly PtzPreset[]>([]);
  /** The last refusal or failure, in the core's words (云台由 张三 控制, 不支持：…). */
  const message = ref<string | null>(null);
  const isPictureMode = ref(false);

  const myUserId = computed(() => (session.me?.kind === 'user' ? (session.me.user?.id ?? null) : null));
  const isHeldByOther = computed(() => holder.value !== null && holder.value.userId !== myUserId.value);
  /** Controls work: the camera has a head, this user may steer, nobody else holds it. */
  const canSteer = computed(
    () => (abilities.value?.move ?? false) && session.can('ptz.move') && !isHeldByOther.value,
  );

  const fail = (error: unknown) => {
    message.value = (error as Error).message;
  };
  const client = () => session.requireClient();
  const pacer = new PtzPacer((command) => {
    const id = cameraId.value;
    if (!id) return;
    const request =
      command.type === 'move'
        ? client().request('ptz.move', { cameraId: id, direction: command.direction, speed: command.speed })
        : client().request('ptz.stop', { cameraId: id });
    request.then((answer) => {
      holder.value = answer.holder;
      message.value = null;
    }, fail);
  });

  async function load(id: string | null) {
    abilities.value = null;
    reason.value = null;
    holder.value = null;
    presets.value = [];
    message.value = null;
    if (!id) return;
    try {
      const state = await client().request('ptz.state', { cameraId: id });
      if (cameraId.value !== id) return;
      abilities.value = state.abilities;
      reason.value = state.reason ?? null;
      holder.value = state.holder;
      if (state.abilities.presets && session.can('ptz.presets')) {
        const answer = await client().request('ptz.presets', { cameraId: id });
        if (cameraId.value === id) presets.value = answer.presets;
      }
    } catch (error) {
      fail(error);
    }
  }

  watch(
    cameraId,
    (id) => {
      pacer.release(); // the old camera stops before the controls show another
      void load(id);
    },
    { immediate: true },
  );

  const offLease = client().on('ptz.leaseChanged', (change) => {
    if (change.cameraId !== cameraId.value) return;
    holder.value = change.holder;
    if (isHeldByOther.value) pacer.release();
  });
  const stopNow = () => pacer.release();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') pacer.release();
  };
  window.addEventListener('blur', stopNow);
  document.addEventListener('visibilitychange', onVisibility);
  onBeforeUnmount(() => {
    pacer.dispose();
    offLease();
    window.removeEventListener('blur', stopNow);
    document.removeEventListener('visibilitychange', onVisibility);
  });

  /** A one-shot act under the lease: its answer says who holds the camera now. */
  function act(run: (id: string) => Promise<{ holder: PtzHolder | null }>) {
    const id = cameraId.value;
    if (!id || !canSteer.value) return;
    run(id).then((answer) => {
      holder.value = answer.holder;
      message.value = null;
    }, fail);
  }

  return {
    abilities,
    reason,
    holder,
    presets,
    message,
    isPictureMode,
    isHeldByOther,
    canSteer,
    /** A direction pressed: `isSustained` for a held pointer, false for a key or a wheel notch. */
    press(direction: PtzDirection, isSustained: boolean) {
      if (canSteer.value) pacer.press(direction, padSpeed, isSustained);
    },
    input: () => pacer.input(),
    /** 画面操作: clicks and drags on the picture steer the camera instead of reaching the tile. */
    setPictureMode(isOn: boolean) {
      isPictureMode.value = isOn;
    },
    /** The mouse wheel over the picture: each notch presses zoom again; 500 ms without one stops it. */
    wheel(event: WheelEvent) {
      if (!canSteer.value || event.deltaY === 0) return;
      event.preventDefault();
      pacer.press(event.deltaY < 0 ? 'zoom-in' : 'zoom-out', padSpeed, false);
    },
    release: stopNow,
    goToPreset: (presetId: string) =>
      act((id) => client().request('ptz.goToPreset', { cameraId: id, presetId })),
    centre: (point: { x: number; y: number }) =>
      act((id) => client().request('ptz.centre', { cameraId: id, point })),
    areaZoom: (box: PictureBox, zoomIn: boolean) =>
      act((id) => client().request('ptz.areaZoom', { cameraId: id, box, zoomIn })),
  };
}

export type PtzHandle = ReturnType<typeof usePtz>;
