// A double of ZLMediaKit's HTTP API (/index/api/..., server/WebApi.cpp of ZLMediaKit/ZLMediaKit at fdaec26): the
// secret check in its two versions, the streams it holds (getMediaList, close_streams), its MP4 recordings laid
// out as MP4Recorder names them (getMP4RecordFile) and their playback (loadMP4File, seekRecordStamp,
// setRecordSpeed), with outages and a log of calls for tests. Video itself plays from a real media server
// (Node-Media-Server, tests/support/wvp/node-media-server.ts): the double only answers the API. See README.md.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  apiCode,
  defaultSchemas,
  diskName,
  matches,
  mediaSourceJson,
  requireArgs,
  ZlmFailure,
  type OriginTypeName,
  type ZlmRecordFile,
  type ZlmStream,
} from './zlm-shapes';

export { apiCode, originTypes, type ZlmStream, type ZlmRecordFile } from './zlm-shapes';

/**
 * How the API checks `secret`. 'cookie-login' (since commit 3a35144, February 2026, check_secret in WebApi.cpp):
 * a request without the login cookie and without the right secret gets -100 "Please login first" (the secret's
 * own error is swallowed). 'secret-only' (before it, the CHECK_SECRET macro in WebApi.h): a missing secret is
 * -300 `Required parameter missed: "secret"`, a wrong one -100 "Incorrect secret".
 */
export type ZlmSecretCheck = 'cookie-login' | 'secret-only';

/**
 * How MP4Recorder::createFile names a segment: 'dated' (since commit 3351aed, March 2025)
 * `YYYY-MM-DD-HH-MM-SS-N.mp4`, 'time-only' (before) `HH-MM-SS-N.mp4`; both in a `YYYY-MM-DD` folder.
 */
export type ZlmRecordLayout = 'dated' | 'time-only';

export interface ZlmDoubleOptions {
  /** api.secret; default the one in ZLMediaKit's shipped config.ini. */
  secret?: string;
  secretCheck?: ZlmSecretCheck;
  recordLayout?: ZlmRecordLayout;
  /** protocol.mp4_save_path made absolute (default /opt/media/bin/www); recordings go under `record/`. */
  savePath?: string;
  /** The server's clock and its UTC offset: file names are in local time (default +08:00, China). */
  now?: () => number;
  utcOffsetMinutes?: number;
  port?: number;
  /**
   * Where an MP4 playback's video comes from: called when loadMP4File registers a stream (answered once it
   * resolves) and when close_streams closes it, so a test can push the recording to a real media server.
   */
  vod?: ZlmVodHooks;
}

export interface ZlmVodHooks {
  loaded(stream: ZlmStream): Promise<void> | void;
  closed(stream: ZlmStream): void;
}

export type ZlmOutage = { mode: 'refuse' } | { mode: 'hang' };

export interface ZlmCall {
  readonly route: string;
  readonly args: Readonly<Record<string, string>>;
}

export interface ZlmDoubleControl {
  /** Streams by `vhost/app/stream`. */
  readonly streams: ReadonlyMap<string, ZlmStream>;
  /** Every API call that passed the secret check, in order (the secret left out). */
  readonly calls: readonly ZlmCall[];
  /** A stream is pushed (rtmp_push unless said otherwise) and appears in getMediaList. */
  addStream(app: string, stream: string, options?: { originType?: OriginTypeName; vhost?: string }): void;
  /** The pusher is gone: the stream leaves getMediaList. */
  removeStream(app: string, stream: string, vhost?: string): void;
  setReaders(app: string, stream: string, readers: number): void;
  /** Appends a raw entry to every getMediaList answer (a malformed record, for the connector's skipping). */
  injectMediaEntry(entry: Record<string, unknown>): void;
  /**
   * Writes a recorded segment of `app/stream` starting at `start` (epoch ms), named as the layout says in the
   * server's local time; `isOpen` keeps the `.` name of a segment still being written. Returns its path.
   */
  addRecording(
    app: string,
    stream: string,
    start: number,
    durationMs: number,
    options?: { index?: number; isOpen?: boolean },
  ): string;
  /** The absolute folder of `app/stream`'s recordings (Recorder::getRecordPath, enableVhost=0). */
  recordFolder(app: string, stream: string): string;
  down(outage?: ZlmOutage): Promise<void>;
  up(): Promise<void>;
  clearCalls(): void;
}

export interface ZlmDouble {
  /** http://127.0.0.1:port, the API under /index/api/. */
  readonly url: string;
  readonly secret: string;
  readonly control: ZlmDoubleControl;
  close(): Promise<void>;
}

