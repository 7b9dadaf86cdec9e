// CoreClient over the Electron preload bridge (`window.tianmu`): same messages, carried by IPC.
import {
  requestSchemas,
  type RequestName,
  type RequestParams,
  type RequestResult,
  type TianmuBridge,
} from '@shared/protocol';
import { CoreRequestError, type CoreClient } from './core-client';
import { EventFanout } from './event-fanout';

export class BridgeClient implements CoreClient {
  private readonly fanout = new EventFanout();
  private readonly stopListening: () => void;

  constructor(private readonly bridge: TianmuBridge) {
    this.stopListening = bridge.onEvent((name, payload) => this.fanout.emit(name, payload));
    this.fanout.setStatus('open');
  }

  get status() {
    return this.fanout.status;
  }

  async request<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResult<N>> {
    const response = await this.bridge.request(name, params);
    if (!response.ok) throw new CoreRequestError(response.error.code, response.error.message);
    const parsed = requestSchemas[name].result.safeParse(response.result);
    if (!parsed.success)
      throw new CoreRequestError('bad-response', `malformed '${name}' result from the core`);
    return parsed.data as RequestResult<N>;
  }

  on: CoreClient['on'] = (name, listener) => this.fanout.on(name, listener);
  onStatusChanged: CoreClient['onStatusChanged'] = (listener) => this.fanout.onStatusChanged(listener);

  close(): void {
    this.stopListening();
    this.fanout.setStatus('closed');
    this.fanout.dispose();
  }
}
