// The typhoon script takes several demo indicators from normal to red and back, through the demo simulator.
import { describe, expect, it } from 'vitest';
import { indicatorCatalogueSchema } from '@shared/model/indicator';
import { evaluateLevel, type WarningLevel } from '@shared/vitals/warning-level';
import indicatorFile from '../../../../resources/demo/indicators.json';
import type { TopicValue } from '@shared/model/feed';
import { DemoSimulator } from './demo-simulator';
import { TyphoonScript, typhoonTargets } from './typhoon-script';

const { indicators } = indicatorCatalogueSchema.parse(indicatorFile);

describe('TyphoonScript', () => {
  it('drives every target indicator from normal to red and back to normal', () => {
    let clock = Date.UTC(2026, 7, 1, 0, 0, 0);
    const published: TopicValue[][] = [];
    const script = new TyphoonScript(240_000, () => clock);
    const simulator = new DemoSimulator(
      { values: (values) => published.push([...values]), backfill: () => undefined },
      indicators,
      { now: () => clock, override: script.override },
    );
    script.start();
    const levels = new Map<string, WarningLevel[]>();
    for (let second = 0; second <= 300; second++) {
      clock += 1_000;
      simulator.tick();
      for (const value of published.at(-1)!) {
        const indicator = indicators.find((candidate) => candidate.sourceKey === value.topic)!;
        if (!indicator.thresholds) continue;
        const history = levels.get(indicator.id) ?? [];
        history.push(evaluateLevel(value.value, indicator.thresholds, history.at(-1)));
        levels.set(indicator.id, history);
      }
    }
    for (const target of typhoonTargets) {
      const history = levels.get(target.indicatorId)!;
      expect(history[0], `${target.indicatorId} starts normal`).toBe('normal');
      expect(history, `${target.indicatorId} reaches red`).toContain('red');
      expect(history.at(-1), `${target.indicatorId} ends normal`).toBe('normal');
    }
    expect(script.status.isRunning).toBe(false);
  });
});
