// Protocol messages of the feed hub: topic subscriptions and the coalesced updates that follow.
import { z } from 'zod';
import { topicSchema, topicSnapshotSchema, topicValueSchema } from '../../model/feed';

/** Topics one request may name: more than any widget shows, few enough that one answer stays small. */
export const maxTopicsPerRequest = 500;

/** A request's topics, each once: a topic named twice is subscribed, and its history sent, once. */
const topicListSchema = z
  .array(topicSchema)
  .min(1, 'name at least one topic')
  .max(maxTopicsPerRequest, `at most ${maxTopicsPerRequest} topics per request`)
  .transform((topics) => [...new Set(topics)]);

/**
 * How much history a subscriber wants with each topic's snapshot: `all` (what the core keeps, within one answer's
 * budget; the default, as before the option existed) for a trend, `none` for a widget that shows only the latest
 * value (a KPI, a gauge, the warnings board, map layers) — about 10 MB less per scenario switch across the windows.
 */
export const historyWantedSchema = z.enum(['all', 'none'], "history is 'all' or 'none'");
export type HistoryWanted = z.infer<typeof historyWantedSchema>;

export const feedRequests = {
  'topic.subscribe': {
    access: 'wall',
    params: z.object({ topics: topicListSchema, history: historyWantedSchema.default('all') }),
    result: z.object({ snapshots: z.array(topicSnapshotSchema) }),
  },
  'topic.unsubscribe': {
    access: 'wall',
    params: z.object({ topics: topicListSchema }),
    result: z.object({}),
  },
} as const;

export const feedEvents = {
  'topic.updated': z.object({ values: z.array(topicValueSchema) }),
} as const;
