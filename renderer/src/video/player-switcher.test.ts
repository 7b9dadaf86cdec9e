// A tile's player changes: the old picture stays until the new one plays, prefetch makes the change instant,
// and nothing outlives the tile (TilePlayer is replaced by the shared FakeTilePlayer, which plays when told).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTilePlayer } from '../../../tests/support/renderer/fake-tile-player';
import { PlayerSwitcher, takeOverTimeoutMs, type SwitcherView } from './player-switcher';

vi.mock('./tile-player', async () => ({
  TilePlayer: (await import('../../../tests/support/renderer/fake-tile-player')).FakeTilePlayer,
}));

/** The players not yet disposed. */
const livePlayers = () => FakeTilePlayer.instances.filter((player) => !player.isDisposed);

const source = (key: string) => ({ url: `ws://host/${key}.flv`, kind: 'ws-flv' as const });
const playerOf = (key: string) => livePlayers().find((player) => player.source.url.includes(key))!;
const visibleKeys = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('.video-layer')]
    .filter((layer) => layer.style.visibility === 'visible')
    .map((layer) => layer.querySelector('video') && playerKey(layer));
const playerKey = (layer: HTMLElement) =>
  livePlayers().find((player) => player.video.parentElement === layer)?.source.url;

let container: HTMLElement;
let views: SwitcherView[];
let switcher: PlayerSwitcher;

beforeEach(() => {
  vi.useFakeTimers();
  FakeTilePlayer.instances.length = 0;
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
    playerOf('a').play();
    switcher.show('b', source('b'));
    expect(switcher.view.key).toBe('a');
    expect(switcher.playerCount).toBe(2);
    playerOf('b').play();
    expect(switcher.view).toMatchObject({ key: 'b', status: { state: 'playing' } });
    expect(livePlayers().length).toBe(1);
    expect(container.querySelectorAll('video')).toHaveLength(1);
  });

  it('takes over after a timeout when the new camera does not play, so the tile shows its real state', () => {
    switcher.show('a', source('a'));
    playerOf('a').play();
    switcher.show('b', source('b'));
    vi.advanceTimersByTime(takeOverTimeoutMs);
    expect(switcher.view.key).toBe('b');
    expect(livePlayers().length).toBe(1);
  });

  it('uses a prefetched player that already plays: the change is immediate', () => {
    switcher.show('a', source('a'));
    playerOf('a').play();
    switcher.prefetch('b', source('b'));
    playerOf('b').play();
    expect(switcher.view.key).toBe('a');
    switcher.show('b', source('b'));
    expect(switcher.view.key).toBe('b');
    expect(livePlayers().length).toBe(1);
  });

  it('keeps a prefetched player when told it is the camera about to be shown, and drops it otherwise', () => {
    switcher.show('a', source('a'));
    playerOf('a').play();
    switcher.prefetch('b', source('b'));
    playerOf('b').play();
    // The tile's next camera went away because it became the camera (its show() waits for the stream URL).
    switcher.cancelPrefetch('b');
    expect(livePlayers().length).toBe(2);
    switcher.show('b', source('b'));
    expect(switcher.view.key).toBe('b');
    expect(livePlayers().length).toBe(1);
    switcher.prefetch('c', source('c'));
    switcher.cancelPrefetch('d');
    expect(livePlayers().length).toBe(1);
  });

  it('never holds more than three players under rapid changes, and dispose releases every one', () => {
    switcher.show('a', source('a'));
    for (let index = 0; index < 200; index++) {
      switcher.prefetch(`p${index}`, source(`p${index}`));
      switcher.show(`c${index}`, source(`c${index}`));
      if (index % 3 === 0) playerOf(`c${index}`).play();
      expect(livePlayers().length).toBeLessThanOrEqual(3);
    }
    switcher.dispose();
    expect(livePlayers().length).toBe(0);
    expect(container.children).toHaveLength(0);
  });

  it('dispose releases every player at once: shown, incoming and prefetched', () => {
    switcher.show('a', source('a'));
    switcher.show('b', source('b'));
    switcher.prefetch('c', source('c'));
    expect(livePlayers().length).toBe(3);
    switcher.dispose();
    expect(container.children).toHaveLength(0);
    expect(livePlayers().length).toBe(0);
  });
});