/** ZLMediaKit's shipped api.secret (conf/config.ini and WebApi.cpp's default). */
export const shippedSecret = '035c73f7-bb6b-4889-a715-d9eb2d1925cc';
const defaultVhost = '__defaultVhost__';
const streamKey = (vhost: string, app: string, stream: string) => `${vhost}/${app}/${stream}`;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export async function startZlmDouble(options: ZlmDoubleOptions = {}): Promise<ZlmDouble> {
  const secret = options.secret ?? shippedSecret;
  const secretCheck = options.secretCheck ?? 'cookie-login';
  const layout = options.recordLayout ?? 'dated';
  const savePath = (options.savePath ?? '/opt/media/bin/www').replace(/\/$/, '');
  const now = options.now ?? Date.now;
  const offsetMs = (options.utcOffsetMinutes ?? 480) * 60_000;
  const streams = new Map<string, ZlmStream>();
  const recordings: ZlmRecordFile[] = [];
  const calls: ZlmCall[] = [];
  const injectedEntries: Record<string, unknown>[] = [];
  let outage: ZlmOutage | undefined;
  let nextCookie = 1;

  const recordFolder = (app: string, stream: string) => `${savePath}/record/${app}/${stream}/`;

  /** check_secret (WebApi.cpp) or the older CHECK_SECRET macro (WebApi.h), as `secretCheck` says. */
  function checkSecret(args: URLSearchParams, response: http.ServerResponse): void {
    if (secretCheck === 'secret-only') {
      requireArgs(args, 'secret');
      if (args.get('secret') !== secret) throw new ZlmFailure(apiCode.authFailed, 'Incorrect secret');
      return;
    }
    if (args.get('secret') === secret) return;
    const cookie = `ZLM_UNLOGIN=${String(nextCookie++).padStart(32, '0')}`;
    response.setHeader('Set-Cookie', `${cookie}; path=/`);
    throw new ZlmFailure(apiCode.authFailed, 'Please login first', { cookie });
  }

  /** MediaSource::find with a schema: a stream is registered in every default schema. */
  function findStream(args: URLSearchParams): ZlmStream {
    const stream = streams.get(streamKey(args.get('vhost')!, args.get('app')!, args.get('stream')!));
    if (!stream || !(defaultSchemas as readonly string[]).includes(args.get('schema') ?? '')) {
      throw new ZlmFailure(apiCode.notFound, 'can not find the stream');
    }
    return stream;
  }

  type Answer = Record<string, unknown>;
  const routes: Record<string, (args: URLSearchParams) => Answer | Promise<Answer>> = {
    /** getMediaList: one entry per stream and schema; no `data` at all when nothing matches. */
    '/index/api/getMediaList': (args) => {
      const data = [...streams.values()]
        .filter((stream) => matches(stream, args))
        .flatMap((stream) =>
          defaultSchemas
            .filter((schema) => !args.get('schema') || args.get('schema') === schema)
            .map((schema) => mediaSourceJson(stream, schema, now())),
        )
        .concat(injectedEntries);
      return data.length > 0 ? { data } : {};
    },
    /** close_streams: closes every match; counts schema entries hit and closed. */
    '/index/api/close_streams': (args) => {
      const hit = [...streams.values()].filter((stream) => matches(stream, args));
      for (const stream of hit) {
        streams.delete(streamKey(stream.vhost, stream.app, stream.stream));
        if (stream.vod) options.vod?.closed(stream);
      }
      const count = hit.length * defaultSchemas.length;
      return { count_hit: count, count_closed: count };
    },
    /**
     * getMP4RecordFile: `period` YYYY-MM-DD lists that day's files (`.`-prefixed ones still being written
     * included), otherwise the day folders starting with `period`; `rootPath` is the folder listed.
     */
    '/index/api/getMP4RecordFile': (args) => {
      requireArgs(args, 'vhost', 'app', 'stream');
      const period = args.get('period') ?? '';
      const own = recordings.filter(
        (file) => file.app === args.get('app') && file.stream === args.get('stream'),
      );
      const folder = recordFolder(args.get('app')!, args.get('stream')!);
      if (period.length === 'YYYY-MM-DD'.length) {
        return {
          data: {
            rootPath: `${folder}${period}/`,
            paths: own.filter((file) => file.date === period).map(diskName),
          },
        };
      }
      const days = [...new Set(own.map((file) => file.date))].filter((date) => date.startsWith(period));
      return { data: { rootPath: folder, paths: days } };
    },
    /** loadMP4File: an mp4_vod stream at vhost/app/stream; a file that is not there is MP4Demuxer's throw (-400). */
    '/index/api/loadMP4File': async (args) => {
      requireArgs(args, 'vhost', 'app', 'stream', 'file_path');
      const filePath = args.get('file_path')!;
      const file = recordings.find(
        (candidate) =>
          `${recordFolder(candidate.app, candidate.stream)}${candidate.date}/${diskName(candidate)}` ===
          filePath,
      );
      if (!file) throw new ZlmFailure(apiCode.exception, `打开文件失败:${filePath}`);
      const [vhost, app, stream] = [args.get('vhost')!, args.get('app')!, args.get('stream')!];
      const speed = Number(args.get('speed') ?? 0);
      const replaced = streams.get(streamKey(vhost, app, stream));
      if (replaced?.vod) options.vod?.closed(replaced);
      const loaded: ZlmStream = {
        vhost,
        app,
        stream,
        originType: 'mp4_vod',
        createStamp: now(),
        readerCount: 0,
        totalReaderCount: 0,
        vod: {
          filePath,
          speed: speed > 0 ? speed : 1,
          seekMs: Number(args.get('seek_ms') ?? 0),
          repeat: ['1', 'true'].includes(args.get('file_repeat') ?? ''),
        },
      };
      streams.set(streamKey(vhost, app, stream), loaded);
      await options.vod?.loaded(loaded);
      return { data: { duration_ms: file.durationMs } };
    },
    /** seekRecordStamp: MP4Reader::seekTo fails past the file's end ("seek failed", -1). */
    '/index/api/seekRecordStamp': (args) => {
      requireArgs(args, 'schema', 'vhost', 'app', 'stream', 'stamp');
      const stream = findStream(args);
      const stamp = Number(args.get('stamp'));
      const file = recordings.find((candidate) => stream.vod?.filePath.endsWith(`/${diskName(candidate)}`));
      if (!stream.vod || !file || !(stamp >= 0 && stamp <= file.durationMs)) {
        return { result: -1, code: apiCode.otherFailed, msg: 'seek failed' };
      }
      stream.vod.seekMs = stamp;
      return { result: 0, msg: 'success' };
    },
    /** setRecordSpeed: MP4Reader::speed takes 0.1 … 20; a live stream cannot change speed ("set failed"). */
    '/index/api/setRecordSpeed': (args) => {
      requireArgs(args, 'schema', 'vhost', 'app', 'stream', 'speed');
      const stream = findStream(args);
      const speed = Number(args.get('speed'));
      if (!stream.vod || !(speed >= 0.1 && speed <= 20)) {
        return { result: -1, code: apiCode.otherFailed, msg: 'set failed' };
      }
      stream.vod.speed = speed;
      return { result: 0, msg: 'success' };
    },
  };

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (outage?.mode === 'hang') return;
    const url = new URL(request.url ?? '/', 'http://zlm.invalid');
    const args = new URLSearchParams(url.searchParams);
    if (request.method === 'POST') {
      // getAllArgs: the query string plus a form body (a JSON body only for the JSON-argument APIs).
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      if (String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
          args.append(name, value);
        }
      }
    }
    const route = routes[url.pathname];
    // Not an API: the HTTP server looks for a file under www and answers 404.
    if (!route) {
      response.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>404 Not Found</body></html>');
      return;
    }
    let body: Record<string, unknown>;
    try {
      checkSecret(args, response);
      const logged = Object.fromEntries([...args].filter(([name]) => name !== 'secret'));
      calls.push({ route: url.pathname.replace('/index/api/', ''), args: logged });
      body = { code: apiCode.success, ...(await route(args)) };
    } catch (error) {
      if (!(error instanceof ZlmFailure)) throw error;
      // responseApi: the exception's body with its code and message, and the connection shut down after it.
      body = { ...error.body, code: error.code, msg: error.message };
      response.setHeader('Connection', 'close');
    }
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body, null, 3));
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // The catch-all of the API dispatcher: std::exception → -400 with its text.
      if (response.headersSent) return;
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ code: apiCode.exception, msg: String(error) }));
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const stopListening = async () => {
    server.closeAllConnections();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  /** The server's local wall clock at `time`, as getTimeStr formats it. */
  const local = (time: number) => {
    const date = new Date(time + offsetMs);
    return {
      day: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
      clock: `${pad(date.getUTCHours())}-${pad(date.getUTCMinutes())}-${pad(date.getUTCSeconds())}`,
    };
  };

  const control: ZlmDoubleControl = {
    streams,
    calls,
    addStream(app, stream, streamOptions = {}) {
      const vhost = streamOptions.vhost ?? defaultVhost;
      streams.set(streamKey(vhost, app, stream), {
        vhost,
        app,
        stream,
        originType: streamOptions.originType ?? 'rtmp_push',
        createStamp: now(),
        readerCount: 0,
        totalReaderCount: 0,
      });
    },
    removeStream(app, stream, vhost = defaultVhost) {
      streams.delete(streamKey(vhost, app, stream));
    },
    setReaders(app, stream, readers) {
      const found = streams.get(streamKey(defaultVhost, app, stream));
      if (!found) throw new Error(`zlm double: no stream ${app}/${stream}`);
      found.readerCount = readers;
      found.totalReaderCount = readers;
    },
    injectMediaEntry(entry) {
      injectedEntries.push(entry);
    },
    addRecording(app, stream, start, durationMs, recordingOptions = {}) {
      const { day, clock } = local(start);
      const index = recordingOptions.index ?? 0;
      const fileName = layout === 'dated' ? `${day}-${clock}-${index}.mp4` : `${clock}-${index}.mp4`;
      const file: ZlmRecordFile = {
        vhost: defaultVhost,
        app,
        stream,
        date: day,
        fileName,
        isOpen: recordingOptions.isOpen ?? false,
        durationMs,
      };
      recordings.push(file);
      return `${recordFolder(app, stream)}${day}/${diskName(file)}`;
    },
    recordFolder,
    async down(next = { mode: 'refuse' }) {
      outage = next;
      if (next.mode === 'refuse') await stopListening();
    },
    async up() {
      outage = undefined;
      if (!server.listening) await listen(port);
    },
    clearCalls() {
      calls.length = 0;
    },
  };

  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    control,
    close: stopListening,
  };
}
