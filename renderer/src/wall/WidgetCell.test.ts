// A hidden wall window holds no video player, whichever way the host says it is hidden: Chromium's page
// visibility (the browser host) or the Electron shell's `window.visibilityChanged` (its wall pages always report
// themselves visible). TilePlayer is a fake; real players are counted in tests/e2e/video-visibility.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { windowContextKey, type WindowContext } from '../data/context';
import { i18n } from '../i18n';
import WidgetCell from './WidgetCell.vue';
import { FakeTilePlayer } from '../../../tests/support/renderer/fake-tile-player';

vi.mock('../video/tile-player', async () => ({
  TilePlayer: (await import('../../../tests/support/renderer/fake-tile-player')).FakeTilePlayer,
}));

const listeners = new Map<string, Set<(payload: unknown) => void>>();

function fakeContext(): WindowContext {
  const client = {
    status: 'open',
    async request(name: string, params: Record<string, string>) {
      if (name === 'cameras.get') return { crs: 'wgs84', cameras: [] };
      if (name === 'media.resolve') return { ...params, kind: 'ws-flv', url: 'ws://127.0.0.1:9/live.flv' };
      throw new Error(`unexpected request ${name}`);
    },
    on(name: string, listener: (payload: unknown) => void) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(listener);
      return () => listeners.get(name)!.delete(listener);
    },
    onStatusChanged: () => () => undefined,
    close: () => undefined,
  };
  return { client, indicators: new Map(), wall: { displays: [] } } as unknown as WindowContext;
}

const emit = (name: string, payload: unknown) =>
  listeners.get(name)?.forEach((listener) => listener(payload));
const livePlayers = () => FakeTilePlayer.instances.filter((player) => !player.isDisposed);
let pageVisibility: DocumentVisibilityState = 'visible';

function mountCamera() {
  return mount(WidgetCell, {
    props: { widget: { kind: 'video.camera', options: { cameraId: 'cam-0001', profile: 'auto' } } },
    global: { plugins: [i18n], provide: { [windowContextKey as symbol]: fakeContext() } },
  });
}

beforeEach(() => {
  FakeTilePlayer.instances.length = 0;
  listeners.clear();
  pageVisibility = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => pageVisibility);
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly callback: ResizeObserverCallback) {}
      observe() {
        this.callback([{ contentRect: { width: 640, height: 360 } } as ResizeObserverEntry], this as never);
      }
      disconnect() {}
    },
  );
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('WidgetCell', () => {
  it('drops the video player while the Electron shell says the window is hidden, and plays again when shown', async () => {
    const wrapper = mountCamera();
    await flushPromises();
    expect(livePlayers()).toHaveLength(1);

    emit('window.visibilityChanged', { isShown: false });
    await flushPromises();
    expect(livePlayers()).toHaveLength(0);
    expect(wrapper.get('[data-testid="video-tile"]').attributes('data-state')).toBe('inactive');
    expect(wrapper.findAll('video')).toHaveLength(0);

    emit('window.visibilityChanged', { isShown: true });
    await flushPromises();
    expect(livePlayers()).toHaveLength(1);
    wrapper.unmount();
    expect(listeners.get('window.visibilityChanged')?.size ?? 0, 'no listener outlives the cell').toBe(0);
  });

  it('drops the video player while the page is hidden (a minimised browser-host window)', async () => {
    const wrapper = mountCamera();
    await flushPromises();
    expect(livePlayers()).toHaveLength(1);
    pageVisibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await flushPromises();
    expect(livePlayers()).toHaveLength(0);
    // Shown by the page but hidden by the host is still hidden.
    emit('window.visibilityChanged', { isShown: false });
    pageVisibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await flushPromises();
    expect(livePlayers()).toHaveLength(0);
    emit('window.visibilityChanged', { isShown: true });
    await flushPromises();
    expect(livePlayers()).toHaveLength(1);
    wrapper.unmount();
  });
});
