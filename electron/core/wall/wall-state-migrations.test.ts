import { describe, expect, it } from 'vitest';
import { wallHistoryDepth, wallSnapshotSchema, wallStateSchema } from '@shared/model/wall';
import { upgradeSavedWallState } from './wall-state-migrations';

const snapshot = (scenarioId: string) => ({
  scenarioId,
  displays: {
    left: { layout: { rows: 1, columns: 1, merges: [] }, cells: [{ kind: 'clock', options: {} }] },
  },
  maximized: {},
  cellState: {},
});
const saved = (extra: Record<string, unknown>) => ({
  ...snapshot('fire'),
  version: 7,
  changedAt: 1_000,
  ...extra,
});

describe('upgradeSavedWallState', () => {
  it('turns the single 返回 snapshot of earlier builds into a history of one', () => {
    const upgraded = upgradeSavedWallState(saved({ previous: snapshot('daily') }));
    expect(upgraded.notes).toEqual([expect.stringMatching(/history of one/)]);
    const state = wallStateSchema.parse(upgraded.state);
    expect(state.history).toEqual([wallSnapshotSchema.parse(snapshot('daily'))]);
    expect(state).not.toHaveProperty('previous');
    expect(state).toMatchObject({ scenarioId: 'fire', version: 7, changedAt: 1_000 });
  });

  it('turns "no previous wall" into an empty history', () => {
    const upgraded = upgradeSavedWallState(saved({ previous: null }));
    expect(wallStateSchema.parse(upgraded.state).history).toEqual([]);
    expect(upgraded.notes).toHaveLength(1);
  });

  it('leaves a state of this build as it is, dropping the `previous` written for older builds', () => {
    const history = [snapshot('daily'), snapshot('flood')];
    const upgraded = upgradeSavedWallState(saved({ history, previous: snapshot('flood') }));
    expect(upgraded).toEqual({ state: saved({ history }), notes: [] });
  });

  it(`keeps the newest ${wallHistoryDepth} entries of a deeper history`, () => {
    const history = Array.from({ length: wallHistoryDepth + 2 }, (_, index) => snapshot(`s${index}`));
    const upgraded = upgradeSavedWallState(saved({ history }));
    const state = wallStateSchema.parse(upgraded.state);
    expect(state.history.map((entry) => entry.scenarioId)).toEqual(
      history.slice(2).map((entry) => entry.scenarioId),
    );
    expect(upgraded.notes).toEqual([expect.stringMatching(/newest 8 of 10/)]);
  });

  it('hands anything else to the schema unchanged, to be refused there with the field named', () => {
    for (const value of [null, 42, 'state', [1, 2], saved({})]) {
      expect(upgradeSavedWallState(value)).toEqual({ state: value, notes: [] });
    }
    expect(wallStateSchema.safeParse(upgradeSavedWallState(saved({})).state).success).toBe(false);
  });
});
