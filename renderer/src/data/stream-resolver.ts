// Stream URLs per camera and profile, asked of the core once and kept for a minute.
//
// A scenario switch mounts 16–36 tiles at once, and operators switch back and forth between the same presets
// (日常 ↔ 防汛防台): answering from memory lets every tile start connecting in the same task it mounts in,
// instead of after a round trip to the core per tile. A minute bounds how long a changed platform template
// (or a platform that hands out short-lived URLs) can be answered from memory.
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

/**
 * `resolve(cameraId, profile)` with answers kept for `ttlMs`; calls for a stream already being resolved share
 * the one request, and a failed request is forgotten at once so the next call asks again.
 */
export function createStreamResolver(
  request: (cameraId: string, profile: StreamProfile) => Promise<StreamSource>,
  options: { ttlMs?: number; now?: () => number; maxEntries?: number } = {},
): (cameraId: string, profile: StreamProfile) => Promise<StreamSource> {
  const ttlMs = options.ttlMs ?? streamCacheMs;
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 2_000;
  const entries = new Map<string, Entry>();
  return (cameraId, profile) => {
    const key = `${profile}\u0000${cameraId}`;
    const cached = entries.get(key);
    if (cached && (cached.resolvedAt === null || now() - cached.resolvedAt < ttlMs)) return cached.source;
    entries.delete(key);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
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
    entries.set(key, entry);
    return entry.source;
  };
}
