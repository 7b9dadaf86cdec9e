// Requests answered by the feed hub: each window's topic subscriptions.
import type { HandlerGroup } from '../session';

export function feedHandlers(): HandlerGroup<'topic.subscribe' | 'topic.unsubscribe'> {
  return {
    async 'topic.subscribe'({ topics, history }, { session }) {
      return { snapshots: session.subscription.add(topics, history) };
    },
    async 'topic.unsubscribe'({ topics }, { session }) {
      session.subscription.remove(topics);
      return {};
    },
  };
}
