// One window's playback of one camera: the requests (start, seek, pause, speed, stop) and the recorded time
// running on from the core's last answer, so the 回放 badge counts without asking the core every second.
import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';
import type { PlaybackPosition, PlaybackStarted } from '@shared/protocol/domains/playback';
import type { RecordingSpan } from '@shared/model/camera-platform';
import { useWindowContext } from '../../data/context';
import { useNow } from '../../data/use-now';

/** How far back the timeline looks: the last 24 hours. */
export const timelineSpanMs = 24 * 3600_000;

export function usePlayback(cameraId: () => string) {
  const { client } = useWindowContext();
  const started = shallowRef<PlaybackStarted | null>(null);
  /** The last answer's position, and when (Date.now) it was: the recorded time runs on from there. */
  const anchor = shallowRef<{ position: number; at: number; isPaused: boolean; speed: number } | null>(null);
  const spans = shallowRef<readonly RecordingSpan[]>([]);
  /** The range the timeline shows: the last 24 hours when the recordings were last asked for. */
  const range = shallowRef({ from: Date.now() - timelineSpanMs, to: Date.now() });
  const failure = ref<string | null>(null);
  const isBusy = ref(false);
  const now = useNow(250);

  /** The recorded time on screen now (null before a playback starts). */
  const recordedTime = computed(() => {
    const at = anchor.value;
    if (!at) return null;
    return at.isPaused ? at.position : at.position + Math.max(0, now.value - at.at) * at.speed;
  });

  async function run<T>(request: () => Promise<T>): Promise<T | undefined> {
    isBusy.value = true;
    failure.value = null;
    try {
      return await request();
    } catch (error) {
      failure.value = (error as Error).message;
      return undefined;
    } finally {
      isBusy.value = false;
    }
  }

  function follow(position: PlaybackPosition | undefined): void {
    if (position) anchor.value = { ...position, at: Date.now() };
  }

  async function loadRecordings(): Promise<void> {
    const to = Date.now();
    const answer = await run(() =>
      client.request('playback.recordings', { cameraId: cameraId(), from: to - timelineSpanMs, to }),
    );
    if (!answer) return;
    spans.value = answer.spans;
    range.value = { from: to - timelineSpanMs, to };
  }

  /** Plays from `time`: a seek when a playback runs and can seek, otherwise a new playback. */
  async function playFrom(time: number): Promise<void> {
    const current = started.value;
    if (current?.canSeek) {
      follow(await run(() => client.request('playback.seek', { playbackId: current.playbackId, to: time })));
      return;
    }
    await stop();
    const answer = await run(() => client.request('playback.start', { cameraId: cameraId(), from: time }));
    if (!answer) return;
    started.value = answer;
    anchor.value = { position: answer.startsAt, at: Date.now(), isPaused: false, speed: 1 };
  }

  async function togglePause(): Promise<void> {
    const current = started.value;
    if (!current) return;
    const name = anchor.value?.isPaused ? 'playback.resume' : 'playback.pause';
    follow(await run(() => client.request(name, { playbackId: current.playbackId })));
  }

  async function setSpeed(speed: number): Promise<void> {
    const current = started.value;
    if (!current) return;
    follow(await run(() => client.request('playback.speed', { playbackId: current.playbackId, speed })));
  }

  async function stop(): Promise<void> {
    const current = started.value;
    started.value = null;
    anchor.value = null;
    if (current)
      await client.request('playback.stop', { playbackId: current.playbackId }).catch(() => undefined);
  }

  // The panel closing (回到实时, another camera, the window going) ends the playback at the core at once.
  onBeforeUnmount(() => void stop());

  return {
    started,
    anchor,
    spans,
    range,
    failure,
    isBusy,
    recordedTime,
    loadRecordings,
    playFrom,
    togglePause,
    setSpeed,
    stop,
  };
}
