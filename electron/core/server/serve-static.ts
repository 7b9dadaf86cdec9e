// Serves the built renderer: files under one folder only, index.html for the app's routes.
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
  let file = path.resolve(base, '.' + path.posix.normalize(relative));
  if (file !== base && !file.startsWith(base + path.sep)) {
    response.writeHead(403).end('forbidden');
    return;
  }
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    // The app routes in the hash, but serve index.html for any unknown path so reloads never 404.
    file = path.join(base, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info) {
      response
        .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('renderer not built: run npm run build');
      return;
    }
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
