import { describe, expect, it } from 'vitest';
import type { Indicator } from '@shared/model/indicator';
import { FeedHub } from './feed-hub';
import { LevelWatcher, type LevelChange } from './level-watcher';

const rain: Indicator = {
  id: 'rain-1h',
  name: { zh: '小时降雨量', en: 'Hourly rainfall' },
  dimension: 'weather',
  unit: 'mm/h',
  sourceKey: 'vitals/rain-1h',
  thresholds: { direction: 'above', blue: 20, yellow: 35, orange: 50, red: 70, hysteresis: 2 },
  staleAfterSeconds: 30,
};

describe('LevelWatcher', () => {
  it('emits one event per level change, keeps when it was raised, and honours hysteresis', () => {
    const hub = new FeedHub();
    hub.publish([{ topic: 'vitals/rain-1h', ts: 1, value: 5 }]);
    const watcher = new LevelWatcher(hub, [rain, { ...rain, id: 'plain', thresholds: undefined }]);
    const changes: LevelChange[] = [];
    watcher.onChanged((change) => changes.push(change));
    watcher.start();
    expect(watcher.list()).toEqual([{ indicatorId: 'rain-1h', level: 'normal', since: 1, value: 5, ts: 1 }]);

    hub.publish([{ topic: 'vitals/rain-1h', ts: 2, value: 40 }]);
    hub.publish([{ topic: 'vitals/rain-1h', ts: 3, value: 75 }]);
    hub.publish([{ topic: 'vitals/rain-1h', ts: 4, value: 69 }]); // inside the hysteresis band: stays red
    hub.publish([{ topic: 'vitals/rain-1h', ts: 5, value: 10 }]);
    expect(changes.map((change) => [change.previous, change.level, change.since])).toEqual([
      ['normal', 'yellow', 2],
      ['yellow', 'red', 3],
      ['red', 'normal', 5],
    ]);
    watcher.stop();
    expect(hub.subscriberCount('vitals/rain-1h')).toBe(0);
  });
});
