// A tile tells its window which streams it shows, so an on-demand platform's stream no tile shows is released.
import { describe, expect, it } from 'vitest';
import { useStreamResolution } from './use-stream-resolution';

describe('useStreamResolution holds', () => {
  it('holds the camera it shows, lets go of the previous one on a change and of all when it stops', async () => {
    const log: string[] = [];
    let cameraId = 'wvp-1';
    const switcher = { show: () => undefined, prefetch: () => undefined, cancelPrefetch: () => undefined };
    const streams = useStreamResolution({
      camera: () => ({ id: cameraId, name: cameraId }),
      nextCamera: () => null,
      profile: () => 'sub',
      isActive: () => true,
      resolve: async (id) => ({ url: `ws://wvp/${id}.flv`, kind: 'ws-flv' }),
      switcher: () => switcher as never,
      ensureSwitcher: () => switcher as never,
      hold: (id, profile) => log.push(`hold ${id}/${profile}`),
      release: (id, profile) => log.push(`release ${id}/${profile}`),
    });
    await streams.show();
    await streams.show(); // shown again (a re-apply): no second hold
    cameraId = 'wvp-2';
    await streams.show();
    streams.cancel();
    expect(log).toEqual(['hold wvp-1/sub', 'release wvp-1/sub', 'hold wvp-2/sub', 'release wvp-2/sub']);
  });
});
