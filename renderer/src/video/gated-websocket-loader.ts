// mpegts.js's WebSocket loader, but the connection waits for a place in the page's ConnectionGate first, so a
// wall of 16 or 36 tiles opening at once is not held back by Chromium's WebSocket throttling.
import mpegts from 'mpegts.js';
import { pageConnectionGate, type ConnectionGate, type GatePass } from './connection-gate';

const { LoaderStatus, LoaderErrors } = mpegts;

/** What the owner of a loader may do with it behind mpegts.js's back. */
export interface LoaderHandle {
  /** Closes the connection without a word to mpegts.js (no completion, no error); idempotent. */
  abort(): void;
}

/**
 * A mpegts.js `customLoader` class for `ws://` and `wss://` URLs that uses `gate`. `onCreated` hears of every
 * instance mpegts.js makes, so that the engine can close its connection at once when the tile goes away.
 */
export function gatedWebSocketLoader(
  gate: ConnectionGate = pageConnectionGate,
  onCreated?: (loader: LoaderHandle) => void,
): mpegts.CustomLoaderConstructor {
  return class GatedWebSocketLoader extends mpegts.BaseLoader {
    private socket: WebSocket | null = null;
    private pass: GatePass | null = null;
    private receivedLength = 0;
    private isAborted = false;

    constructor() {
      super('tianmu-gated-websocket-loader');
      this._needStash = false;
      onCreated?.(this);
    }

    static isSupported(): boolean {
      return typeof WebSocket !== 'undefined';
    }

    override isWorking(): boolean {
      return this._status === LoaderStatus.kConnecting || this._status === LoaderStatus.kBuffering;
    }

    override open(dataSource: { url: string }): void {
      this.isAborted = false;
      this._status = LoaderStatus.kConnecting;
      const pass = (this.pass = gate.enter());
      void pass.granted.then(() => {
        if (this.isAborted || this.pass !== pass) {
          pass.release();
          return;
        }
        this.connect(dataSource.url, pass);
      });
    }

    override abort(): void {
      this.isAborted = true;
      this.pass?.release();
      this.pass = null;
      const socket = this.socket;
      this.socket = null;
      if (socket) {
        socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
        if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN)
          socket.close();
      }
      this._status = LoaderStatus.kComplete;
    }

    override destroy(): void {
      this.abort();
      super.destroy();
    }

    private connect(url: string, pass: GatePass): void {
      let socket: WebSocket;
      try {
        socket = new WebSocket(url);
      } catch (error) {
        pass.release();
        this.fail(error instanceof Error ? error.message : String(error));
        return;
      }
      this.socket = socket;
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => {
        pass.release();
        this._status = LoaderStatus.kBuffering;
      };
      socket.onmessage = (event: MessageEvent) => {
        if (!(event.data instanceof ArrayBuffer)) {
          this.fail(`unexpected ${typeof event.data} message on a media WebSocket`);
          return;
        }
        this.dispatch(event.data);
      };
      socket.onerror = () => {
        pass.release();
        this.fail(`WebSocket error on ${url}`);
      };
      socket.onclose = () => {
        pass.release();
        if (this.socket !== socket) return;
        this.socket = null;
        if (this._status === LoaderStatus.kError) return;
        this._status = LoaderStatus.kComplete;
        this.onComplete?.(0, this.receivedLength - 1);
      };
    }

    private dispatch(chunk: ArrayBuffer): void {
      const byteStart = this.receivedLength;
      this.receivedLength += chunk.byteLength;
      this.onDataArrival?.(chunk, byteStart, this.receivedLength);
    }

    private fail(message: string): void {
      this._status = LoaderStatus.kError;
      // mpegts.js's typings declare the error type as the LoaderErrors table itself rather than one of its values.
      const type = LoaderErrors.EXCEPTION as unknown as mpegts.LoaderErrors;
      this.onError?.(type, { code: -1, msg: message });
    }
  };
}
