// While a console can lock (a signed-in session with a lock time) and is not locked, the person's input in this
// window (pointer, keys, wheel) is reported to the core through an ActivityReporter. Background requests and
// subscriptions never count: only what a person does here.
import { onScopeDispose, watch } from 'vue';
import { useSessionStore } from '../stores/session-store';
import { ActivityReporter, activityIntervalMs } from './activity-reporter';

const inputEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;

export function useActivityReports(): void {
  const session = useSessionStore();
  let release: (() => void) | null = null;
  const stop = () => {
    release?.();
    release = null;
  };
  watch(
    () => (session.isLocked ? null : (session.me?.lockAfterIdleMs ?? null)),
    (lockAfterIdleMs) => {
      stop();
      if (lockAfterIdleMs === null) return;
      const reporter = new ActivityReporter(
        () => session.reportActivity(),
        activityIntervalMs(lockAfterIdleMs),
      );
      const onInput = () => reporter.input();
      const options = { capture: true, passive: true };
      for (const name of inputEvents) window.addEventListener(name, onInput, options);
      release = () => {
        for (const name of inputEvents) window.removeEventListener(name, onInput, options);
        reporter.dispose();
      };
    },
    { immediate: true },
  );
  onScopeDispose(stop);
}
