// Test-only: what the demo PTZ heads received (moves, stops, their times) and the view each shows, at
// `GET /test/ptz/stats`, mounted with the media fault control (`--fault-injection`), never by default.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoConnector } from './demo-connector';

export const ptzTestPath = '/test/ptz/stats';

export function createPtzTestControl(
  connector: DemoConnector,
  accessToken: string | null,
): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== ptzTestPath) return false;
    const isAllowed = accessToken === null || url.searchParams.get('token') === accessToken;
    response.writeHead(isAllowed ? 200 : 401, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(JSON.stringify(isAllowed ? connector.ptzStats() : { error: 'access token required' }));
    return true;
  };
}
