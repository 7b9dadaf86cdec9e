// Values flowing through the feed hub: one latest value per key, with its time, and a bounded history.
import { z } from 'zod';

/** A topic is a key in the hub, e.g. `vitals/rain-1h`. */
export const topicSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9][a-z0-9_./-]*$/, 'a topic is lowercase letters, digits and . _ / -');
export type Topic = z.infer<typeof topicSchema>;

/** One observation: the value and the time it was measured (ms since epoch, source time). */
export const samplePointSchema = z.tuple([z.number(), z.number()]);
export type SamplePoint = z.infer<typeof samplePointSchema>;

/** The latest value of a topic, as a window receives it. */
export const topicValueSchema = z.object({
  topic: topicSchema,
  value: z.number(),
  /** Source time of the value, ms since epoch. */
  ts: z.number(),
});
export type TopicValue = z.infer<typeof topicValueSchema>;

/** What a window gets when it subscribes: the latest value and the recent history. */
export const topicSnapshotSchema = z.object({
  topic: topicSchema,
  latest: topicValueSchema.nullable(),
  history: z.array(samplePointSchema),
});
export type TopicSnapshot = z.infer<typeof topicSnapshotSchema>;
