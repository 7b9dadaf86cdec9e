// Global counts of live video players, exposed on `window.__tianmuVideo` so end-to-end tests can find leaks.

/**
 * What `window.__tianmuVideo` holds. The object is updated in place, so a test may keep a reference.
 * - `players`: TilePlayers created and not yet disposed.
 * - `engines`: mpegts.js player instances created and not yet destroyed (at most one per TilePlayer; a
 *   reconnect destroys the old one before it creates the next).
 * - `videoElements`: `<video>` elements created by TilePlayers and not yet released.
 */
export interface VideoDiagnostics {
  players: number;
  engines: number;
  videoElements: number;
  /** The live figures of every player (latency, fps, dropped frames …), for tests and the video bench. */
  statistics: () => unknown[];
}

declare global {
  interface Window {
    /** Live counts of video players, for tests (see renderer/src/video/player-count.ts). */
    __tianmuVideo?: VideoDiagnostics;
  }
}

const statisticsSources = new Set<() => unknown>();
const counts: VideoDiagnostics = {
  players: 0,
  engines: 0,
  videoElements: 0,
  statistics: () => [...statisticsSources].map((read) => read()),
};
if (typeof window !== 'undefined') window.__tianmuVideo = counts;

/** Adds `delta` (+1 on create, −1 on release) to one of the counts. */
export function countVideo(what: 'players' | 'engines' | 'videoElements', delta: 1 | -1): void {
  counts[what] = Math.max(0, counts[what] + delta);
}

/** A copy of the current counts. */
export function videoCounts(): Readonly<Omit<VideoDiagnostics, 'statistics'>> {
  return { players: counts.players, engines: counts.engines, videoElements: counts.videoElements };
}

/** Lists a live player's statistics in `window.__tianmuVideo.statistics()`; returns the function that removes it. */
export function registerPlayer(readStatistics: () => unknown): () => void {
  statisticsSources.add(readStatistics);
  return () => statisticsSources.delete(readStatistics);
}
