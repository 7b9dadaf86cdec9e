// The shell's side of the preload bridge: checks who is asking and what, forwards requests to that window's core
// session, and returns errors as data. Electron is only a type here: ipcMain is passed in (testable without it).
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { bridgeChannels, type BridgeResponse } from '@shared/protocol/bridge';
import { ProtocolError } from '@shared/protocol/envelope';
import type { CoreSession, EventSender } from '../core/session';

/** Longest request name accepted (the protocol's envelope allows 64). */
export const maxRequestNameLength = 64;

/**
 * Limits on request parameters: far above any real request, low enough that a bad page cannot stall the shell.
 * The longest real string is a `media.snapshot` PNG in base64 (at most 8 MB of PNG, so at most 11.2 MB).
 */
export const paramsLimits = { maxDepth: 32, maxNodes: 100_000, maxStringLength: 12 * 1024 * 1024 } as const;

export type ParsedRequest =
  { ok: true; name: string; params: unknown } | Extract<BridgeResponse, { ok: false }>;

function badRequest(message: string): Extract<BridgeResponse, { ok: false }> {
  return { ok: false, error: { code: 'bad-request', message } };
}

/**
 * Whether `value` is plain JSON data: null, booleans, finite numbers, strings, arrays and plain objects,
 * within `paramsLimits`. IPC's structured clone also carries Dates, Maps, typed arrays, BigInts, NaN… which
 * the core's schemas never expect; they are refused here.
 */
export function isJsonValue(value: unknown): boolean {
  let nodes = 0;
  const visit = (item: unknown, depth: number): boolean => {
    if (++nodes > paramsLimits.maxNodes || depth > paramsLimits.maxDepth) return false;
    if (item === null || typeof item === 'boolean') return true;
    if (typeof item === 'number') return Number.isFinite(item);
    if (typeof item === 'string') return item.length <= paramsLimits.maxStringLength;
    if (Array.isArray(item)) return item.every((entry) => visit(entry, depth + 1));
    if (typeof item === 'object') {
      const prototype = Object.getPrototypeOf(item);
      if (prototype !== Object.prototype && prototype !== null) return false;
      return Object.values(item).every((entry) => visit(entry, depth + 1));
    }
    return false;
  };
  return visit(value, 0);
}

/**
 * Checks the arguments of one `tianmu:request` call: `(name, params)` with a non-empty name of at most 64
 * characters and JSON params (missing params mean `{}`). Anything else is a `bad-request`.
 */
export function parseRequestArguments(args: readonly unknown[]): ParsedRequest {
  if (args.length < 1 || args.length > 2) return badRequest('expected (name, params)');
  const [name, params] = args;
  if (typeof name !== 'string' || name.length === 0 || name.length > maxRequestNameLength) {
    return badRequest(`request name must be a string of 1 to ${maxRequestNameLength} characters`);
  }
  if (params === undefined) return { ok: true, name, params: {} };
  if (!isJsonValue(params)) return badRequest(`${name}: params must be plain JSON data`);
  return { ok: true, name, params };
}

/**
 * Turns what a request threw into a response. A ProtocolError keeps its code and message (they are meant for
 * the client); anything else is a core bug: the page only learns "internal error", the log gets the rest.
 */
export function toErrorResponse(error: unknown): Extract<BridgeResponse, { ok: false }> {
  if (error instanceof ProtocolError)
    return { ok: false, error: { code: error.code, message: error.message } };
  return { ok: false, error: { code: 'internal', message: 'internal error' } };
}

/** What the bridge knows about the frame that sent a request. */
export interface SenderFacts {
  /** `event.senderFrame?.origin`; null when the frame is gone (it navigated away or was destroyed). */
  frameOrigin: string | null;
  /** The sender is the top frame of its page, not an iframe. */
  isMainFrame: boolean;
  /** The webContents is one of the shell's wall or console windows. */
  isOwnWebContents: boolean;
}

