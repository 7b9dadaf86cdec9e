// Serves the built renderer: files under one folder only, index.html for `/`, 404 for everything else.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Content-Security-Policy of the app when the core computes none (see content-security-policy.ts). */
const defaultContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: http: https:",
  "media-src 'self' blob:",
  "connect-src 'self' ws: wss: http: https:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  contentSecurityPolicy = defaultContentSecurityPolicy,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    response.writeHead(400).end('bad path');
    return;
  }
  const base = path.resolve(root);
  // The app routes in the hash, so its page is `/` (or /index.html) and everything else is a built file.
  // Anything not in the folder is 404 — never index.html, so no path (a workspace file, the state folder, the
  // journal, a ../ escape) ever answers 200 — and dot files are never served.
  const notFound = () =>
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
  const normalized = path.posix.normalize(relative);
  if (relative.includes('\0') || normalized.split('/').some((segment) => segment.startsWith('.')))
    return void notFound();
  const file = path.resolve(base, '.' + (normalized === '/' ? '/index.html' : normalized));
  if (!file.startsWith(base + path.sep)) return void notFound();
  const info = await stat(file).catch(() => null);
  if (!info || !info.isFile()) {
    if (normalized === '/')
      response
        .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('renderer not built: run npm run build');
    else notFound();
    return;
  }
  const isHtml = file.endsWith('.html');
  response.writeHead(200, {
    'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    ...(isHtml ? { 'Content-Security-Policy': contentSecurityPolicy } : {}),
  });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(file).pipe(response);
}
