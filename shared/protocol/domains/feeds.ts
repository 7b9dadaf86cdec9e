// Protocol messages of the feed hub: topic subscriptions and the coalesced updates that follow.
import { z } from 'zod';
import { topicSchema, topicSnapshotSchema, topicValueSchema } from '../../model/feed';

export const feedRequests = {
  'topic.subscribe': {
    params: z.object({ topics: z.array(topicSchema).min(1).max(500) }),
    result: z.object({ snapshots: z.array(topicSnapshotSchema) }),
  },
  'topic.unsubscribe': {
    params: z.object({ topics: z.array(topicSchema).min(1).max(500) }),
    result: z.object({}),
  },
} as const;

export const feedEvents = {
  'topic.updated': z.object({ values: z.array(topicValueSchema) }),
} as const;