/** A request is served only for the top frame of one of our windows showing a page of the app's origin. */
export function isTrustedSender(sender: SenderFacts, appOrigin: string): boolean {
  if (!sender.isOwnWebContents || !sender.isMainFrame || sender.frameOrigin === null) return false;
  try {
    return new URL(sender.frameOrigin).origin === new URL(appOrigin).origin;
  } catch {
    return false;
  }
}

/** The part of a core session the bridge uses. */
export type BridgeSession = Pick<CoreSession, 'request' | 'close'>;

export interface IpcBridgeOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The core's origin: the only origin whose pages may use the bridge. */
  appOrigin: string;
  /** Opens a core session for the page in `contents` whose events go to `send` (`core.connect`). */
  connect: (send: EventSender, contents: WebContents) => BridgeSession;
  /** Whether a webContents belongs to one of the shell's windows. */
  isOwnWebContents: (contents: WebContents) => boolean;
  /** Where refused senders and internal errors are reported (default console.warn / console.error). */
  log?: { warn(message: string): void; error(message: string, error: unknown): void };
}

export interface IpcBridge {
  /** Number of open core sessions (one per window page that has made a request). */
  readonly sessionCount: number;
  /** Removes the handler and closes every session. */
  dispose(): void;
}

/**
 * Registers the `tianmu:request` handler. Each window page gets its own core session, opened on its first
 * request and closed when the page navigates or reloads, its renderer dies, or the webContents is destroyed;
 * the session's events go to that page on `tianmu:event`.
 */
export function registerIpcBridge(options: IpcBridgeOptions): IpcBridge {
  const log = options.log ?? {
    warn: (message: string) => console.warn(message),
    error: (message: string, error: unknown) => console.error(message, error),
  };
  const sessions = new Map<number, BridgeSession>();
  const watched = new WeakSet<WebContents>();

  const closeSession = (id: number) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    session.close();
  };

  const watch = (contents: WebContents) => {
    if (watched.has(contents)) return;
    watched.add(contents);
    const id = contents.id;
    contents.once('destroyed', () => closeSession(id));
    contents.on('render-process-gone', () => closeSession(id));
    // A reload or navigation starts a new page: the old page's subscriptions must not live on.
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) closeSession(id);
    });
  };

  const sessionFor = (contents: WebContents): BridgeSession => {
    const existing = sessions.get(contents.id);
    if (existing) return existing;
    watch(contents);
    const session = options.connect((name, payload) => {
      if (!contents.isDestroyed()) contents.send(bridgeChannels.event, name, payload);
    }, contents);
    sessions.set(contents.id, session);
    return session;
  };

  const handle = async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<BridgeResponse> => {
    const frame = event.senderFrame;
    const sender: SenderFacts = {
      frameOrigin: frame?.origin ?? null,
      isMainFrame: frame !== null && frame.parent === null,
      isOwnWebContents: options.isOwnWebContents(event.sender),
    };
    if (!isTrustedSender(sender, options.appOrigin)) {
      log.warn(`tianmu bridge: refused a request from ${sender.frameOrigin ?? 'a gone frame'}`);
      return { ok: false, error: { code: 'rejected', message: 'this page may not use the bridge' } };
    }
    const parsed = parseRequestArguments(args);
    if (!parsed.ok) return parsed;
    try {
      return { ok: true, result: await sessionFor(event.sender).request(parsed.name, parsed.params) };
    } catch (error) {
      if (!(error instanceof ProtocolError)) log.error(`tianmu bridge: ${parsed.name} failed`, error);
      return toErrorResponse(error);
    }
  };

  options.ipcMain.handle(bridgeChannels.request, handle);
  return {
    get sessionCount() {
      return sessions.size;
    },
    dispose() {
      options.ipcMain.removeHandler(bridgeChannels.request);
      for (const id of [...sessions.keys()]) closeSession(id);
    },
  };
}
