// Plain HTTP answers of the media server (text replies, refused WebSocket upgrades) and the handle of an open
// connection, which the server counts and closes.
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** One open media connection, closable by the server's close(). */
export interface Connection {
  end(): void;
  destroy(): void;
}

/** Counts a connection among the server's open ones; the returned function forgets it. */
export type TrackConnection = (connection: Connection) => () => void;

/** Answers `status` with a plain-text body (none for HEAD). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(res.req?.method === 'HEAD' ? undefined : text);
}

/** Answers a WebSocket upgrade with a plain HTTP error and closes the socket. */
export function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${status} ${reason}`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
