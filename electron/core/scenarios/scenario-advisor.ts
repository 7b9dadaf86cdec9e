// 平急转换 suggestions: when an indicator's warning level reaches a level a scenario lists as a trigger, the
// console is asked "红色暴雨预警 → 切换到 防汛防台?"; only scenarios the workspace names switch by themselves.
// Fed through one small interface, `onIndicatorLevelChanged`, by whatever grades the indicators (the demo
// level watcher today, the feed engine's level events later) and by tests.
import type { Scenario } from '@shared/model/wall';
import type { ScenarioSuggestion } from '@shared/model/scenario-pack';
import { levelRank, type WarningLevel } from '@shared/vitals/warning-level';
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';

/** A trigger that matched: which scenario and which of its triggers. */
export interface TriggerMatch {
  readonly scenario: Scenario;
  readonly triggerIndex: number;
}

/**
 * The triggers an indicator's change from `previous` to `level` crosses upward: the indicator is now at or
 * beyond the trigger's level and was below it before. Pure.
 */
export function crossedTriggers(
  scenarios: readonly Scenario[],
  indicatorId: string,
  previous: WarningLevel,
  level: WarningLevel,
): TriggerMatch[] {
  const matches: TriggerMatch[] = [];
  for (const scenario of scenarios) {
    scenario.triggers.forEach((trigger, triggerIndex) => {
      if (trigger.indicatorId !== indicatorId) return;
      const needed = levelRank(trigger.level);
      if (levelRank(level) >= needed && levelRank(previous) < needed)
        matches.push({ scenario, triggerIndex });
    });
  }
  return matches;
}

export interface ScenarioAdvisorOptions {
  /** The scenarios as they are now (imports add some). */
  scenarios: () => readonly Scenario[];
  /** The scenario the wall shows now: it is never suggested. */
  activeScenarioId: () => string;
  /** Scenarios the workspace lets switch by themselves (`workspace.json` → `automaticSwitching`). */
  automatic: ReadonlySet<string>;
  /** Switches the wall (the automatic case). */
  activate: (scenarioId: string) => void;
  now?: () => number;
  log?: (line: string) => void;
}

export type SuggestionListener = (suggestions: ScenarioSuggestion[]) => void;

export class ScenarioAdvisor {
  private readonly levels = new Map<string, WarningLevel>();
  private readonly open = new Map<string, ScenarioSuggestion>();
  private readonly changed = new Emitter<ScenarioSuggestion[]>();

  constructor(private readonly options: ScenarioAdvisorOptions) {}

  /** The open suggestions, oldest first. */
  suggestions(): ScenarioSuggestion[] {
    return [...this.open.values()];
  }

  /** An indicator's warning level changed (or was first graded). */
  onIndicatorLevelChanged(indicatorId: string, level: WarningLevel): void {
    const previous = this.levels.get(indicatorId) ?? 'normal';
    this.levels.set(indicatorId, level);
    if (previous === level) return;
    let isChanged = false;
    // A level that falls back below a trigger withdraws its suggestion: the reason has gone.
    for (const [id, suggestion] of this.open) {
      if (suggestion.indicatorId === indicatorId && levelRank(level) < levelRank(suggestion.triggerLevel)) {
        this.open.delete(id);
        isChanged = true;
      }
    }
    for (const { scenario, triggerIndex } of crossedTriggers(
      this.options.scenarios(),
      indicatorId,
      previous,
      level,
    )) {
      if (scenario.id === this.options.activeScenarioId()) continue;
      const trigger = scenario.triggers[triggerIndex]!;
      if (this.options.automatic.has(scenario.id)) {
        this.options.log?.(
          `[scenarios] ${trigger.warning.en} at ${level} (${indicatorId}): switching to '${scenario.id}' automatically`,
        );
        this.options.activate(scenario.id);
        continue;
      }
      const id = `${scenario.id}:${indicatorId}:${trigger.level}`;
      this.open.set(id, {
        id,
        scenarioId: scenario.id,
        scenarioName: scenario.name,
        indicatorId,
        level,
        triggerLevel: trigger.level,
        warning: trigger.warning,
        raisedAt: (this.options.now ?? Date.now)(),
      });
      isChanged = true;
    }
    if (isChanged) this.notify();
  }

  /** The wall switched: suggestions for the scenario now shown are settled. */
  onScenarioActivated(scenarioId: string): void {
    let isChanged = false;
    for (const [id, suggestion] of this.open) {
      if (suggestion.scenarioId === scenarioId) {
        this.open.delete(id);
        isChanged = true;
      }
    }
    if (isChanged) this.notify();
  }

  /** The operator said no; the suggestion returns only after the level falls and rises again. */
  dismiss(suggestionId: string): boolean {
    const isOpen = this.open.delete(suggestionId);
    if (isOpen) this.notify();
    return isOpen;
  }

  /** The open suggestions, whenever one opens or closes. */
  onChanged(listener: SuggestionListener): Disposable {
    return this.changed.on(listener);
  }

  private notify(): void {
    this.changed.fire(this.suggestions());
  }
}
