// Carries the protocol over one WebSocket: JSON envelopes in, responses and events out.
import type { WebSocket } from 'ws';
import { ProtocolError, requestEnvelopeSchema, describeIssues, type ServerEnvelope } from '@shared/protocol';
import type { CoreSession, EventSender } from '../session';

/** Largest number of bytes we let queue on a slow window before dropping it (it will reconnect and resync). */
const maxBufferedBytes = 16 * 1024 * 1024;

export function attachProtocolSocket(socket: WebSocket, connect: (send: EventSender) => CoreSession): void {
  const send = (envelope: ServerEnvelope) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) {
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(envelope));
  };
  const session = connect((name, payload) => send({ type: 'event', name, payload }));

  socket.on('message', (data, isBinary) => {
    if (isBinary)
      return send(protocolFailure(-1, new ProtocolError('bad-request', 'binary messages are not accepted')));
    let envelope;
    try {
      envelope = requestEnvelopeSchema.safeParse(JSON.parse(data.toString()));
    } catch {
      return send(protocolFailure(-1, new ProtocolError('bad-request', 'message is not JSON')));
    }
    if (!envelope.success) {
      return send(protocolFailure(-1, new ProtocolError('bad-request', describeIssues(envelope.error))));
    }
    const { id, name, params } = envelope.data;
    session.request(name, params).then(
      (result) => send({ type: 'response', id, ok: true, result }),
      (error: unknown) => send(protocolFailure(id, error)),
    );
  });
  socket.on('close', () => session.close());
  socket.on('error', () => session.close());
}

function protocolFailure(id: number, error: unknown): ServerEnvelope {
  const failure =
    error instanceof ProtocolError
      ? error
      : new ProtocolError('internal', `internal error: ${(error as Error)?.message}`);
  if (!(error instanceof ProtocolError)) console.error('[core] request failed:', error);
  return { type: 'response', id, ok: false, error: { code: failure.code, message: failure.message } };
}
