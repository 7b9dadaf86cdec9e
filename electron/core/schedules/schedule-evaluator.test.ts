import { describe, expect, it } from 'vitest';
import { scheduleFileSchema, type ScheduleFile } from '@shared/model/schedule';
import { currentRule, findOverlap, nextRuleStart, ScheduleWindows } from './schedule-evaluator';
import { instantOfLocalMinute, localMinuteAt } from './local-time';

const name = (zh: string) => ({ zh, en: zh });

/** An instant given as Beijing time (UTC+8, no DST). */
const beijing = (text: string) => Date.parse(`${text}:00+08:00`);

function schedule(rules: unknown[], holidays: unknown[] = []): ScheduleWindows {
  const file: ScheduleFile = scheduleFileSchema.parse({ format: 'tianmu-schedules/1', holidays, rules });
  return new ScheduleWindows(file);
}

const night = {
  id: 'night',
  name: name('夜间模式'),
  kind: 'weekly',
  days: [1, 2, 3, 4, 5, 6, 7],
  from: '22:00',
  to: '06:00',
  action: 'switch',
  scenarioId: 'night',
};
const day = { ...night, id: 'day', name: name('日间模式'), from: '06:00', to: '22:00', scenarioId: 'daily' };
const nationalDay = {
  id: 'national-day',
  name: name('国庆节巡逻预案'),
  kind: 'dated',
  calendar: 'holidays-2026',
  from: '08:00',
  to: '20:00',
  action: 'switch',
  scenarioId: 'holiday-patrol',
};
const holidays2026 = {
  id: 'holidays-2026',
  name: name('2026 法定节假日'),
  periods: [{ name: name('国庆节'), from: '2026-10-01', to: '2026-10-07' }],
};

