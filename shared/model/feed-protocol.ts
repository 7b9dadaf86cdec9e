// The Tianmu feed protocol a backend speaks over WebSocket or SSE: `{topic, kind, seq, ts, data}` messages per
// stream, snapshots and deltas with per-stream sequence numbers, and heartbeats. Validated at the edge.
import { z } from 'zod';

/** A stream of the feed protocol (e.g. `vitals`, `hotline`); sequence numbers count per stream. */
export const streamNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/, 'a stream name is letters, digits and _ . : / -');

/** A value: a bare number (measured at the message's `ts`) or `{value, ts}` with its own source time. */
export const feedValueSchema = z.union([
  z.number(),
  z.object({ value: z.number(), ts: z.number().optional() }),
]);
export type FeedValue = z.infer<typeof feedValueSchema>;

/**
 * What a snapshot or delta carries. `values`: key → value (a snapshot holds every key of the stream, a delta
 * the changed ones). `incidents`: alarms, each checked on its own against the incident schema.
 */
export const feedDataSchema = z.object({
  values: z.record(z.string().min(1).max(200), feedValueSchema).optional(),
  incidents: z.array(z.unknown()).max(5_000).optional(),
});
export type FeedData = z.infer<typeof feedDataSchema>;

const sequenced = {
  topic: streamNameSchema,
  seq: z.number().int().min(0),
  ts: z.number(),
  data: feedDataSchema,
};

export const feedMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), ...sequenced }),
  z.object({ kind: z.literal('delta'), ...sequenced }),
  z.object({
    kind: z.literal('heartbeat'),
    ts: z.number(),
    /** The last sequence number sent per stream: reveals a lost last delta. */
    seqs: z.record(streamNameSchema, z.number().int().min(0)).optional(),
  }),
]);
export type FeedMessage = z.infer<typeof feedMessageSchema>;
export type SequencedFeedMessage = Extract<FeedMessage, { kind: 'snapshot' | 'delta' }>;

/** What the client sends back over a WebSocket: ask for a snapshot of one stream after a gap. */
export const feedClientMessageSchema = z.object({ type: z.literal('resync'), topic: streamNameSchema });
export type FeedClientMessage = z.infer<typeof feedClientMessageSchema>;
