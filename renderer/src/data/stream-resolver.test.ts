// The stream resolver: one request per stream a minute, shared by concurrent callers, failures not kept.
import { describe, expect, it } from 'vitest';
import { createStreamResolver, type StreamSource } from './stream-resolver';

function fakeCore() {
  const calls: string[] = [];
  let failNext = false;
  const request = async (cameraId: string, profile: 'main' | 'sub'): Promise<StreamSource> => {
    calls.push(`${cameraId}/${profile}`);
    if (failNext) {
      failNext = false;
      throw new Error('core unreachable');
    }
    return { url: `ws://media/${cameraId}-${profile}.flv`, kind: 'ws-flv' } as StreamSource;
  };
  return { calls, request, failOnce: () => (failNext = true) };
}

describe('createStreamResolver', () => {
  it('asks the core once per camera and profile, also for callers that arrive while it is asking', async () => {
    const core = fakeCore();
    const resolve = createStreamResolver(core.request);
    const [first, second] = await Promise.all([resolve('cam-1', 'sub'), resolve('cam-1', 'sub')]);
    await resolve('cam-1', 'sub');
    await resolve('cam-1', 'main');
    expect(first).toBe(second);
    expect(first.url).toBe('ws://media/cam-1-sub.flv');
    expect(core.calls).toEqual(['cam-1/sub', 'cam-1/main']);
  });

  it('asks again once the answer is older than the time to live', async () => {
    const core = fakeCore();
    let clock = 0;
    const resolve = createStreamResolver(core.request, { ttlMs: 60_000, now: () => clock });
    await resolve('cam-1', 'sub');
    clock = 59_999;
    await resolve('cam-1', 'sub');
    clock = 60_000;
    await resolve('cam-1', 'sub');
    expect(core.calls).toEqual(['cam-1/sub', 'cam-1/sub']);
  });

  it('does not keep a failure: the next call asks again', async () => {
    const core = fakeCore();
    const resolve = createStreamResolver(core.request);
    core.failOnce();
    await expect(resolve('cam-1', 'sub')).rejects.toThrow('core unreachable');
    await expect(resolve('cam-1', 'sub')).resolves.toMatchObject({ url: 'ws://media/cam-1-sub.flv' });
    expect(core.calls).toEqual(['cam-1/sub', 'cam-1/sub']);
  });

  it('keeps at most maxEntries streams, dropping the oldest', async () => {
    const core = fakeCore();
    const resolve = createStreamResolver(core.request, { maxEntries: 2 });
    await resolve('cam-1', 'sub');
    await resolve('cam-2', 'sub');
    await resolve('cam-3', 'sub');
    await resolve('cam-2', 'sub');
    await resolve('cam-1', 'sub');
    expect(core.calls).toEqual(['cam-1/sub', 'cam-2/sub', 'cam-3/sub', 'cam-1/sub']);
  });

  it('answers primed streams from memory for a whole time to live, counted from the priming', async () => {
    const core = fakeCore();
    let clock = 0;
    const resolve = createStreamResolver(core.request, { ttlMs: 60_000, now: () => clock });
    await resolve('cam-1', 'sub');
    clock = 50_000;
    const primed: StreamSource = {
      cameraId: 'cam-1',
      profile: 'sub',
      kind: 'ws-flv',
      url: 'ws://media-2/cam-1.flv',
    };
    resolve.prime([primed, { ...primed, cameraId: 'cam-2', url: 'ws://media-2/cam-2.flv' }]);
    clock = 109_999;
    await expect(resolve('cam-1', 'sub')).resolves.toBe(primed);
    await expect(resolve('cam-2', 'sub')).resolves.toMatchObject({ url: 'ws://media-2/cam-2.flv' });
    expect(core.calls).toEqual(['cam-1/sub']);
    clock = 110_000;
    await resolve('cam-2', 'sub');
    expect(core.calls).toEqual(['cam-1/sub', 'cam-2/sub']);
  });

  it('leaves a request on its way alone when primed: its callers get its answer', async () => {
    const core = fakeCore();
    const resolve = createStreamResolver(core.request);
    const asked = resolve('cam-1', 'sub');
    resolve.prime([{ cameraId: 'cam-1', profile: 'sub', kind: 'ws-flv', url: 'ws://elsewhere/cam-1.flv' }]);
    expect(resolve('cam-1', 'sub')).toBe(asked);
    await expect(asked).resolves.toMatchObject({ url: 'ws://media/cam-1-sub.flv' });
  });

  it("releases an on-demand platform's stream at the core once no tile of the window shows it, and asks again later", async () => {
    const released: string[] = [];
    const calls: string[] = [];
    const resolve = createStreamResolver(
      async (cameraId, profile) => {
        calls.push(`${cameraId}/${profile}`);
        return {
          cameraId,
          profile,
          kind: 'ws-flv',
          url: `ws://wvp/${cameraId}.flv`,
          isHeld: cameraId.startsWith('wvp-'),
        };
      },
      { releaseAtCore: (cameraId, profile) => released.push(`${cameraId}/${profile}`) },
    );
    const [tileA, tileB] = [{}, {}];
    for (const tile of [tileA, tileB]) {
      await resolve('wvp-1', 'sub');
      resolve.hold('wvp-1', 'sub', tile);
    }
    await resolve('cam-1', 'sub');
    resolve.hold('cam-1', 'sub', tileA);
    resolve.release('wvp-1', 'sub', tileA);
    resolve.release('cam-1', 'sub', tileA);
    await Promise.resolve();
    expect(released).toEqual([]); // tile B still shows wvp-1; cam-1 is a template stream
    resolve.release('wvp-1', 'sub', tileB);
    resolve.release('wvp-1', 'sub', tileB); // a second release of the same tile does nothing more
    await new Promise((settle) => setTimeout(settle, 0));
    expect(released).toEqual(['wvp-1/sub']);
    await resolve('wvp-1', 'sub');
    await resolve('cam-1', 'sub');
    expect(calls).toEqual(['wvp-1/sub', 'cam-1/sub', 'wvp-1/sub']);
  });
});
