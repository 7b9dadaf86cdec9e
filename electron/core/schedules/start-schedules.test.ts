import { describe, expect, it } from 'vitest';
import { Emitter } from '@shared/base/emitter';
import { scheduleFileSchema } from '@shared/model/schedule';
import type { JournalInput } from '@shared/model/journal';
import type { WallState } from '@shared/model/wall';
import { Audit } from '../auth/audit';
import type { WallService } from '../wall/wall-service';
import type { ScenarioCatalog } from '../scenarios/scenario-catalog';
import type { ScenarioAdvisor } from '../scenarios/scenario-advisor';
import type { CoreSession } from '../session';
import { startSchedules } from './start-schedules';
import type { ScheduleClock } from './scheduler';

const name = (zh: string) => ({ zh, en: zh });
const beijing = (text: string) => Date.parse(`${text}:00+08:00`);

/** The wall, the catalogue and the advisor as far as the schedule uses them. */
function services(start: number) {
  let time = start;
  let pending: { at: number; callback: () => void } | null = null;
  const clock: ScheduleClock = {
    now: () => time,
    setTimer: (callback, delayMs) => {
      const timer = { at: time + delayMs, callback };
      pending = timer;
      return () => {
        if (pending === timer) pending = null;
      };
    },
  };
  const changed = new Emitter<WallState>();
  const state = { scenarioId: 'daily' } as WallState;
  const wall = {
    get state() {
      return state;
    },
    execute: (command: { scenarioId: string }) => {
      state.scenarioId = command.scenarioId;
      changed.fire(state);
      return state;
    },
    onChanged: (listener: (state: WallState) => void) => changed.on(listener),
  } as unknown as WallService;
  const catalog = {
    get: (id: string) => (['daily', 'major-event'].includes(id) ? { name: name(`场景 ${id}`) } : undefined),
  } as unknown as ScenarioCatalog;
  const advisor = { suggestions: () => [] } as unknown as ScenarioAdvisor;
  const records: JournalInput[] = [];
  const audit = new Audit({ append: async (input) => void records.push(input) });
  const events: unknown[] = [];
  const schedule = scheduleFileSchema.parse({
    format: 'tianmu-schedules/1',
    rules: [
      {
        id: 'event-day',
        name: name('重大活动保障日'),
        kind: 'dated',
        dates: { from: '2027-03-05', to: '2027-03-05' },
        from: '07:00',
        to: '23:00',
        action: 'switch',
        scenarioId: 'major-event',
      },
    ],
  });
  const started = startSchedules({
    workspace: { schedules: schedule, manifest: { defaultScenario: 'daily' } as never },
    wall,
    catalog,
    advisor,
    audit,
    sessions: { broadcast: (eventName, payload) => events.push({ eventName, payload }) },
    clock,
  });
  const advanceTo = (to: number) => {
    while (pending && pending.at <= to) {
      const due: { at: number; callback: () => void } = pending;
      pending = null;
      time = due.at;
      due.callback();
    }
    time = to;
  };
  return { started, wall, records, events, advanceTo };
}

describe('startSchedules', () => {
  it("switches the wall at the rule's start and journals it with actor 'schedule'; the consoles hear the next change", () => {
    const { started, wall, records, events, advanceTo } = services(beijing('2027-03-05T06:58'));
    expect(started.scheduler.status().next).toMatchObject({
      localTime: '07:00',
      scenarioName: { zh: '场景 major-event' },
    });
    advanceTo(beijing('2027-03-05T07:00'));
    expect(wall.state.scenarioId).toBe('major-event');
    expect(records).toEqual([
      {
        action: 'scenario.switched',
        target: { kind: 'scenario', id: 'major-event' },
        result: 'ok',
        detail: { schedule: 'event-day' },
        actor: { userId: 'schedule', role: 'system', window: 'core' },
      },
    ]);
    expect(events.at(-1)).toMatchObject({
      eventName: 'schedule.changed',
      payload: { status: { current: { ruleId: 'event-day' }, next: null } },
    });
    started.dispose();
  });

  it('an operator who declines the suggestion is journaled as the one who did', async () => {
    const { started, wall, records, advanceTo } = services(beijing('2027-03-05T06:58'));
    wall.execute({ type: 'scenario.activate', scenarioId: 'fire' } as never);
    advanceTo(beijing('2027-03-05T07:00'));
    expect(wall.state.scenarioId).toBe('fire');
    expect(started.scheduler.status().suggestion).toMatchObject({ reason: 'operator-choice' });
    const session = {
      principal: { kind: 'user', userId: 'operator', role: 'operator' },
      role: 'console',
      address: 'local',
    };
    await started.handlers['schedule.dismissSuggestion']({}, { session: session as unknown as CoreSession });
    expect(started.scheduler.status().suggestion).toBeNull();
    expect(records.at(-1)).toMatchObject({
      action: 'schedule.dismissed',
      actor: { userId: 'operator', role: 'operator' },
      target: { id: 'major-event' },
    });
    await expect(
      started.handlers['schedule.dismissSuggestion']({}, { session: session as unknown as CoreSession }),
    ).rejects.toThrow('no open schedule suggestion');
    started.dispose();
  });
});
