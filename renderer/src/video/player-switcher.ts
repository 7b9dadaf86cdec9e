// The players of one tile over time: the shown one, a replacement that takes over only once it plays (so a
// camera or profile change keeps the old picture instead of going black), and a prefetched next camera.
import {
  TilePlayer,
  type TilePlayerOptions,
  type TilePlayerSource,
  type TilePlayerStatus,
} from './tile-player';

/** What the tile shows now: whose picture (`key`, e.g. a camera id) and that player's status. */
export interface SwitcherView {
  readonly key: string | null;
  readonly status: TilePlayerStatus | null;
}

interface Entry {
  readonly key: string;
  readonly player: TilePlayer;
  readonly stopListening: () => void;
}

/** A replacement that has not played within this time takes over anyway, so the tile tells the truth. */
export const takeOverTimeoutMs = 4_000;

/**
 * Owns every TilePlayer of one tile, each in its own layer inside `container`. At most three exist at a
 * time (shown, incoming, prefetched); `dispose()` releases all of them.
 */
export class PlayerSwitcher {
  private shown: Entry | null = null;
  private incoming: Entry | null = null;
  private prefetched: Entry | null = null;
  private takeOverTimer: ReturnType<typeof setTimeout> | undefined;
  private isDisposed = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: TilePlayerOptions,
    private readonly onChanged: (view: SwitcherView) => void,
  ) {}

  /** Whose picture is shown and its status. */
  get view(): SwitcherView {
    const entry = this.shown ?? this.incoming;
    return { key: entry?.key ?? null, status: entry?.player.status ?? null };
  }

  /** The player whose picture is on screen (for snapshots and statistics). */
  get shownPlayer(): TilePlayer | null {
    return this.shown?.player ?? null;
  }

  /** Number of players alive in this tile (for tests). */
  get playerCount(): number {
    return [this.shown, this.incoming, this.prefetched].filter(Boolean).length;
  }

  /**
   * Shows `key`. Its player (the prefetched one if it matches, else a new one) plays in a hidden layer
   * and takes over once it plays, fails, or after `takeOverTimeoutMs`; the old picture stays until then.
   */
  show(key: string, source: TilePlayerSource): void {
    if (this.isDisposed) return;
    if (this.incoming?.key === key) return;
    if (this.shown?.key === key && !this.incoming) return;
    this.release(this.incoming);
    this.incoming = null;
    if (this.shown?.key === key) {
      this.notify();
      return;
    }
    let entry: Entry;
    if (this.prefetched?.key === key) {
      entry = this.prefetched;
      this.prefetched = null;
    } else {
      entry = this.create(key, source);
    }
    this.incoming = entry;
    if (!this.shown || isReady(entry.player.status)) {
      this.takeOver();
      return;
    }
    clearTimeout(this.takeOverTimer);
    this.takeOverTimer = setTimeout(() => this.takeOver(), takeOverTimeoutMs);
    this.notify();
  }

  /** Starts `key` hidden, so a later `show(key)` has a picture at once; replaces an older prefetch. */
  prefetch(key: string, source: TilePlayerSource): void {
    if (this.isDisposed || this.prefetched?.key === key) return;
    if (this.shown?.key === key || this.incoming?.key === key) return;
    this.release(this.prefetched);
    this.prefetched = this.create(key, source);
  }

  /**
   * Drops the prefetched player, if any, unless it is `keep`: the camera a tile was just told to show, whose
   * `show()` is still waiting for its stream URL and will take that player over.
   */
  cancelPrefetch(keep?: string): void {
    if (this.prefetched?.key === keep) return;
    this.release(this.prefetched);
    this.prefetched = null;
  }

  /**
   * Releases every player at once. (Deferring the teardowns to the next task, so a switch's new tiles would
   * connect first, measured slower: the old players went on decoding on the two cores the new ones needed.)
   */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    clearTimeout(this.takeOverTimer);
    for (const entry of [this.incoming, this.prefetched, this.shown]) this.release(entry);
    this.shown = this.incoming = this.prefetched = null;
  }

  private create(key: string, source: TilePlayerSource): Entry {
    const layer = document.createElement('div');
    layer.className = 'video-layer';
    layer.style.cssText = 'position:absolute;inset:0;visibility:hidden;';
    this.container.append(layer);
    const player = new TilePlayer(layer, source, this.options);
    const entry: Entry = {
      key,
      player,
      stopListening: player.onStateChanged((status) => this.handleStatus(entry, status)),
    };
    return entry;
  }

  private handleStatus(entry: Entry, status: TilePlayerStatus): void {
    if (entry === this.incoming && isReady(status)) this.takeOver();
    else if (entry === this.shown) this.notify();
  }

  private takeOver(): void {
    clearTimeout(this.takeOverTimer);
    this.takeOverTimer = undefined;
    const entry = this.incoming;
    if (!entry) return;
    this.incoming = null;
    const old = this.shown;
    this.shown = entry;
    layerOf(entry).style.visibility = 'visible';
    // The new picture is up before the old one goes: no black frame between them.
    this.release(old);
    this.notify();
  }

  private release(entry: Entry | null): void {
    if (!entry) return;
    entry.stopListening();
    const layer = layerOf(entry);
    entry.player.dispose();
    layer.remove();
  }

  private notify(): void {
    if (!this.isDisposed) this.onChanged(this.view);
  }
}

/** Playing, or a state that a tile must show rather than hide behind an old picture. */
function isReady(status: TilePlayerStatus): boolean {
  return status.state !== 'connecting' && status.state !== 'reconnecting';
}

function layerOf(entry: Entry): HTMLElement {
  return entry.player.video.parentElement ?? document.createElement('div');
}
