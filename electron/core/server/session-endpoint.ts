// POST /auth/session signs a browser in (JSON {userId, password}) and sets the HttpOnly session cookie the
// /ws upgrade reads; DELETE signs it out. Same origin only: a page of another site may not sign anyone in or out.
import type http from 'node:http';
import { ProtocolError } from '@shared/protocol';
import { z } from 'zod';
import { sessionCookieName, type SignIn } from '../auth/sign-in';

const loginSchema = z.object({ userId: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const maxBodyBytes = 4_096;

/** The value of one cookie in a `Cookie` header (null when absent). */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}

export interface SessionEndpointOptions {
  readonly signIn: SignIn;
  readonly isOwnOrigin: (origin: string | undefined) => boolean;
  /** Adds `Secure` to the cookie (the core serves TLS). */
  readonly isSecure: () => boolean;
}

export function createSessionEndpoint(options: SessionEndpointOptions) {
  const cookie = (value: string, maxAgeSeconds: number) =>
    [
      `${sessionCookieName}=${value}`,
      'HttpOnly',
      'SameSite=Strict',
      'Path=/',
      `Max-Age=${maxAgeSeconds}`,
      ...(options.isSecure() ? ['Secure'] : []),
    ].join('; ');
  const answer = (response: http.ServerResponse, status: number, body: unknown, setCookie?: string) => {
    response.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(setCookie ? { 'Set-Cookie': setCookie } : {}),
    });
    response.end(JSON.stringify(body));
  };

  return (request: http.IncomingMessage, response: http.ServerResponse): boolean => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/auth/session') return false;
    if (!options.isOwnOrigin(request.headers.origin)) {
      answer(response, 403, { error: 'forbidden origin' });
      return true;
    }
    const address = request.socket.remoteAddress ?? 'unknown';
    if (request.method === 'DELETE') {
      const token = readCookie(request.headers.cookie, sessionCookieName);
      if (token) options.signIn.logout(token, { window: 'console', address });
      answer(response, 200, {}, cookie('', 0));
      return true;
    }
    if (request.method !== 'POST') {
      answer(response, 405, { error: 'POST or DELETE' });
      return true;
    }
    void readBody(request).then(
      async (text) => {
        let parsed;
        try {
          parsed = loginSchema.safeParse(JSON.parse(text));
        } catch {
          parsed = null;
        }
        if (!parsed?.success) return answer(response, 400, { error: 'JSON {userId, password} expected' });
        try {
          const session = await options.signIn.login(
            parsed.data.userId,
            parsed.data.password,
            address,
            'console',
          );
          const maxAge = Math.max(0, Math.floor((session.expiresAt - Date.now()) / 1000));
          answer(
            response,
            200,
            { userId: session.userId, expiresAt: session.expiresAt },
            cookie(session.token, maxAge),
          );
        } catch (error) {
          if (error instanceof ProtocolError) return answer(response, 401, { error: error.message });
          answer(response, 500, { error: 'internal error' });
        }
      },
      () => answer(response, 413, { error: 'body too large' }),
    );
    return true;
  };
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBodyBytes) {
        reject(new Error('too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
