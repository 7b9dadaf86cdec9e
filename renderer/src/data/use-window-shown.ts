// Whether this window is on screen: its page is visible and its host has not hidden the window.
import { inject, onScopeDispose, ref, type Ref } from 'vue';
import { windowContextKey } from './context';

/**
 * True while the window is shown. Two sources, because hosts differ: Chromium (the browser host) turns
 * `document.visibilityState` to hidden for a minimised window or a background tab, while an Electron wall
 * window never throttles and so stays 'visible' whatever happens to it; its shell sends
 * `window.visibilityChanged` instead. Outside a window context (tests, galleries) only the page counts.
 */
export function useWindowShown(): Readonly<Ref<boolean>> {
  const isPageVisible = () => document.visibilityState !== 'hidden';
  let isHostShowing = true;
  const isShown = ref(isPageVisible());
  const update = () => (isShown.value = isPageVisible() && isHostShowing);
  document.addEventListener('visibilitychange', update);
  const stopListening = inject(windowContextKey, null)?.client.on('window.visibilityChanged', (event) => {
    isHostShowing = event.isShown;
    update();
  });
  onScopeDispose(() => {
    document.removeEventListener('visibilitychange', update);
    stopListening?.();
  });
  return isShown;
}