describe('the schedule evaluator', () => {
  it('a rule that crosses midnight: not yet in effect at 21:59, in effect from 22:00, still at 23:59 and 00:00, over at 06:00', () => {
    const windows = schedule([night]);
    expect(currentRule(windows, beijing('2026-12-07T21:59'))).toBeNull();
    expect(nextRuleStart(windows, beijing('2026-12-07T21:59'))).toMatchObject({
      rule: { id: 'night' },
      at: beijing('2026-12-07T22:00'),
      localTime: '22:00',
      localDate: '2026-12-07',
    });
    expect(currentRule(windows, beijing('2026-12-07T23:59'))?.rule.id).toBe('night');
    expect(currentRule(windows, beijing('2026-12-08T00:00'))).toMatchObject({
      rule: { id: 'night' },
      at: beijing('2026-12-07T22:00'),
    });
    expect(currentRule(windows, beijing('2026-12-08T00:01'))?.rule.id).toBe('night');
    expect(currentRule(windows, beijing('2026-12-08T05:59'))?.rule.id).toBe('night');
    expect(currentRule(windows, beijing('2026-12-08T06:00'))).toBeNull();
  });

  it('the minute before, at and after midnight with a night rule and a day rule: the next change is 06:00 日间模式 throughout', () => {
    const windows = schedule([night, day]);
    for (const time of ['2026-12-07T23:59', '2026-12-08T00:00', '2026-12-08T00:01']) {
      expect(currentRule(windows, beijing(time))?.rule.id).toBe('night');
      expect(nextRuleStart(windows, beijing(time))).toMatchObject({
        rule: { id: 'day' },
        at: beijing('2026-12-08T06:00'),
      });
    }
    // Seconds do not matter: 21:59:59 is still before the night rule.
    expect(currentRule(windows, beijing('2026-12-07T21:59') + 59_000)?.rule.id).toBe('day');
  });

  it('a weekday rule that crosses midnight belongs to the day it starts: Friday 22:00 runs into Saturday, Saturday 22:00 does not start', () => {
    const weekdayNights = { ...night, days: [1, 2, 3, 4, 5] };
    const windows = schedule([weekdayNights]);
    // 2026-12-11 is a Friday.
    expect(currentRule(windows, beijing('2026-12-12T00:30'))?.rule.id).toBe('night');
    expect(currentRule(windows, beijing('2026-12-12T22:30'))).toBeNull();
    expect(nextRuleStart(windows, beijing('2026-12-12T10:00'))?.at).toBe(beijing('2026-12-14T22:00'));
  });

  it('a dated rule on a holiday outranks the weekly rule, and the weekly rule takes effect again when it ends', () => {
    const windows = schedule([day, night, nationalDay], [holidays2026]);
    expect(currentRule(windows, beijing('2026-10-02T07:59'))?.rule.id).toBe('day');
    expect(nextRuleStart(windows, beijing('2026-10-02T07:59'))?.rule.id).toBe('national-day');
    expect(currentRule(windows, beijing('2026-10-02T08:00'))?.rule.id).toBe('national-day');
    expect(nextRuleStart(windows, beijing('2026-10-02T12:00'))).toMatchObject({
      rule: { id: 'day' },
      at: beijing('2026-10-02T20:00'),
    });
    // The day after the holiday, the weekly rules alone.
    expect(currentRule(windows, beijing('2026-10-08T12:00'))?.rule.id).toBe('day');
  });

  it('finds a dated rule months ahead', () => {
    const windows = schedule([nationalDay], [holidays2026]);
    expect(nextRuleStart(windows, beijing('2026-05-01T00:00'))).toMatchObject({
      rule: { id: 'national-day' },
      at: beijing('2026-10-01T08:00'),
      localDate: '2026-10-01',
    });
    expect(nextRuleStart(windows, beijing('2026-10-07T20:00'))).toBeNull();
  });

  it('Asia/Shanghai has no daylight saving: 22:00 local is 14:00 UTC in January, in July and on the dates Europe changes its clocks', () => {
    for (const date of ['2026-01-15', '2026-03-29', '2026-07-15', '2026-10-25']) {
      const at = instantOfLocalMinute('Asia/Shanghai', Date.parse(`${date}T22:00:00Z`) / 60_000);
      expect(new Date(at).toISOString()).toBe(`${date}T14:00:00.000Z`);
      expect(localMinuteAt('Asia/Shanghai', at)).toBe(Date.parse(`${date}T22:00:00Z`) / 60_000);
    }
    // A whole year of nights: every start is 24 h after the last.
    const windows = schedule([night]);
    let at = beijing('2026-01-01T12:00');
    for (let count = 0; count < 365; count++) {
      const next = nextRuleStart(windows, at + 12 * 3_600_000)!;
      if (count > 0) expect(next.at - at).toBe(86_400_000);
      at = next.at;
    }
  });

  it("reads the rules in the schedule's own time zone, not the machine's", () => {
    const file = scheduleFileSchema.parse({
      format: 'tianmu-schedules/1',
      timeZone: 'Asia/Tokyo',
      rules: [night],
    });
    const windows = new ScheduleWindows(file);
    expect(nextRuleStart(windows, Date.parse('2026-12-07T00:00:00Z'))?.at).toBe(
      Date.parse('2026-12-07T13:00:00Z'),
    );
  });
});

describe('overlapping rules', () => {
  it('two weekly rules at the same priority that overlap are found, naming both', () => {
    const evening = { ...day, id: 'evening', from: '18:00', to: '23:00', days: [5] };
    const file = scheduleFileSchema.parse({ format: 'tianmu-schedules/1', rules: [night, evening] });
    expect(findOverlap(file)).toMatchObject({ first: 0, second: 1 });
  });

  it('rules that only meet (22:00 end, 22:00 start), rules of different priority and a dated over a weekly rule do not clash', () => {
    const evening = { ...day, id: 'evening', from: '18:00', to: '23:00', priority: 1 };
    const file = scheduleFileSchema.parse({
      format: 'tianmu-schedules/1',
      holidays: [holidays2026],
      rules: [night, day, evening, nationalDay],
    });
    expect(findOverlap(file)).toBeNull();
  });

  it('a dated range that overlaps a holiday calendar at the same priority clashes', () => {
    const event = {
      ...nationalDay,
      id: 'parade',
      calendar: undefined,
      dates: { from: '2026-10-01', to: '2026-10-01' },
    };
    const file = scheduleFileSchema.parse({
      format: 'tianmu-schedules/1',
      holidays: [holidays2026],
      rules: [nationalDay, event],
    });
    expect(findOverlap(file)).toMatchObject({ first: 0, second: 1 });
  });
});
