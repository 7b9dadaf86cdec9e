// The tile a window has chosen for cameras picked on its maps (the console's selected mimic cell). A window that
// chooses none (a wall display) leaves maps to their own `cameraTarget` option, so widgets never know the console.
import { computed, inject, provide, type InjectionKey, type Ref } from 'vue';

export interface CameraTarget {
  readonly displayId: string;
  readonly cellIndex: number;
}

const cameraTargetKey: InjectionKey<Readonly<Ref<CameraTarget | null>>> = Symbol('tianmu.cameraTarget');

/** Called by a window (the console) that lets the operator choose the tile. */
export function provideCameraTarget(target: Readonly<Ref<CameraTarget | null>>): void {
  provide(cameraTargetKey, target);
}

/** The chosen tile, or null where the window chose none. */
export function useCameraTarget(): Readonly<Ref<CameraTarget | null>> {
  const target = inject(cameraTargetKey, null);
  return computed(() => target?.value ?? null);
}
