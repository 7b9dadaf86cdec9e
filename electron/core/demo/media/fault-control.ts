// Test-only HTTP control of the demo media server (fault injection), mounted only with `--fault-injection`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MediaServer } from './media-server';

/** Path prefix of the control endpoint. */
export const faultControlPrefix = '/test/media/';

const streamAction = /^\/test\/media\/streams\/([a-z0-9-]+)\/(stop|restart|stall|resume|forbid|permit)$/;

/**
 * Routes, all `POST` except stats (answers are JSON):
 * - `server/stop`: every stream stops (viewers disconnected) and new connections are refused, as when the
 *   media server goes down; `server/start`: connections accepted again, stopped streams restarted.
 * - `streams/<id>/stop|restart|stall|resume`: one stream (see LiveStream).
 * - `streams/<id>/forbid|permit`: its new viewers get HTTP 403 (an auth hook refusing them), or no longer.
 * - `refuse?on=true|false`: refuse new connections (open ones continue).
 * - `GET stats`: MediaServer.stats() — open connections per stream and in total.
 * With an access token, every request must carry it as `?token=`.
 */
export function createFaultControl(
  media: MediaServer,
  accessToken: string | null,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(faultControlPrefix)) return false;
    if (accessToken !== null && url.searchParams.get('token') !== accessToken) {
      reply(res, 401, { error: 'access token required' });
      return true;
    }
    const route = url.pathname.slice(faultControlPrefix.length);
    if (req.method === 'GET' && route === 'stats') {
      reply(res, 200, media.stats());
      return true;
    }
    if (req.method !== 'POST') {
      reply(res, 405, { error: 'POST only' });
      return true;
    }
    if (route === 'server/stop') {
      media.refuseConnections(true);
      for (const id of media.streamIds) media.stream(id)?.stop();
      reply(res, 200, media.stats());
      return true;
    }
    if (route === 'server/start') {
      media.refuseConnections(false);
      for (const id of media.streamIds) {
        const live = media.stream(id);
        if (live?.state === 'stopped') live.restart();
      }
      reply(res, 200, media.stats());
      return true;
    }
    if (route === 'refuse') {
      media.refuseConnections(url.searchParams.get('on') !== 'false');
      reply(res, 200, media.stats());
      return true;
    }
    const match = streamAction.exec(url.pathname);
    const live = match ? media.stream(match[1]!) : undefined;
    if (!match || !live) {
      reply(res, 404, { error: 'unknown control route or stream' });
      return true;
    }
    const action = match[2] as 'stop' | 'restart' | 'stall' | 'resume' | 'forbid' | 'permit';
    if (action === 'forbid' || action === 'permit') media.forbid(live.id, action === 'forbid');
    else live[action]();
    reply(res, 200, { id: live.id, state: live.state });
    return true;
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
