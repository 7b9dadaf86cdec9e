// Clip-folder files as they are (`/media/file/<name>`), with byte ranges.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText, type TrackConnection } from './media-replies';

const contentTypes: Record<string, string> = {
  ts: 'video/mp2t',
  m2t: 'video/mp2t',
  flv: 'video/x-flv',
  mp4: 'video/mp4',
};

/** Parses a single `bytes=start-end` range; undefined means "whole file". */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined; // multi-range or malformed: send all
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2])); // suffix range: the last N bytes
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'unsatisfiable';
  return { start, end };
}

/**
 * Sends a clip-folder file as is (Range supported); `track` counts the download among the open connections
 * until it ends. The caller has checked the name (no path traversal).
 */
export function serveFile(
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  track: TrackConnection,
): void {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new Error('not a file');
    size = stats.size;
  } catch {
    sendText(res, 404, 'not found');
    return;
  }
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    sendText(res, 416, 'range not satisfiable', { 'Content-Range': `bytes */${size}` });
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.writeHead(range ? 206 : 200, {
    'Content-Type': contentTypes[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
    'Content-Length': String(end - start + 1),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  const untrack = track({ end: () => res.destroy(), destroy: () => res.destroy() });
  const reader = createReadStream(path, { start, end });
  res.once('close', () => {
    reader.destroy();
    untrack();
  });
  reader.once('error', () => res.destroy());
  reader.pipe(res);
}
