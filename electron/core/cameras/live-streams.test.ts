import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeConnector } from '../../../tests/support/fake-connector';
import type { CameraDirectory } from './connector';
import { LiveStreams } from './live-streams';

function streamsOf(connector: FakeConnector) {
  const directory: CameraDirectory = {
    find: (cameraId) =>
      cameraId.startsWith('wvp-')
        ? { connector, ref: { cameraId, platformCameraId: cameraId.slice(4) } }
        : undefined,
  };
  const lines: string[] = [];
  return { streams: new LiveStreams({ directory, graceMs: 10_000, log: (line) => lines.push(line) }), lines };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveStreams', () => {
  it('opens one platform stream for two windows and stops it 10 s after the last lets go', async () => {
    vi.useFakeTimers();
    const connector = new FakeConnector({ platformId: 'wvp', capabilities: { onDemandLive: true } });
    const { streams } = streamsOf(connector);
    const [wall, console] = [{}, {}];
    const first = await streams.open('wvp-1', 'sub', wall);
    const second = await streams.open('wvp-1', 'sub', console);
    await streams.open('wvp-1', 'sub', console); // a second tile of the same window
    expect(second.url).toBe(first.url);
    expect(connector.opened).toEqual(['1/sub']);

    streams.release('wvp-1', 'sub', wall);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(connector.released).toEqual([]); // the console still shows it

    streams.release('wvp-1', 'sub', console);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(connector.released).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(connector.released).toEqual(['1/sub']);
    expect(streams.openCount).toBe(0);
  });

  it('keeps the stream running when a 平急转换 shows the camera again within the grace', async () => {
    vi.useFakeTimers();
    const connector = new FakeConnector({ platformId: 'wvp', capabilities: { onDemandLive: true } });
    const { streams } = streamsOf(connector);
    const wall = {};
    await streams.open('wvp-1', 'main', wall);
    streams.release('wvp-1', 'main', wall);
    await vi.advanceTimersByTimeAsync(5_000);
    await streams.open('wvp-1', 'main', wall);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(connector.opened).toEqual(['1/main']);
    expect(connector.released).toEqual([]);
  });

  it('releases every stream of a window that closed, after the grace', async () => {
    vi.useFakeTimers();
    const connector = new FakeConnector({ platformId: 'wvp', capabilities: { onDemandLive: true } });
    const { streams } = streamsOf(connector);
    const wall = {};
    await streams.open('wvp-1', 'main', wall);
    await streams.open('wvp-2', 'sub', wall);
    streams.releaseAll(wall);
    streams.releaseAll(wall); // a second close finds nothing
    await vi.advanceTimersByTimeAsync(10_000);
    expect(connector.released.sort()).toEqual(['1/main', '2/sub']);
  });

  it('asks the platform again after a failed start, and a release of what was never held does nothing', async () => {
    const connector = new FakeConnector({ platformId: 'wvp', capabilities: { onDemandLive: true } });
    const { streams } = streamsOf(connector);
    const wall = {};
    connector.isDown = true;
    await expect(streams.open('wvp-1', 'sub', wall)).rejects.toThrow('无法连接');
    expect(streams.openCount).toBe(0);
    connector.isDown = false;
    await streams.open('wvp-1', 'sub', wall);
    expect(connector.opened).toEqual(['1/sub']);
    streams.release('wvp-9', 'sub', wall);
    await expect(streams.open('cam-0001', 'sub', wall)).rejects.toThrow("unknown camera 'cam-0001'");
    await streams.dispose();
    expect(connector.released).toEqual(['1/sub']);
  });
});
