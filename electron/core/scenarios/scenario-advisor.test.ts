import { describe, expect, it } from 'vitest';
import type { Scenario } from '@shared/model/wall';
import { evaluateLevel, type WarningLevel } from '@shared/vitals/warning-level';
import { ScenarioAdvisor, crossedTriggers } from './scenario-advisor';

function scenario(id: string, zh: string, triggers: Scenario['triggers']): Scenario {
  return { version: 2, id, name: { zh, en: id }, mode: 'emergency', triggers, displays: {} };
}
const flood = scenario('flood-typhoon', '防汛防台', [
  { indicatorId: 'rain-1h', level: 'red', warning: { zh: '暴雨', en: 'rainstorm' } },
  { indicatorId: 'tide-bund', level: 'orange', warning: { zh: '高潮位', en: 'high tide' } },
]);
const crowd = scenario('large-crowd', '大客流', [
  { indicatorId: 'crowd-bund', level: 'yellow', warning: { zh: '外滩大客流', en: 'Bund crowd' } },
]);
const daily = scenario('daily', '日常', []);

function advisor(options: { active?: string; automatic?: string[] } = {}) {
  const activated: string[] = [];
  let active = options.active ?? 'daily';
  const instance = new ScenarioAdvisor({
    scenarios: () => [daily, flood, crowd],
    activeScenarioId: () => active,
    automatic: new Set(options.automatic ?? []),
    activate: (id) => {
      activated.push(id);
      active = id;
    },
    now: () => 1_000,
  });
  return { instance, activated };
}

describe('crossedTriggers', () => {
  it('matches only upward crossings of the trigger level', () => {
    const cross = (previous: WarningLevel, level: WarningLevel) =>
      crossedTriggers([flood, crowd], 'rain-1h', previous, level).map((match) => match.scenario.id);
    expect(cross('orange', 'red')).toEqual(['flood-typhoon']);
    expect(cross('normal', 'red')).toEqual(['flood-typhoon']);
    expect(cross('normal', 'orange')).toEqual([]);
    expect(cross('red', 'red')).toEqual([]);
    expect(cross('red', 'orange')).toEqual([]);
  });
});

describe('ScenarioAdvisor', () => {
  it('suggests 防汛防台 on a red rainstorm warning, and withdraws it when the rain drops', () => {
    const { instance, activated } = advisor();
    const seen: string[][] = [];
    instance.onChanged((suggestions) => seen.push(suggestions.map((entry) => entry.scenarioId)));
    instance.onIndicatorLevelChanged('rain-1h', 'orange');
    expect(instance.suggestions()).toEqual([]);
    instance.onIndicatorLevelChanged('rain-1h', 'red');
    expect(instance.suggestions()).toEqual([
      {
        id: 'flood-typhoon:rain-1h:red',
        scenarioId: 'flood-typhoon',
        scenarioName: { zh: '防汛防台', en: 'flood-typhoon' },
        indicatorId: 'rain-1h',
        level: 'red',
        triggerLevel: 'red',
        warning: { zh: '暴雨', en: 'rainstorm' },
        raisedAt: 1_000,
      },
    ]);
    instance.onIndicatorLevelChanged('rain-1h', 'yellow');
    expect(instance.suggestions()).toEqual([]);
    expect(seen).toEqual([['flood-typhoon'], []]);
    expect(activated).toEqual([]);
  });

  it('never suggests the scenario the wall already shows, and settles suggestions when the wall switches', () => {
    const shown = advisor({ active: 'flood-typhoon' });
    shown.instance.onIndicatorLevelChanged('rain-1h', 'red');
    expect(shown.instance.suggestions()).toEqual([]);

    const { instance } = advisor();
    instance.onIndicatorLevelChanged('tide-bund', 'orange');
    instance.onIndicatorLevelChanged('crowd-bund', 'red');
    expect(instance.suggestions().map((entry) => entry.scenarioId)).toEqual(['flood-typhoon', 'large-crowd']);
    instance.onScenarioActivated('flood-typhoon');
    expect(instance.suggestions().map((entry) => entry.scenarioId)).toEqual(['large-crowd']);
  });

  it('a dismissed suggestion stays away until the level falls and rises again', () => {
    const { instance } = advisor();
    instance.onIndicatorLevelChanged('crowd-bund', 'yellow');
    expect(instance.dismiss('large-crowd:crowd-bund:yellow')).toBe(true);
    instance.onIndicatorLevelChanged('crowd-bund', 'orange');
    expect(instance.suggestions()).toEqual([]);
    instance.onIndicatorLevelChanged('crowd-bund', 'blue');
    instance.onIndicatorLevelChanged('crowd-bund', 'yellow');
    expect(instance.suggestions()).toHaveLength(1);
  });

  it('switches by itself only to scenarios the workspace allows', () => {
    const { instance, activated } = advisor({ automatic: ['large-crowd'] });
    instance.onIndicatorLevelChanged('rain-1h', 'red');
    instance.onIndicatorLevelChanged('crowd-bund', 'yellow');
    expect(activated).toEqual(['large-crowd']);
    expect(instance.suggestions().map((entry) => entry.scenarioId)).toEqual(['flood-typhoon']);
  });

  it('is fed by graded values: a rain series through evaluateLevel suggests once at red', () => {
    const { instance } = advisor();
    const thresholds = {
      direction: 'above' as const,
      blue: 20,
      yellow: 35,
      orange: 50,
      red: 70,
      hysteresis: 2,
    };
    let level: WarningLevel = 'normal';
    let suggestionsRaised = 0;
    instance.onChanged((suggestions) => (suggestionsRaised += suggestions.length > 0 ? 1 : 0));
    for (const value of [5, 25, 40, 69, 71, 69, 70.5, 72, 75]) {
      const next = evaluateLevel(value, thresholds, level);
      if (next !== level) instance.onIndicatorLevelChanged('rain-1h', next);
      level = next;
    }
    // 69 after 71 stays red (hysteresis 2), so the suggestion is raised once and stays open.
    expect(suggestionsRaised).toBe(1);
    expect(instance.suggestions()).toHaveLength(1);
  });
});
