// Framing of protocol messages on a byte transport (WebSocket): requests, responses and events.
import { z } from 'zod';
import { eventSchemas, requestSchemas, type EventName, type RequestName } from './messages';

export const requestEnvelopeSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().min(0),
  name: z.string().max(64),
  params: z.unknown(),
});
export const responseEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    type: z.literal('response'),
    id: z.number().int(),
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);
export const eventEnvelopeSchema = z.object({
  type: z.literal('event'),
  name: z.string(),
  payload: z.unknown(),
});

export const serverEnvelopeSchema = z.union([responseEnvelopeSchema, eventEnvelopeSchema]);
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;
export type ResponseEnvelope = z.infer<typeof responseEnvelopeSchema>;
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;
export type ServerEnvelope = z.infer<typeof serverEnvelopeSchema>;

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requestSchemas, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(eventSchemas, name);
}

/** Error codes a response may carry. */
export type ProtocolErrorCode =
  | 'bad-request'
  | 'unknown-request'
  | 'not-found'
  | 'rejected'
  /** The caller may not do this (its role, its areas, or no sign-in); the message starts with 无权限. */
  | 'forbidden'
  /** The caller's console is locked (no input for the lock time); the message starts with 已锁定. */
  | 'locked'
  /** The platform or the camera cannot do this (no PTZ head, a playback speed it does not scale); the message says why. */
  | 'unsupported'
  | 'internal';

/** An error a handler throws to answer a request with a specific code and a user-readable message. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
