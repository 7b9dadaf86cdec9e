// A fake REST backend for polling adapters: answers GET with whatever body the test sets, counts requests,
// and can fail (HTTP 500), answer garbage, or hang past the client's timeout.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RestServer {
  readonly url: string;
  /** The JSON body of the next answers. */
  body: unknown;
  mode: 'ok' | 'error' | 'garbage' | 'hang';
  readonly requestTimes: number[];
  close(): Promise<void>;
}

export async function startRestServer(body: unknown = {}): Promise<RestServer> {
  const requestTimes: number[] = [];
  const state = { body, mode: 'ok' as RestServer['mode'] };
  const server = http.createServer((request, response) => {
    requestTimes.push(Date.now());
    if (state.mode === 'hang') return;
    if (state.mode === 'error') return void response.writeHead(500).end('internal error');
    if (state.mode === 'garbage') return void response.writeHead(200).end('<html>oops');
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(state.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/vitals`,
    get body() {
      return state.body;
    },
    set body(value) {
      state.body = value;
    },
    get mode() {
      return state.mode;
    },
    set mode(value) {
      state.mode = value;
    },
    requestTimes,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
