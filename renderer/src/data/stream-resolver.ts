// Stream URLs per camera and profile, asked of the core once and kept for a minute.
//
// A scenario switch mounts 16–36 tiles at once, and operators switch back and forth between the same presets
// (日常 ↔ 防汛防台): answering from memory lets every tile start connecting in the same task it mounts in,
// instead of after a round trip to the core per tile. A minute bounds how long a changed platform template
// (or a platform that hands out short-lived URLs) can be answered from memory. A wall window also primes it
// with the streams its display may show next (stream-prefetch.ts), so that a switch made minutes after the
// last one starts as fast as switching back and forth.
import type { RequestResult } from '@shared/protocol';

export type StreamSource = RequestResult<'media.resolve'>;
export type StreamProfile = 'main' | 'sub';

/** How long a resolved stream is reused, ms. */
export const streamCacheMs = 60_000;

interface Entry {
  readonly source: Promise<StreamSource>;
  /** When the answer arrived (ms, `now()`); null while it is on its way. */
  resolvedAt: number | null;
}

/** Resolves a camera's stream in a profile; `prime` keeps answers the core gave ahead of time. */
export interface StreamResolver {
  (cameraId: string, profile: StreamProfile): Promise<StreamSource>;
  /** Keeps each source as if just resolved (a request still on its way for the same stream is left be). */
  prime(sources: readonly StreamSource[]): void;
  /** `holder` (a tile) shows or prefetches the stream now. */
  hold(cameraId: string, profile: StreamProfile, holder: object): void;
  /**
   * `holder` no longer shows it. Once no tile holds a stream the core holds for this window (`isHeld`, an
   * on-demand platform's), it is forgotten here and released at the core (`releaseAtCore`).
   */
  release(cameraId: string, profile: StreamProfile, holder: object): void;
}

/**
 * `resolve(cameraId, profile)` with answers kept for `ttlMs`; calls for a stream already being resolved share
 * the one request, and a failed request is forgotten at once so the next call asks again.
 */
export function createStreamResolver(
  request: (cameraId: string, profile: StreamProfile) => Promise<StreamSource>,
  options: {
    ttlMs?: number;
    now?: () => number;
    maxEntries?: number;
    releaseAtCore?: (cameraId: string, profile: StreamProfile) => void;
  } = {},
): StreamResolver {
  const ttlMs = options.ttlMs ?? streamCacheMs;
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 2_000;
  const entries = new Map<string, Entry>();
  const keyOf = (cameraId: string, profile: StreamProfile) => `${profile}\u0000${cameraId}`;
  /** Keeps `entry` as the newest; when full, the oldest goes. */
  const store = (key: string, entry: Entry) => {
    entries.delete(key);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(key, entry);
  };
  const resolve = (cameraId: string, profile: StreamProfile) => {
    const key = keyOf(cameraId, profile);
    const cached = entries.get(key);
    if (cached && (cached.resolvedAt === null || now() - cached.resolvedAt < ttlMs)) return cached.source;
    const entry: Entry = {
      resolvedAt: null,
      source: request(cameraId, profile).then(
        (source) => {
          entry.resolvedAt = now();
          return source;
        },
        (error: unknown) => {
          if (entries.get(key) === entry) entries.delete(key);
          throw error;
        },
      ),
    };
    store(key, entry);
    return entry.source;
  };
  const prime = (sources: readonly StreamSource[]) => {
    for (const source of sources) {
      const key = keyOf(source.cameraId, source.profile);
      if (entries.get(key)?.resolvedAt === null) continue;
      store(key, { source: Promise.resolve(source), resolvedAt: now() });
    }
  };
  const holders = new Map<string, Set<object>>();
  const hold = (cameraId: string, profile: StreamProfile, holder: object) => {
    const key = keyOf(cameraId, profile);
    let set = holders.get(key);
    if (!set) holders.set(key, (set = new Set()));
    set.add(holder);
  };
  const release = (cameraId: string, profile: StreamProfile, holder: object) => {
    const key = keyOf(cameraId, profile);
    const set = holders.get(key);
    if (!set?.delete(holder) || set.size > 0) return;
    holders.delete(key);
    const entry = entries.get(key);
    void entry?.source.then(
      (source) => {
        if (!source.isHeld || holders.has(key)) return;
        if (entries.get(key) === entry) entries.delete(key);
        options.releaseAtCore?.(cameraId, profile);
      },
      () => undefined,
    );
  };
  return Object.assign(resolve, { prime, hold, release });
}
