// The camera tile as an operator sees it: the camera's name, the state in Chinese, and players that come and go
// with the cell (TilePlayer is replaced by a fake; its own behaviour is tested in renderer/src/video).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { windowContextKey, type WindowContext } from '../../data/context';
import VideoCameraView from './VideoCameraView.vue';
import { FakeTilePlayer } from '../../../../tests/support/renderer/fake-tile-player';

vi.mock('../../video/tile-player', async () => ({
  TilePlayer: (await import('../../../../tests/support/renderer/fake-tile-player')).FakeTilePlayer,
}));

const resolved: Array<{ cameraId: string; profile: string }> = [];

function fakeContext(): WindowContext {
  const client = {
    status: 'open',
    async request(name: string, params: Record<string, string>) {
      if (name === 'cameras.get') {
        return {
          crs: 'wgs84',
          cameras: [{ id: 'cam-0001', name: '外滩观景平台北向', isOnline: true }],
        };
      }
      if (name === 'media.resolve') {
        resolved.push({ cameraId: params.cameraId!, profile: params.profile! });
        return { ...params, kind: 'ws-flv', url: `ws://127.0.0.1:9/media/live/${params.cameraId}.flv` };
      }
      throw new Error(`unexpected request ${name}`);
    },
    on: () => () => undefined,
    onStatusChanged: () => () => undefined,
    close: () => undefined,
  };
  return { client, indicators: new Map() } as unknown as WindowContext;
}

function mountTile(props: { cameraId?: string; width?: number; height?: number; active?: boolean } = {}) {
  return mount(VideoCameraView, {
    props: {
      widget: { kind: 'video.camera', options: { cameraId: props.cameraId ?? 'cam-0001', profile: 'auto' } },
      size: { width: props.width ?? 640, height: props.height ?? 360 },
      active: props.active ?? true,
    },
    global: { provide: { [windowContextKey as symbol]: fakeContext() } },
  });
}

const players = () => FakeTilePlayer.instances;

