// A tile's player changes: the old picture stays until the new one plays, prefetch makes the change instant,
// and nothing outlives the tile (TilePlayer is replaced by a fake that plays when told).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlayerSwitcher, takeOverTimeoutMs, type SwitcherView } from './player-switcher';

const fake = vi.hoisted(() => {
  type Status = { state: string };
  class FakeTilePlayer {
    static live = new Set<FakeTilePlayer>();
    readonly video = document.createElement('video');
    status: Status = { state: 'connecting' };
    listener: ((status: Status) => void) | undefined;
    constructor(
      container: HTMLElement,
      readonly source: { url: string },
    ) {
      container.append(this.video);
      FakeTilePlayer.live.add(this);
    }
    onStateChanged(listener: (status: Status) => void) {
      this.listener = listener;
      return () => (this.listener = undefined);
    }
    set(state: string) {
      this.status = { state };
      this.listener?.(this.status);
    }
    dispose() {
      this.video.remove();
      FakeTilePlayer.live.delete(this);
    }
  }
  return { FakeTilePlayer };
});
vi.mock('./tile-player', () => ({ TilePlayer: fake.FakeTilePlayer }));

const source = (key: string) => ({ url: `ws://host/${key}.flv`, kind: 'ws-flv' as const });
const playerOf = (key: string) =>
  [...fake.FakeTilePlayer.live].find((player) => player.source.url.includes(key))!;
const visibleKeys = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('.video-layer')]
    .filter((layer) => layer.style.visibility === 'visible')
    .map((layer) => layer.querySelector('video') && playerKey(layer));
const playerKey = (layer: HTMLElement) =>
  [...fake.FakeTilePlayer.live].find((player) => player.video.parentElement === layer)?.source.url;

let container: HTMLElement;
let views: SwitcherView[];
let switcher: PlayerSwitcher;

beforeEach(() => {
  vi.useFakeTimers();
  container = document.createElement('div');
  views = [];
  switcher = new PlayerSwitcher(container, { engines: {} }, (view) => views.push(view));
});
afterEach(() => {
  switcher.dispose();
  vi.runAllTimers();
  vi.useRealTimers();
});

describe('PlayerSwitcher', () => {
  it('shows the first camera at once, with its state', () => {
    switcher.show('a', source('a'));
    expect(switcher.view.key).toBe('a');
    expect(visibleKeys(container)).toEqual(['ws://host/a.flv']);
  });

  it('keeps the old picture until the new camera plays, then releases the old player', () => {
    switcher.show('a', source('a'));
    playerOf('a').set('playing');
    switcher.show('b', source('b'));
    expect(switcher.view.key).toBe('a');
    expect(switcher.playerCount).toBe(2);
    playerOf('b').set('playing');
    expect(switcher.view).toMatchObject({ key: 'b', status: { state: 'playing' } });
    expect(fake.FakeTilePlayer.live.size).toBe(1);
    expect(container.querySelectorAll('video')).toHaveLength(1);
  });

  it('takes over after a timeout when the new camera does not play, so the tile shows its real state', () => {
    switcher.show('a', source('a'));
    playerOf('a').set('playing');
    switcher.show('b', source('b'));
    vi.advanceTimersByTime(takeOverTimeoutMs);
    expect(switcher.view.key).toBe('b');
    expect(fake.FakeTilePlayer.live.size).toBe(1);
  });

  it('uses a prefetched player that already plays: the change is immediate', () => {
    switcher.show('a', source('a'));
    playerOf('a').set('playing');
    switcher.prefetch('b', source('b'));
    playerOf('b').set('playing');
    expect(switcher.view.key).toBe('a');
    switcher.show('b', source('b'));
    expect(switcher.view.key).toBe('b');
    expect(fake.FakeTilePlayer.live.size).toBe(1);
  });

  it('keeps a prefetched player when told it is the camera about to be shown, and drops it otherwise', () => {
    switcher.show('a', source('a'));
    playerOf('a').set('playing');
    switcher.prefetch('b', source('b'));
    playerOf('b').set('playing');
    // The tile's next camera went away because it became the camera (its show() waits for the stream URL).
    switcher.cancelPrefetch('b');
    expect(fake.FakeTilePlayer.live.size).toBe(2);
    switcher.show('b', source('b'));
    expect(switcher.view.key).toBe('b');
    expect(fake.FakeTilePlayer.live.size).toBe(1);
    switcher.prefetch('c', source('c'));
    switcher.cancelPrefetch('d');
    expect(fake.FakeTilePlayer.live.size).toBe(1);
  });

  it('never holds more than three players under rapid changes, and dispose releases every one', () => {
    switcher.show('a', source('a'));
    for (let index = 0; index < 200; index++) {
      switcher.prefetch(`p${index}`, source(`p${index}`));
      switcher.show(`c${index}`, source(`c${index}`));
      if (index % 3 === 0) playerOf(`c${index}`).set('playing');
      expect(fake.FakeTilePlayer.live.size).toBeLessThanOrEqual(3);
    }
    switcher.dispose();
    expect(fake.FakeTilePlayer.live.size).toBe(0);
    expect(container.children).toHaveLength(0);
  });

  it('dispose releases every player at once: shown, incoming and prefetched', () => {
    switcher.show('a', source('a'));
    switcher.show('b', source('b'));
    switcher.prefetch('c', source('c'));
    expect(fake.FakeTilePlayer.live.size).toBe(3);
    switcher.dispose();
    expect(container.children).toHaveLength(0);
    expect(fake.FakeTilePlayer.live.size).toBe(0);
  });
});
