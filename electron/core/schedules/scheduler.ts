// Follows the clock: at each rule's start it switches the wall (as actor `schedule`) or raises a suggestion, unless
// an operator's choice or an open warning suggestion outranks it, and tells the consoles what comes next.
import type { ScheduleEvent, ScheduleFile, ScheduleStatus, ScheduleSuggestion } from '@shared/model/schedule';
import { defaultScheduleTimeZone } from '@shared/model/schedule';
import type { LocalizedText } from '@shared/model/common';
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';
import { dateOfDay, localMinuteAt } from './local-time';
import { currentRule, nextRuleStart, ScheduleWindows, type RuleStart } from './schedule-evaluator';

/** The scheduler's clock: injected so tests move time without waiting. */
export interface ScheduleClock {
  now(): number;
  /** Calls `callback` after `delayMs`; the answer cancels it. */
  setTimer(callback: () => void, delayMs: number): () => void;
}

export const systemClock: ScheduleClock = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

/**
 * The longest the scheduler sleeps before looking at the clock again: a clock set forward or back (NTP, an operator)
 * is noticed within a minute, and no timer exceeds setTimeout's 2^31 ms.
 */
export const longestSleepMs = 60_000;

export interface SchedulerOptions {
  schedule: ScheduleFile | null;
  /** A scenario's name, for the console's line (下一次：18:00 切换到 夜间模式). */
  scenarioName: (scenarioId: string) => LocalizedText;
  /** The scenario the wall shows now. */
  wallScenarioId: () => string;
  /** The workspace's default scenario: at start the wall showing it is the schedule's to change. */
  defaultScenarioId: string;
  /** Whether a warning-level suggestion (平急转换) is open on the console: it outranks the schedule. */
  hasWarningSuggestion: () => boolean;
  /** Switches the wall as the schedule (journaled with actor `schedule`). */
  activate: (scenarioId: string, ruleId: string) => void;
  clock?: ScheduleClock;
  log?: (line: string) => void;
}

/**
 * The rule of precedence, in order: (1) a rule whose action is `suggest` only suggests; (2) while a warning-level
 * suggestion is open, the schedule suggests; (3) when the wall shows something other than what the schedule last
 * put there (an operator switched by hand, or the automatic 平急转换 did), the schedule suggests; (4) otherwise it
 * switches. Accepting the schedule's suggestion, or 返回 to the scheduled scenario, hands the wall back to it.
 */
export class Scheduler {
  private readonly windows: ScheduleWindows | null;
  private readonly clock: ScheduleClock;
  private readonly changed = new Emitter<ScheduleStatus>();
  /** The rule the schedule last acted on (switched, suggested or found in effect). */
  private actedRuleId: string | null = null;
  /** The scenario the wall shows by the schedule's doing; any other scenario is someone's choice. */
  private scheduledScenarioId: string;
  private suggestion: ScheduleSuggestion | null = null;
  private cancelTimer: (() => void) | null = null;
  private lastStatus = '';

  constructor(private readonly options: SchedulerOptions) {
    this.windows = options.schedule ? new ScheduleWindows(options.schedule) : null;
    this.clock = options.clock ?? systemClock;
    this.scheduledScenarioId = options.defaultScenarioId;
  }

  /**
   * Starts following the clock. A rule already in effect is not applied on start (its start passed while the core
   * was down, and the wall resumes as it was left): when the wall shows something else, it is suggested.
   */
  start(): void {
    if (!this.windows) return;
    const current = currentRule(this.windows, this.clock.now());
    if (current) {
      this.actedRuleId = current.rule.id;
      if (this.options.wallScenarioId() === current.rule.scenarioId)
        this.scheduledScenarioId = current.rule.scenarioId;
      else this.suggest(current, current.rule.action === 'suggest' ? 'rule-suggests' : 'started-late');
    }
    this.arm();
    this.notify();
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  status(): ScheduleStatus {
    const now = this.clock.now();
    const timeZone = this.options.schedule?.timeZone ?? defaultScheduleTimeZone;
    const current = this.windows && currentRule(this.windows, now);
    const next = this.windows && nextRuleStart(this.windows, now);
    return {
      hasSchedule: this.windows !== null,
      timeZone,
      today: dateOfDay(Math.floor(localMinuteAt(timeZone, now) / 1440)),
      current: current ? this.event(current) : null,
      next: next ? this.event(next) : null,
      suggestion: this.suggestion,
    };
  }

  /** The status, whenever the rule in effect, the next change or the suggestion changes. */
  onChanged(listener: (status: ScheduleStatus) => void): Disposable {
    return this.changed.on(listener);
  }

  /** The wall switched (by anyone): a suggestion for that scenario is settled and the wall is the schedule's again. */
  onWallScenario(scenarioId: string): void {
    if (this.suggestion?.scenarioId !== scenarioId) return;
    this.scheduledScenarioId = scenarioId;
    this.suggestion = null;
    this.notify();
  }

  /** The operator declined the schedule's suggestion; the next rule's start may raise another. */
  dismissSuggestion(): boolean {
    if (!this.suggestion) return false;
    this.suggestion = null;
    this.notify();
    return true;
  }

  /** Looks at the clock: acts on a rule that has taken effect since the last look, then sleeps until the next. */
  tick(): void {
    if (!this.windows) return;
    const current = currentRule(this.windows, this.clock.now());
    if (current && current.rule.id !== this.actedRuleId) this.act(current);
    if (!current) this.actedRuleId = null;
    this.arm();
    this.notify();
  }

  private act(start: RuleStart): void {
    const { rule } = start;
    this.actedRuleId = rule.id;
    const wallScenarioId = this.options.wallScenarioId();
    if (wallScenarioId === rule.scenarioId) {
      this.scheduledScenarioId = rule.scenarioId;
      this.suggestion = null;
      return;
    }
    if (rule.action === 'suggest') return this.suggest(start, 'rule-suggests');
    if (this.options.hasWarningSuggestion()) return this.suggest(start, 'warning-active');
    if (wallScenarioId !== this.scheduledScenarioId) return this.suggest(start, 'operator-choice');
    this.options.log?.(`[schedules] ${start.localTime} rule '${rule.id}': switching to '${rule.scenarioId}'`);
    this.scheduledScenarioId = rule.scenarioId;
    this.suggestion = null;
    this.options.activate(rule.scenarioId, rule.id);
  }

  private suggest(start: RuleStart, reason: ScheduleSuggestion['reason']): void {
    this.options.log?.(
      `[schedules] ${start.localTime} rule '${start.rule.id}': suggesting '${start.rule.scenarioId}' (${reason})`,
    );
    this.suggestion = { ...this.event(start), reason };
  }

  private arm(): void {
    this.cancelTimer?.();
    const now = this.clock.now();
    const next = this.windows && nextRuleStart(this.windows, now);
    const delay = next ? Math.min(longestSleepMs, Math.max(0, next.at - now)) : longestSleepMs;
    this.cancelTimer = this.clock.setTimer(() => this.tick(), delay);
  }

  private event(start: RuleStart): ScheduleEvent {
    return {
      ruleId: start.rule.id,
      ruleName: start.rule.name,
      action: start.rule.action,
      scenarioId: start.rule.scenarioId,
      scenarioName: this.options.scenarioName(start.rule.scenarioId),
      at: start.at,
      localTime: start.localTime,
      localDate: start.localDate,
    };
  }

  /** Tells listeners only when something they show changed (not on every minute's look at the clock). */
  private notify(): void {
    const status = this.status();
    const text = JSON.stringify(status);
    if (text === this.lastStatus) return;
    this.lastStatus = text;
    this.changed.fire(status);
  }
}
