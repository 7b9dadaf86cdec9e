// A stand-in for TilePlayer in component tests, mocked in with
//   vi.mock('…/video/tile-player', async () => ({ TilePlayer: (await import('…/tests/support/renderer/fake-tile-player')).FakeTilePlayer }))
// It puts a <video> in its container, plays only when told and keeps every instance, so a test can count the
// players a component holds. TilePlayer itself is tested in tile-player.test.ts, real playback in tests/e2e.
import type { TilePlayerSource, TilePlayerStatus } from '../../../renderer/src/video/tile-player';
import { connectingStatus } from '../../../renderer/src/video/tile-status';

export class FakeTilePlayer {
  /** Every player created since a test last emptied the list (`instances.length = 0`). */
  static readonly instances: FakeTilePlayer[] = [];
  readonly video = document.createElement('video');
  isDisposed = false;
  status: TilePlayerStatus = connectingStatus();
  private listener: ((status: TilePlayerStatus) => void) | undefined;

  constructor(
    readonly container: HTMLElement,
    readonly source: TilePlayerSource,
  ) {
    container.append(this.video);
    FakeTilePlayer.instances.push(this);
  }

  onStateChanged(listener: (status: TilePlayerStatus) => void): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }

  /** Changes the status as the real player would, and tells the listener. */
  emit(change: Partial<TilePlayerStatus>): void {
    this.status = { ...this.status, ...change };
    this.listener?.(this.status);
  }

  /** The first frame is on screen. */
  play(): void {
    this.emit({ state: 'playing' });
  }

  statistics(): null {
    return null;
  }

  dispose(): void {
    this.isDisposed = true;
    this.video.remove();
  }
}