beforeEach(() => {
  FakeTilePlayer.instances.length = 0;
  resolved.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('VideoCameraView', () => {
  it('shows the camera name and "连接中" while the sub stream of a small tile connects', async () => {
    const wrapper = mountTile();
    await flushPromises();
    const tile = wrapper.get('[data-testid="video-tile"]');
    expect(tile.attributes('data-camera-id')).toBe('cam-0001');
    expect(tile.attributes('data-state')).toBe('connecting');
    expect(resolved).toEqual([{ cameraId: 'cam-0001', profile: 'sub' }]);
    expect(players()).toHaveLength(1);
    expect(players()[0]!.source.url).toContain('cam-0001');
    expect(wrapper.text()).toContain('外滩观景平台北向');
    expect(wrapper.text()).toContain('连接中');
    wrapper.unmount();
  });

  it('hides the state panel while playing and names the state with the last frame time when it stalls', async () => {
    const wrapper = mountTile();
    await flushPromises();
    const player = players()[0]!;
    player.emit({ state: 'playing', lastFrameAt: new Date(2026, 10, 21, 8, 3, 21).getTime() });
    await flushPromises();
    expect(wrapper.get('[data-testid="video-tile"]').attributes('data-state')).toBe('playing');
    expect(wrapper.find('.state-panel').exists()).toBe(false);
    expect(wrapper.find('.live-dot').exists()).toBe(true);

    player.emit({ state: 'stalled', reconnectAttempt: 1 });
    await flushPromises();
    expect(wrapper.get('[data-testid="video-tile"]').attributes('data-state')).toBe('stalled');
    expect(wrapper.text()).toContain('画面停滞');
    expect(wrapper.text()).toContain('最后画面 08:03:21');

    player.emit({ state: 'reconnecting', reconnectAttempt: 2 });
    await flushPromises();
    expect(wrapper.text()).toContain('重连中 (第 2 次)');

    player.emit({ state: 'unsupported', codec: 'H.265' });
    await flushPromises();
    expect(wrapper.text()).toContain('编码不支持 (H.265)');
    wrapper.unmount();
  });

  it('greys out a picture that stopped moving as 画面停滞 within seconds, before the watchdog gives up', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const wrapper = mountTile();
    await flushPromises();
    const player = players()[0]!;
    player.emit({ state: 'playing', lastFrameAt: Date.now() });
    vi.advanceTimersByTime(1_000);
    await flushPromises();
    const tile = () => wrapper.get('[data-testid="video-tile"]');
    expect(tile().attributes('data-frozen')).toBeUndefined();
    expect(wrapper.find('.live-dot').exists()).toBe(true);

    // No new frame: the player still says playing (its 10 s watchdog has not fired), the tile does not.
    vi.advanceTimersByTime(3_000);
    await flushPromises();
    expect(tile().attributes('data-state')).toBe('playing');
    expect(tile().attributes('data-frozen')).toBe('true');
    expect(tile().classes()).toContain('is-not-live');
    expect(wrapper.find('.live-dot').exists()).toBe(false);
    expect(wrapper.get('[data-testid="tile-state"]').text()).toContain('画面停滞');
    expect(wrapper.get('[data-testid="tile-state"]').text()).toMatch(/最后画面 \d\d:\d\d:\d\d/);

    // Frames again: live at once.
    player.emit({ lastFrameAt: Date.now() });
    vi.advanceTimersByTime(1_000);
    await flushPromises();
    expect(tile().attributes('data-frozen')).toBeUndefined();
    expect(wrapper.find('[data-testid="tile-state"]').exists()).toBe(false);
    expect(wrapper.find('.live-dot').exists()).toBe(true);
    wrapper.unmount();
  });

  it('plays the main stream in a large tile and switches profile when it shrinks, keeping the old picture until the new one plays', async () => {
    const wrapper = mountTile({ width: 1920, height: 1080 });
    await flushPromises();
    expect(resolved.at(-1)?.profile).toBe('main');
    players()[0]!.emit({ state: 'playing', lastFrameAt: Date.now() });
    await wrapper.setProps({ size: { width: 480, height: 270 } });
    await flushPromises();
    expect(resolved.at(-1)?.profile).toBe('sub');
    expect(players()).toHaveLength(2);
    expect(players()[0]!.isDisposed).toBe(false);
    expect(wrapper.get('[data-testid="video-tile"]').attributes('data-state')).toBe('playing');
    players()[1]!.emit({ state: 'playing', lastFrameAt: Date.now() });
    await flushPromises();
    expect(players()[0]!.isDisposed).toBe(true);
    expect(wrapper.get('[data-testid="video-tile"]').attributes('data-profile')).toBe('sub');
    const element = wrapper.element as HTMLElement;
    expect(element.querySelectorAll('video')).toHaveLength(1);
    wrapper.unmount();
    expect(element.querySelectorAll('video')).toHaveLength(0);
  });

  it('creates no player while inactive and disposes it when the cell goes inactive or unmounts', async () => {
    const wrapper = mountTile({ active: false });
    await flushPromises();
    expect(players()).toHaveLength(0);
    expect(wrapper.get('[data-testid="video-tile"]').attributes('data-state')).toBe('inactive');

    await wrapper.setProps({ active: true });
    await flushPromises();
    expect(players()).toHaveLength(1);

    await wrapper.setProps({ active: false });
    await flushPromises();
    expect(players()[0]!.isDisposed).toBe(true);
    expect(document.querySelectorAll('video')).toHaveLength(0);

    await wrapper.setProps({ active: true });
    await flushPromises();
    wrapper.unmount();
    expect(players()[1]!.isDisposed).toBe(true);
    expect(document.querySelectorAll('video')).toHaveLength(0);
  });

  it('replaces the player when the camera changes', async () => {
    const wrapper = mountTile();
    await flushPromises();
    await wrapper.setProps({
      widget: { kind: 'video.camera', options: { cameraId: 'cam-0002', profile: 'auto' } },
    });
    await flushPromises();
    expect(players()[1]!.source.url).toContain('cam-0002');
    players()[1]!.emit({ state: 'playing', lastFrameAt: Date.now() });
    await flushPromises();
    expect(players()[0]!.isDisposed).toBe(true);
    expect(wrapper.get('[data-testid="video-tile"]').attributes('data-camera-id')).toBe('cam-0002');
    expect(wrapper.text()).toContain('cam-0002'); // unknown camera: its id instead of a name
    wrapper.unmount();
  });
});
