// Talks to the running core over its WebSocket, as a window would: for tests that need the truth and for benches
// that drive the wall as the console does.
import WebSocket from 'ws';

/** One protocol connection to the core; the window URL's credential (wall token or console ticket) says who. */
export interface CoreConnection {
  request<T>(name: string, params?: unknown): Promise<T>;
  close(): void;
}

/** Opens a protocol connection to the core behind a window URL. */
export async function connectToCore(windowUrl: string): Promise<CoreConnection> {
  const url = new URL(windowUrl);
  const socket = new WebSocket(
    `ws://${url.host}/ws?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`,
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  return {
    request: <T>(name: string, params: unknown = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        const onMessage = (data: WebSocket.RawData) => {
          const message = JSON.parse(String(data)) as {
            type: string;
            id?: number;
            ok?: boolean;
            result?: T;
            error?: { message: string };
          };
          if (message.type !== 'response' || message.id !== id) return;
          socket.off('message', onMessage);
          if (message.ok) resolve(message.result as T);
          else reject(new Error(`${name}: ${message.error?.message ?? 'request failed'}`));
        };
        socket.on('message', onMessage);
        socket.send(JSON.stringify({ type: 'request', id, name, params }));
      }),
    close: () => socket.close(),
  };
}

/** Sends one request to the core behind a window URL (which carries the credential) and returns its result. */
export async function coreRequest<T>(windowUrl: string, name: string, params: unknown = {}): Promise<T> {
  const connection = await connectToCore(windowUrl);
  try {
    return await connection.request<T>(name, params);
  } finally {
    connection.close();
  }
}
