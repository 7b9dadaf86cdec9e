// A Chromium driven over a bare DevTools pipe that uses only the Target, Page and Runtime domains — for the
// benchmarks. Playwright enables the Network domain on every page it drives, and with it Chromium copies every
// WebSocket frame, base64-encoded, to the driver: on a 16-tile WS-FLV wall that is 400 frames a second of work
// (about 0.13 ms per frame in the browser process and more in the renderer) that a real wall never does, and
// that a plain MP4 file, fetched in a few large responses, hardly pays. Benchmarks that compare the two, or
// time a wall under load, drive their pages through this instead.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/**
 * Chromium switches Playwright adds to every launch, so a page here behaves as it would under Playwright (the
 * caller's own switches come on top).
 */
const playwrightLikeSwitches = [
  '--headless=new',
  '--no-default-browser-check',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--mute-audio',
  '--hide-scrollbars',
];

export interface PlainPage {
  /** Evaluates `expression` in the page (awaiting a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls `expression` until it is truthy. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  /** Sends a raw DevTools command to the page (HeapProfiler, Memory, Performance …) and returns its result. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Calls `listener` with the params of every `event` of the page until the returned function is called. */
  listen(event: string, listener: (params: Record<string, unknown>) => void): () => void;
  close(): Promise<void>;
}

export interface PlainBrowser {
  newPage(url: string, viewport: { width: number; height: number }): Promise<PlainPage>;
  close(): Promise<void>;
}

interface Reply {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** Starts `executablePath` headless with `args`, Playwright's usual switches and `--remote-debugging-pipe`. */
export async function launchPlainChromium(
  executablePath: string,
  args: readonly string[],
): Promise<PlainBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'tianmu-bench-profile-'));
  const child = spawn(
    executablePath,
    [
      ...playwrightLikeSwitches,
      ...args,
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<
    number,
    { resolve(value: Record<string, unknown>): void; reject(error: Error): void }
  >();
  /** `sessionId event` → listeners: events reach only a page that listens for them. */
  const listeners = new Map<string, Set<(params: Record<string, unknown>) => void>>();
  let nextId = 1;
  let buffered = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let end: number;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end)) as Reply;
      buffered = buffered.slice(end + 1);
      if (message.id === undefined && message.method) {
        for (const listener of listeners.get(`${message.sessionId} ${message.method}`) ?? [])
          listener(message.params ?? {});
        continue;
      }
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter) continue;
      pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result ?? {});
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`Chromium exited:\n${stderr}`));
    pending.clear();
  });

  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });

  await send('Browser.getVersion');

  return {
    async newPage(url, viewport) {
      const { targetId } = (await send('Target.createTarget', {
        url: 'about:blank',
        newWindow: true,
        ...viewport,
      })) as {
        targetId: string;
      };
      const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as {
        sessionId: string;
      };
      const evaluate = async <T>(expression: string): Promise<T> => {
        const reply = (await send(
          'Runtime.evaluate',
          { expression, awaitPromise: true, returnByValue: true },
          sessionId,
        )) as {
          result: { value: T };
          exceptionDetails?: { text: string; exception?: { description?: string } };
        };
        if (reply.exceptionDetails)
          throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
        return reply.result.value;
      };
      const waitFor = async (expression: string, timeoutMs = 30_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          // An evaluation that meets a navigation fails: poll on.
          const value = await evaluate<boolean>(`Boolean(${expression})`).catch(() => false);
          if (value) return;
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      await send('Page.navigate', { url }, sessionId);
      // Loaded, as Playwright's goto() would have it.
      await waitFor(`location.href !== 'about:blank' && document.readyState === 'complete'`);
      return {
        evaluate,
        waitFor,
        send: async <T>(method: string, params: Record<string, unknown> = {}) =>
          (await send(method, params, sessionId)) as T,
        listen(event, listener) {
          const key = `${sessionId} ${event}`;
          let set = listeners.get(key);
          if (!set) listeners.set(key, (set = new Set()));
          set.add(listener);
          return () => void set.delete(listener);
        },
        async close() {
          await send('Target.closeTarget', { targetId });
        },
      };
    },
    async close() {
      await send('Browser.close').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
