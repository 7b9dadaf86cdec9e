import { describe, expect, it } from 'vitest';
import { describeIssues } from '../protocol/validation';
import { maxCellStateDepth, wallCommandSchema, wallStateSchema } from './wall';

/** `1` inside `depth` arrays: `[[[1]]]` is 3 levels deep. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

const setState = (state: unknown) => ({ type: 'cell.setState', displayId: 'left', cellIndex: 0, state });
const savedState = (cellState: unknown) => ({
  scenarioId: 'daily',
  displays: {},
  cellState: { 'left/0': cellState },
  version: 3,
  history: [],
  changedAt: 0,
});

describe('wall schemas: cell state is bounded JSON', () => {
  it(`accepts a cell state ${maxCellStateDepth} levels deep and refuses one a level deeper, naming the field`, () => {
    expect(wallCommandSchema.safeParse(setState(nested(maxCellStateDepth))).success).toBe(true);
    const refused = wallCommandSchema.safeParse(setState(nested(maxCellStateDepth + 1)));
    expect(refused.success).toBe(false);
    expect(describeIssues(refused.error!)).toBe(`state: nested more than ${maxCellStateDepth} levels deep`);
  });

  it('refuses a cell state nested 1,900 levels deep (under 4 KB) in a command and in a saved state, without overflowing', () => {
    const deep = nested(1_900);
    expect(JSON.stringify(deep).length).toBeLessThan(4_096);
    const command = wallCommandSchema.safeParse(setState(deep));
    expect(command.success).toBe(false);
    expect(describeIssues(command.error!)).toMatch(/^state: nested more than 32 levels deep$/);
    const saved = wallStateSchema.safeParse(savedState(deep));
    expect(saved.success).toBe(false);
    expect(describeIssues(saved.error!)).toBe('cellState.left/0: nested more than 32 levels deep');
    // Far deeper than any stack: the check walks the value without recursion.
    expect(wallStateSchema.safeParse(savedState(nested(200_000))).success).toBe(false);
  });

  it('refuses a cell state of more values than 4 KB of JSON can hold, and anything that is not JSON', () => {
    const wide = wallStateSchema.safeParse(savedState(Array.from({ length: 5_000 }, () => 0)));
    expect(wide.success).toBe(false);
    expect(describeIssues(wide.error!)).toMatch(/^cellState\.left\/0: more than 4096 values$/);
    expect(wallCommandSchema.safeParse(setState({ center: [121.49, 31.24], zoom: 15.5 })).success).toBe(true);
    expect(wallCommandSchema.safeParse(setState({ at: new Date(0) })).success).toBe(false);
    expect(wallCommandSchema.safeParse(setState(Number.NaN)).success).toBe(false);
  });
});
