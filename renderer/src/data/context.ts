// What every window provides to its widgets: the core client, the live data and the workspace facts.
// Widgets reach these only through the composables in this folder, never through stores.
import { inject, type InjectionKey } from 'vue';
import type { Indicator } from '@shared/model/indicator';
import type { Wall } from '@shared/model/wall';
import type { CoreClient } from '../transport/core-client';
import type { LiveData } from './live-data';

export interface WindowContext {
  readonly client: CoreClient;
  readonly liveData: LiveData;
  readonly indicators: ReadonlyMap<string, Indicator>;
  readonly wall: Wall;
  /**
   * May this window's caller send wall commands? A wall window (a machine) and a viewer may not: their widgets
   * stay read-only instead of offering clicks the core would refuse. Absent: yes (tests, fixtures).
   */
  readonly canCommand?: () => boolean;
}

export const windowContextKey: InjectionKey<WindowContext> = Symbol('tianmu.window');

export function useWindowContext(): WindowContext {
  const context = inject(windowContextKey);
  if (!context) throw new Error('useWindowContext() outside a window (no provide)');
  return context;
}
