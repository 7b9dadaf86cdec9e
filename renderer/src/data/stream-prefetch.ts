// Keeps a wall window's stream cache primed with every stream its display may show next.
//
// Operators switch 平急 minutes or hours after the last switch, when every cached stream URL has expired: each
// of the 16–36 new tiles would then wait for its own round trip to the core before it could connect (about
// 100–150 ms more per switch, measured on the switch bench with the cache off). Asking the core for the whole
// list (`media.prefetch`) once in a while, well inside the cache's minute, makes every switch a warm one.
import { streamCacheMs, type StreamSource } from './stream-resolver';

/** How often the list is asked for again: a primed answer is replaced before it expires. */
export const prefetchEveryMs = Math.round(streamCacheMs * 0.75);

/**
 * Calls `fetch` at once, then every `everyMs` after each answer, and hands each answer to `prime` (one message
 * to the core and a few hundred map entries: nothing a starting wall would notice). A failed ask (the core
 * away) is logged and tried again at the next turn. Returns the function that stops it.
 */
export function startStreamPrefetch(
  fetch: () => Promise<readonly StreamSource[]>,
  prime: (sources: readonly StreamSource[]) => void,
  everyMs = prefetchEveryMs,
): () => void {
  let isStopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const turn = async () => {
    try {
      const sources = await fetch();
      if (!isStopped) prime(sources);
    } catch (error) {
      if (!isStopped) console.warn('[stream-prefetch] could not resolve the streams ahead', error);
    }
    if (!isStopped) timer = setTimeout(() => void turn(), everyMs);
  };
  void turn();
  return () => {
    isStopped = true;
    clearTimeout(timer);
  };
}
