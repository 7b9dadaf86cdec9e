// Composable: plays the console's alarm tone (WebAudio oscillators, nothing to download) while soundingSeverity says
// so, with a mute the operator toggles (kept per browser). Says whether a tone is playing, for the indicator.
import { computed, onBeforeUnmount, ref, watch, type ComputedRef, type Ref } from 'vue';
import type { IncidentSeverity } from '@shared/model/incident';
import { useIncidents } from '../../data/use-incidents';
import { soundingSeverity, tonePatterns } from './alarm-sound';

const mutedKey = 'tianmu.alarm.muted';

export interface AlarmSoundState {
  /** The severity whose tone is playing, or null (silent, or muted). */
  readonly playing: ComputedRef<IncidentSeverity | null>;
  /** What would sound without the mute. */
  readonly due: ComputedRef<IncidentSeverity | null>;
  readonly isMuted: Ref<boolean>;
  toggleMute(): void;
}

export function useAlarmSound(): AlarmSoundState {
  const feed = useIncidents();
  const isMuted = ref(localStorage.getItem(mutedKey) === 'true');
  const due = computed(() => soundingSeverity(feed.incidents.value, feed.arrived.value, feed.sound.value));
  const playing = computed(() => (isMuted.value ? null : due.value));
  let audio: AudioContext | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Schedules one repetition of the tone and the next one after its period. */
  const ring = (severity: IncidentSeverity) => {
    const pattern = tonePatterns[severity];
    try {
      audio ??= new AudioContext();
      // Chromium starts a context suspended until the page had a gesture; any click on the console resumes it.
      void audio.resume();
      let at = audio.currentTime;
      for (const note of pattern.notes) {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = 'square';
        oscillator.frequency.value = note.frequency;
        gain.gain.value = 0.08;
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(at);
        oscillator.stop(at + note.seconds);
        at += note.seconds;
      }
    } catch (error) {
      console.warn('[alarm] no audio', error);
    }
    timer = setTimeout(() => ring(severity), pattern.period * 1000);
  };

  watch(
    playing,
    (severity) => {
      clearTimeout(timer);
      timer = undefined;
      if (severity) ring(severity);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    clearTimeout(timer);
    void audio?.close();
  });

  return {
    playing,
    due,
    isMuted,
    toggleMute() {
      isMuted.value = !isMuted.value;
      localStorage.setItem(mutedKey, String(isMuted.value));
    },
  };
}
