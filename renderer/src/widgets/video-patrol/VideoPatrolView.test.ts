// A patrol block (分组轮巡) on a wall cell: evenly laid-out tiles showing one page of the group, an empty labelled
// tile where the group is smaller than the block, and a page change that takes over every tile's prefetched
// player (no new connection at the change). TilePlayer is a fake that plays when told; real players, pictures and
// media connections are checked in tests/e2e/video-patrol-block.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import type { BezelBands } from '@shared/layout/cell-rects';
import type { WidgetConfigOf } from '@shared/model/widget';
import { windowContextKey, type WindowContext } from '../../data/context';
import { i18n } from '../../i18n';
import VideoPatrolView from './VideoPatrolView.vue';
import { FakeTilePlayer } from '../../../../tests/support/renderer/fake-tile-player';

vi.mock('../../video/tile-player', async () => ({
  TilePlayer: (await import('../../../../tests/support/renderer/fake-tile-player')).FakeTilePlayer,
}));

const cameraIds = (count: number) =>
  Array.from({ length: count }, (_, index) => `cam-${String(index + 1).padStart(4, '0')}`);

function fakeContext(): WindowContext {
  const client = {
    status: 'open',
    async request(name: string, params: Record<string, string>) {
      if (name === 'cameras.get')
        return { crs: 'wgs84', cameras: cameraIds(10).map((id) => ({ id, name: `相机 ${id.slice(4)}` })) };
      if (name === 'media.resolve')
        return { ...params, kind: 'ws-flv', url: `ws://127.0.0.1:9/${params.cameraId}.flv` };
      throw new Error(`unexpected request ${name}`);
    },
    on: () => () => undefined,
    onStatusChanged: () => () => undefined,
    close: () => undefined,
  };
  return { client, indicators: new Map(), wall: { displays: [] } } as unknown as WindowContext;
}

const patrol = (
  count: number,
  block?: { rows: number; columns: number },
): WidgetConfigOf<'video.patrol'> => ({
  kind: 'video.patrol',
  options: { cameraIds: cameraIds(count), dwellSeconds: 10, profile: 'auto', ...(block && { block }) },
});

/** The view as a 640×360 wall cell mounts it (with the panel bezels that run through the cell, if any). */
function mountPatrol(widget: WidgetConfigOf<'video.patrol'>, bezels?: BezelBands) {
  return mount(VideoPatrolView, {
    props: { widget, size: { width: 640, height: 360 }, active: true, bezels },
    global: { plugins: [i18n, createPinia()], provide: { [windowContextKey as symbol]: fakeContext() } },
  });
}

/** The camera a fake player plays (the fake core's URLs end in `<cameraId>.flv`). */
const cameraOf = (player: FakeTilePlayer) => /\/(cam-\d+)\.flv$/.exec(player.source.url)![1]!;
const livePlayers = () => FakeTilePlayer.instances.filter((player) => !player.isDisposed);
const tileCameras = (wrapper: ReturnType<typeof mountPatrol>) =>
  wrapper.findAll('[data-testid="video-tile"]').map((tile) => tile.attributes('data-camera-id'));

/** A running patrol counts dwells from the epoch: at this time (a multiple of 10 s) it is at step 1e8. */
const start = 1_000_000_000_000;

