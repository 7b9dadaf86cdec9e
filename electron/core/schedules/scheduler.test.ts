import { describe, expect, it } from 'vitest';
import { scheduleFileSchema } from '@shared/model/schedule';
import { Scheduler, type ScheduleClock } from './scheduler';

const name = (zh: string) => ({ zh, en: zh });
const beijing = (text: string) => Date.parse(`${text}:00+08:00`);

/** A clock that moves only when told, firing due timers in order as it passes them. */
class FakeClock implements ScheduleClock {
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 0;
  constructor(public time: number) {}
  now = () => this.time;
  setTimer = (callback: () => void, delayMs: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + delayMs, callback, id });
    return () => {
      this.timers = this.timers.filter((timer) => timer.id !== id);
    };
  };
  /** Moves to `to`, firing every timer due on the way at its own time. */
  advanceTo(to: number): void {
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = to;
  }
}

const schedule = scheduleFileSchema.parse({
  format: 'tianmu-schedules/1',
  rules: [
    {
      id: 'night',
      name: name('夜间模式'),
      kind: 'weekly',
      days: [1, 2, 3, 4, 5, 6, 7],
      from: '22:00',
      to: '06:00',
      action: 'switch',
      scenarioId: 'night',
    },
    {
      id: 'day',
      name: name('日间模式'),
      kind: 'weekly',
      days: [1, 2, 3, 4, 5, 6, 7],
      from: '06:00',
      to: '22:00',
      action: 'switch',
      scenarioId: 'daily',
    },
  ],
});

function harness(start: string, options: { wall?: string; hasWarning?: boolean } = {}) {
  const clock = new FakeClock(beijing(start));
  let wall = options.wall ?? 'daily';
  let hasWarning = options.hasWarning ?? false;
  const switches: { scenarioId: string; ruleId: string; at: number }[] = [];
  const scheduler = new Scheduler({
    schedule,
    scenarioName: (id) => name(id === 'night' ? '夜间模式' : id),
    wallScenarioId: () => wall,
    defaultScenarioId: 'daily',
    hasWarningSuggestion: () => hasWarning,
    activate: (scenarioId, ruleId) => {
      switches.push({ scenarioId, ruleId, at: clock.now() });
      wall = scenarioId;
      scheduler.onWallScenario(scenarioId);
    },
    clock,
  });
  scheduler.start();
  return {
    clock,
    scheduler,
    switches,
    operatorSwitches: (scenarioId: string) => {
      wall = scenarioId;
      scheduler.onWallScenario(scenarioId);
    },
    setWarning: (value: boolean) => (hasWarning = value),
  };
}

