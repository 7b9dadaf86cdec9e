// The one interface windows use to talk to the core, whichever transport carries it.
import type { EventName, EventPayload, RequestName, RequestParams, RequestResult } from '@shared/protocol';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface CoreClient {
  /** Sends a request; rejects with a CoreRequestError carrying the core's code and message. */
  request<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResult<N>>;
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
  /** Called on every (re)connection, after which the window must re-say hello and re-subscribe. */
  onStatusChanged(listener: (status: ConnectionStatus) => void): () => void;
  readonly status: ConnectionStatus;
  close(): void;
}

export class CoreRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CoreRequestError';
  }
}