beforeEach(() => {
  FakeTilePlayer.instances.length = 0;
  // setImmediate stays real: flushPromises waits on it.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(start);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('VideoPatrolView: a block patrol', () => {
  it('lays a 2×2 block out evenly in the cell, one page of the group with one player per tile', async () => {
    const wrapper = mountPatrol(patrol(10, { rows: 2, columns: 2 }));
    await flushPromises();
    // Step 1e8 of 3 pages is page 1 (the second): cameras 5–8.
    expect(tileCameras(wrapper)).toEqual(['cam-0005', 'cam-0006', 'cam-0007', 'cam-0008']);
    const boxes = wrapper.findAll('.block-tile').map((tile) => tile.attributes('style'));
    expect(boxes).toEqual([
      'left: 0px; top: 0px; width: 318px; height: 178px;',
      'left: 322px; top: 0px; width: 318px; height: 178px;',
      'left: 0px; top: 182px; width: 318px; height: 178px;',
      'left: 322px; top: 182px; width: 318px; height: 178px;',
    ]);
    expect(livePlayers().map((player) => cameraOf(player))).toEqual(tileCameras(wrapper));
    expect(wrapper.get('[data-block-tile="0"] [data-testid="tile-caption"]').text()).toBe('轮巡 第 2/3 页');
    expect(wrapper.findAll('[data-testid="tile-caption"]')).toHaveLength(1);
    wrapper.unmount();
    expect(livePlayers()).toHaveLength(0);
  });

  it('keeps a 3×3 block off the panel bezels that run through its merged cell', async () => {
    // A bezel band 200–220 px across the cell and one 120–130 px down it: evenly spaced, the middle column
    // (213–423) and row (120–240) would lie across them.
    const bezels = { columns: [{ start: 200, end: 220 }], rows: [{ start: 120, end: 130 }] };
    const wrapper = mountPatrol(patrol(9, { rows: 3, columns: 3 }), bezels);
    await flushPromises();
    const boxes = wrapper.findAll<HTMLElement>('.block-tile').map((tile) => {
      const style = tile.element.style;
      return {
        x: parseFloat(style.left),
        y: parseFloat(style.top),
        width: parseFloat(style.width),
        height: parseFloat(style.height),
      };
    });
    expect(boxes).toHaveLength(9);
    for (const box of boxes) {
      expect(box.x < 220 && box.x + box.width > 200, `${JSON.stringify(box)} across the column bezel`).toBe(
        false,
      );
      expect(box.y < 130 && box.y + box.height > 120, `${JSON.stringify(box)} across the row bezel`).toBe(
        false,
      );
    }
    // The edges next to the bezels are the bezels' own.
    expect(boxes.some((box) => box.x + box.width === 200)).toBe(true);
    expect(boxes.some((box) => box.y === 130)).toBe(true);
    wrapper.unmount();
  });

  it('shows a group smaller than the block once and labels the empty tile, which holds no player', async () => {
    const wrapper = mountPatrol(patrol(3, { rows: 2, columns: 2 }));
    await flushPromises();
    expect(tileCameras(wrapper)).toEqual(['cam-0001', 'cam-0002', 'cam-0003']);
    expect(wrapper.get('[data-testid="patrol-vacant-tile"]').text()).toBe('空位（轮巡组仅 3 路）');
    expect(livePlayers()).toHaveLength(3);
    wrapper.unmount();
  });

  it('holds no player in any tile while the cell is hidden, and plays every tile when shown again', async () => {
    const wrapper = mountPatrol(patrol(10, { rows: 2, columns: 2 }));
    await flushPromises();
    expect(livePlayers()).toHaveLength(4);
    await wrapper.setProps({ active: false });
    await flushPromises();
    expect(livePlayers()).toHaveLength(0);
    expect(wrapper.findAll('[data-state="inactive"]')).toHaveLength(4);
    await wrapper.setProps({ active: true });
    await flushPromises();
    expect(livePlayers()).toHaveLength(4);
    wrapper.unmount();
  });

  it('keeps a patrol without a block as one tile with its camera position', async () => {
    const wrapper = mountPatrol(patrol(7));
    await flushPromises();
    // Step 1e8 of 7 cameras: 1e8 mod 7 = 2, the third camera.
    expect(tileCameras(wrapper)).toEqual(['cam-0003']);
    expect(wrapper.get('[data-testid="tile-caption"]').text()).toBe('轮巡 3/7');
    expect(wrapper.findAll('.block-tile')).toHaveLength(1);
    wrapper.unmount();
  });

  it('prefetches the next page 3 s ahead and every tile takes its prefetched player over at the change', async () => {
    const wrapper = mountPatrol(patrol(10, { rows: 2, columns: 2 }));
    await flushPromises();
    livePlayers().forEach((player) => player.play());

    await vi.advanceTimersByTimeAsync(7_010);
    await flushPromises();
    const prefetched = livePlayers().slice(4);
    expect(prefetched.map((player) => cameraOf(player))).toEqual([
      'cam-0009',
      'cam-0010',
      'cam-0001',
      'cam-0002',
    ]);
    prefetched.forEach((player) => player.play());
    const created = FakeTilePlayer.instances.length;

    await vi.advanceTimersByTimeAsync(3_000);
    await flushPromises();
    expect(tileCameras(wrapper)).toEqual(['cam-0009', 'cam-0010', 'cam-0001', 'cam-0002']);
    expect(FakeTilePlayer.instances.length, 'no new player at the change').toBe(created);
    expect(livePlayers()).toEqual(prefetched);
    wrapper.unmount();
  });
});
