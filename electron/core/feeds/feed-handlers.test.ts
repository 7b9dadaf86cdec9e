// Topic subscriptions through a session, as a window asks for them: validated, deduplicated, capped.
import { describe, expect, it } from 'vitest';
import type { RequestHandlers } from '@shared/protocol';
import type { TopicSnapshot } from '@shared/model/feed';
import { CoreSession, type SessionContext } from '../session';
import { FeedHub, maxHistoryPointsPerAnswer } from './feed-hub';
import { feedHandlers } from './feed-handlers';
import { TopicCatalogue } from './topic-catalogue';

const now = Date.UTC(2026, 11, 7, 9, 0);

/** A wall window's session (topic subscriptions are 'wall' requests: wall machines and every user). */
function sessionOn(hub: FeedHub): CoreSession {
  return new CoreSession(
    feedHandlers() as RequestHandlers<SessionContext>,
    hub,
    () => undefined,
    {},
    { principal: { kind: 'machine', nodeId: 'wall' } },
  );
}

/** A hub whose topics `vitals/t-0` … each hold a full history (4,000 points, 0.5 s apart: within the hour kept). */
function fullHub(topicCount: number): FeedHub {
  const hub = new FeedHub({ now: () => now });
  for (let index = 0; index < topicCount; index++) {
    const topic = `vitals/t-${index}`;
    hub.backfill(
      topic,
      Array.from({ length: 4_000 }, (_, point) => [now - (4_000 - point) * 500, point] as [number, number]),
    );
  }
  return hub;
}

const subscribe = async (session: CoreSession, topics: string[], history?: 'all' | 'none') =>
  (await session.request('topic.subscribe', history ? { topics, history } : { topics })) as {
    snapshots: TopicSnapshot[];
  };

describe('topic.subscribe', () => {
  it('answers 500 copies of one topic with that topic and its history once', async () => {
    const session = sessionOn(fullHub(1));
    const { snapshots } = await subscribe(
      session,
      Array.from({ length: 500 }, () => 'vitals/t-0'),
    );
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]!.history).toHaveLength(4_000);
    expect([...session.subscription.topics]).toEqual(['vitals/t-0']);
  });

  it('refuses more than 500 topics in one request, saying so', async () => {
    const session = sessionOn(fullHub(0));
    const topics = Array.from({ length: 501 }, (_, index) => `vitals/t-${index}`);
    await expect(subscribe(session, topics)).rejects.toThrow(/at most 500 topics per request/);
  });

  it('caps the history of one answer, sharing it evenly and keeping the newest points', async () => {
    const session = sessionOn(fullHub(500));
    const topics = Array.from({ length: 500 }, (_, index) => `vitals/t-${index}`);
    const { snapshots } = await subscribe(session, topics);
    const total = snapshots.reduce((sum, snapshot) => sum + snapshot.history.length, 0);
    expect(total).toBeLessThanOrEqual(maxHistoryPointsPerAnswer);
    expect(total).toBeGreaterThan(maxHistoryPointsPerAnswer - 500);
    expect(snapshots[0]!.history.at(-1)).toEqual([now - 500, 3_999]);
    expect(snapshots[0]!.latest?.value).toBe(3_999);
  });

  it('gives a short history whole beside long ones when the answer is capped', async () => {
    const hub = fullHub(100);
    hub.backfill('vitals/short', [[now, 7]]);
    const session = sessionOn(hub);
    const topics = ['vitals/short', ...Array.from({ length: 100 }, (_, index) => `vitals/t-${index}`)];
    const { snapshots } = await subscribe(session, topics);
    expect(snapshots[0]!.history).toEqual([[now, 7]]);
    expect(snapshots.map((snapshot) => snapshot.topic)).toEqual(topics);
  });

  it('holds no listener for a topic outside the catalogue (nothing will ever be published there)', async () => {
    const catalogue = new TopicCatalogue({
      indicators: [{ sourceKey: 'vitals/aqi' }],
      gridIds: [],
      gridPrefixes: [],
    });
    const hub = new FeedHub({ catalogue, now: () => now });
    const session = sessionOn(hub);
    const { snapshots } = await subscribe(session, ['vitals/aqi', 'vitals/nobody']);
    expect(snapshots.map((snapshot) => snapshot.latest)).toEqual([null, null]);
    expect(hub.subscriberCount('vitals/aqi')).toBe(1);
    expect(hub.subscriberCount('vitals/nobody')).toBe(0);
  });

  it('answers a latest-only subscription (a KPI) with the latest value and no history', async () => {
    const session = sessionOn(fullHub(3));
    const topics = ['vitals/t-0', 'vitals/t-1', 'vitals/t-2'];
    const { snapshots } = await subscribe(session, topics, 'none');
    expect(snapshots.map((snapshot) => snapshot.latest?.value)).toEqual([3_999, 3_999, 3_999]);
    expect(snapshots.map((snapshot) => snapshot.history)).toEqual([[], [], []]);
    expect([...session.subscription.topics]).toEqual(topics);
  });

  it('still answers a trend its whole history when it asks for it, or says nothing (older windows)', async () => {
    const session = sessionOn(fullHub(1));
    const asked = await subscribe(session, ['vitals/t-0'], 'all');
    expect(asked.snapshots[0]!.history).toHaveLength(4_000);
    const unsaid = await subscribe(session, ['vitals/t-0']);
    expect(unsaid.snapshots[0]!.history).toHaveLength(4_000);
  });

  it('refuses an unknown history option, naming it', async () => {
    const session = sessionOn(fullHub(1));
    await expect(
      session.request('topic.subscribe', { topics: ['vitals/t-0'], history: 'some' } as never),
    ).rejects.toThrow(/history/);
  });
});
