// Live streams of on-demand platforms (wvp starts a GB28181 stream per `play`), held per window: opened once
// for every window that shows a camera, and released at the platform once no window holds it for a short grace
// (a 平急转换 that shows the camera again a moment later neither stops nor restarts it).
import type { CameraDirectory, LiveStream } from './connector';

type Profile = 'main' | 'sub';

/** Who holds a stream: a window's session (any object; compared by identity). */
export type StreamHolder = object;

export interface LiveStreamsOptions {
  readonly directory: CameraDirectory;
  /** How long a stream no window holds stays open (ms, default 10 s). */
  readonly graceMs?: number;
  readonly log: (line: string) => void;
}

interface Entry {
  readonly stream: Promise<LiveStream>;
  readonly holders: Set<StreamHolder>;
  timer?: NodeJS.Timeout;
}

export class LiveStreams {
  private readonly entries = new Map<string, Entry>();
  private readonly held = new Map<StreamHolder, Set<string>>();

  constructor(private readonly options: LiveStreamsOptions) {}

  /**
   * The camera's live stream for `holder` (a window): the one already open, or a new one from its platform.
   * A window holds a stream once however many of its tiles show it; it lets go with `release` or `releaseAll`.
   */
  async open(cameraId: string, profile: Profile, holder: StreamHolder): Promise<LiveStream> {
    const key = `${profile}\u0000${cameraId}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const found = this.options.directory.find(cameraId);
      if (!found) throw new Error(`unknown camera '${cameraId}'`);
      const stream = found.connector.openLive(found.ref, profile);
      const created: Entry = { stream, holders: new Set() };
      this.entries.set(key, created);
      // A failed start is forgotten at once: the next request asks the platform again.
      stream.catch(() => {
        if (this.entries.get(key) === created) this.drop(key, created);
      });
      entry = created;
    }
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.holders.add(holder);
    let keys = this.held.get(holder);
    if (!keys) this.held.set(holder, (keys = new Set()));
    keys.add(key);
    return entry.stream;
  }

  /** `holder` no longer shows the camera in this profile. */
  release(cameraId: string, profile: Profile, holder: StreamHolder): void {
    this.letGo(`${profile}\u0000${cameraId}`, holder);
  }

  /** Everything `holder` held (its window closed). */
  releaseAll(holder: StreamHolder): void {
    for (const key of [...(this.held.get(holder) ?? [])]) this.letGo(key, holder);
  }

  /** Streams open at the platform now (held, or within their grace). */
  get openCount(): number {
    return this.entries.size;
  }

  /** Releases every stream at once (the core is closing). */
  async dispose(): Promise<void> {
    const entries = [...this.entries];
    this.held.clear();
    await Promise.all(entries.map(([key, entry]) => this.stop(key, entry)));
  }

  private letGo(key: string, holder: StreamHolder): void {
    const keys = this.held.get(holder);
    keys?.delete(key);
    if (keys?.size === 0) this.held.delete(holder);
    const entry = this.entries.get(key);
    if (!entry || !entry.holders.delete(holder) || entry.holders.size > 0) return;
    entry.timer = setTimeout(() => void this.stop(key, entry), this.options.graceMs ?? 10_000);
    entry.timer.unref?.();
  }

  private async stop(key: string, entry: Entry): Promise<void> {
    this.drop(key, entry);
    let stream: LiveStream;
    try {
      stream = await entry.stream;
    } catch {
      return; // never started: nothing to release
    }
    await stream.release().catch((error: unknown) => {
      const cameraId = key.slice(key.indexOf('\u0000') + 1);
      this.options.log(`[cameras] releasing the stream of '${cameraId}' failed: ${(error as Error).message}`);
    });
  }

  private drop(key: string, entry: Entry): void {
    clearTimeout(entry.timer);
    if (this.entries.get(key) === entry) this.entries.delete(key);
    for (const holder of entry.holders) {
      const keys = this.held.get(holder);
      keys?.delete(key);
      if (keys?.size === 0) this.held.delete(holder);
    }
    entry.holders.clear();
  }
}
