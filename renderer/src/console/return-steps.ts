// Where 返回 goes: the console's 返回 button names the wall it brings back, and the walls after that one.
import type { LocalizedText } from '@shared/model/common';
import type { WallState } from '@shared/model/wall';

/** One wall 返回 steps back to: its scenario, and the scenario's name (null when the list has no such id). */
export interface ReturnStep {
  readonly scenarioId: string;
  readonly name: LocalizedText | null;
}

/**
 * The walls 返回 steps back through, the next one first (the history is kept oldest first); empty when there
 * is nothing to return to.
 */
export function returnSteps(
  state: Pick<WallState, 'history'> | null,
  scenarios: readonly { readonly id: string; readonly name: LocalizedText }[],
): ReturnStep[] {
  const names = new Map(scenarios.map((scenario) => [scenario.id, scenario.name]));
  return [...(state?.history ?? [])]
    .reverse()
    .map(({ scenarioId }) => ({ scenarioId, name: names.get(scenarioId) ?? null }));
}
