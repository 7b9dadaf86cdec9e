import { describe, expect, it } from 'vitest';
import type { WallSnapshot } from '@shared/model/wall';
import { returnSteps } from './return-steps';

const entry = (scenarioId: string): WallSnapshot => ({
  scenarioId,
  displays: {},
  maximized: {},
  cellState: {},
});
const scenarios = [
  { id: 'daily', name: { zh: '日常', en: 'Daily' } },
  { id: 'large-crowd', name: { zh: '大客流', en: 'Large crowd' } },
];

describe('returnSteps', () => {
  it('lists where 返回 goes, the next wall first, with scenario names', () => {
    expect(returnSteps({ history: [entry('daily'), entry('large-crowd')] }, scenarios)).toEqual([
      { scenarioId: 'large-crowd', name: { zh: '大客流', en: 'Large crowd' } },
      { scenarioId: 'daily', name: { zh: '日常', en: 'Daily' } },
    ]);
  });

  it('is empty with no history or no state yet, so the button is disabled', () => {
    expect(returnSteps({ history: [] }, scenarios)).toEqual([]);
    expect(returnSteps(null, scenarios)).toEqual([]);
  });

  it('names a scenario missing from the list by nothing (the console shows its id)', () => {
    expect(returnSteps({ history: [entry('retired')] }, scenarios)).toEqual([
      { scenarioId: 'retired', name: null },
    ]);
  });

  it('does not reorder the state it was given', () => {
    const history = [entry('daily'), entry('large-crowd')];
    returnSteps({ history }, scenarios);
    expect(history.map((item) => item.scenarioId)).toEqual(['daily', 'large-crowd']);
  });
});