describe('Scheduler', () => {
  it('switches the wall at 22:00 exactly, not at 21:59, and back to daily at 06:00 across midnight', () => {
    const { clock, switches, scheduler } = harness('2026-12-07T21:00');
    expect(scheduler.status().next).toMatchObject({ ruleId: 'night', localTime: '22:00', action: 'switch' });
    clock.advanceTo(beijing('2026-12-07T21:59'));
    expect(switches).toEqual([]);
    clock.advanceTo(beijing('2026-12-07T22:01'));
    expect(switches).toEqual([{ scenarioId: 'night', ruleId: 'night', at: beijing('2026-12-07T22:00') }]);
    // Midnight passes without a second switch: the night rule is still the one in effect.
    clock.advanceTo(beijing('2026-12-08T00:01'));
    expect(switches).toHaveLength(1);
    expect(scheduler.status().next).toMatchObject({
      ruleId: 'day',
      localTime: '06:00',
      localDate: '2026-12-08',
    });
    clock.advanceTo(beijing('2026-12-08T06:00'));
    expect(switches.map((entry) => entry.scenarioId)).toEqual(['night', 'daily']);
    expect(switches[1]!.at).toBe(beijing('2026-12-08T06:00'));
  });

  it('the change to and from a rule at midnight: Sunday 18:00–24:00 ends and Monday 00:00–06:00 begins at 00:00 exactly', () => {
    const atMidnight = scheduleFileSchema.parse({
      format: 'tianmu-schedules/1',
      rules: [
        {
          ...schedule.rules[1]!,
          id: 'sunday-evening',
          days: [7],
          from: '18:00',
          to: '24:00',
          scenarioId: 'fire',
        },
        {
          ...schedule.rules[0]!,
          id: 'early-monday',
          days: [1],
          from: '00:00',
          to: '06:00',
          scenarioId: 'night',
        },
      ],
    });
    // 2026-12-13 is a Sunday.
    const clock = new FakeClock(beijing('2026-12-13T17:00'));
    let wall = 'daily';
    const switches: { scenarioId: string; at: number }[] = [];
    const scheduler = new Scheduler({
      schedule: atMidnight,
      scenarioName: name,
      wallScenarioId: () => wall,
      defaultScenarioId: 'daily',
      hasWarningSuggestion: () => false,
      activate: (scenarioId) => {
        switches.push({ scenarioId, at: clock.now() });
        wall = scenarioId;
      },
      clock,
    });
    scheduler.start();
    clock.advanceTo(beijing('2026-12-13T23:59'));
    expect(switches).toEqual([{ scenarioId: 'fire', at: beijing('2026-12-13T18:00') }]);
    expect(scheduler.status().next).toMatchObject({
      ruleId: 'early-monday',
      localDate: '2026-12-14',
      localTime: '00:00',
    });
    clock.advanceTo(beijing('2026-12-14T00:01'));
    expect(switches.at(-1)).toEqual({ scenarioId: 'night', at: beijing('2026-12-14T00:00') });
    expect(scheduler.status()).toMatchObject({ today: '2026-12-14', current: { ruleId: 'early-monday' } });
    // From 06:00 no rule applies: the wall stays on the night layout until Sunday's rule comes round again.
    clock.advanceTo(beijing('2026-12-14T07:00'));
    expect(switches).toHaveLength(2);
    expect(scheduler.status()).toMatchObject({
      current: null,
      next: { ruleId: 'sunday-evening', localDate: '2026-12-20' },
    });
  });

  it('an operator who switched by hand is not overruled: at 22:00 the schedule suggests 夜间模式 instead', () => {
    const { clock, switches, scheduler, operatorSwitches } = harness('2026-12-07T21:00');
    operatorSwitches('flood-typhoon');
    clock.advanceTo(beijing('2026-12-07T22:00'));
    expect(switches).toEqual([]);
    expect(scheduler.status().suggestion).toMatchObject({ scenarioId: 'night', reason: 'operator-choice' });
    // Accepting the suggestion hands the wall back to the schedule: at 06:00 it switches by itself again.
    operatorSwitches('night');
    expect(scheduler.status().suggestion).toBeNull();
    clock.advanceTo(beijing('2026-12-08T06:00'));
    expect(switches.map((entry) => entry.scenarioId)).toEqual(['daily']);
  });

  it('an open warning-level suggestion outranks the schedule: it suggests instead of switching', () => {
    const { clock, switches, scheduler, setWarning } = harness('2026-12-07T21:00');
    setWarning(true);
    clock.advanceTo(beijing('2026-12-07T22:00'));
    expect(switches).toEqual([]);
    expect(scheduler.status().suggestion).toMatchObject({ scenarioId: 'night', reason: 'warning-active' });
  });

  it('started in the middle of a rule with the wall on something else: suggests, does not switch', () => {
    const { switches, scheduler } = harness('2026-12-07T23:00', { wall: 'daily' });
    expect(switches).toEqual([]);
    expect(scheduler.status().current).toMatchObject({ ruleId: 'night', localTime: '22:00' });
    expect(scheduler.status().suggestion).toMatchObject({ scenarioId: 'night', reason: 'started-late' });
  });

  it('a declined suggestion stays declined until the next rule starts', () => {
    const { clock, scheduler, operatorSwitches } = harness('2026-12-07T21:00');
    operatorSwitches('fire');
    clock.advanceTo(beijing('2026-12-07T22:00'));
    expect(scheduler.dismissSuggestion()).toBe(true);
    clock.advanceTo(beijing('2026-12-07T23:30'));
    expect(scheduler.status().suggestion).toBeNull();
    clock.advanceTo(beijing('2026-12-08T06:00'));
    expect(scheduler.status().suggestion).toMatchObject({ scenarioId: 'daily', reason: 'operator-choice' });
  });

  it('tells listeners when the next change moves on, not on every look at the clock', () => {
    const { clock, scheduler } = harness('2026-12-07T20:00');
    const heard: string[] = [];
    scheduler.onChanged((status) => heard.push(`${status.current?.ruleId}→${status.next?.ruleId}`));
    clock.advanceTo(beijing('2026-12-07T21:59'));
    expect(heard).toEqual([]);
    clock.advanceTo(beijing('2026-12-07T22:00'));
    expect(heard).toEqual(['night→day']);
  });
});
