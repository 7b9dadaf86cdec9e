// Asks the running core a protocol request over its WebSocket, as a window would (for tests that need the truth).
import WebSocket from 'ws';

/** Sends one request to the core behind a window URL (which carries the access token) and returns its result. */
export async function coreRequest<T>(windowUrl: string, name: string, params: unknown = {}): Promise<T> {
  const url = new URL(windowUrl);
  const socket = new WebSocket(
    `ws://${url.host}/ws?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return await new Promise<T>((resolve, reject) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as {
          type: string;
          id?: number;
          ok?: boolean;
          result?: T;
          error?: { message: string };
        };
        if (message.type !== 'response' || message.id !== 1) return;
        if (message.ok) resolve(message.result as T);
        else reject(new Error(message.error?.message ?? 'request failed'));
      });
      socket.send(JSON.stringify({ type: 'request', id: 1, name, params }));
    });
  } finally {
    socket.close();
  }
}
