import { describe, expect, it } from 'vitest';
import { roleFromHash } from './router';

describe('roleFromHash', () => {
  it('tells a wall display, the leader view and the console apart by the route in the hash', () => {
    expect(roleFromHash('#/wall/left')).toEqual({ role: 'wall', displayId: 'left' });
    expect(roleFromHash('#/leader')).toEqual({ role: 'leader' });
    expect(roleFromHash('#/leader?x=1')).toEqual({ role: 'leader' });
    // A route that merely starts like it is not the leader view.
    expect(roleFromHash('#/leaderboard')).toEqual({ role: 'console' });
    expect(roleFromHash('#/console')).toEqual({ role: 'console' });
    expect(roleFromHash('#/login?redirect=/leader')).toEqual({ role: 'console' });
    expect(roleFromHash('')).toEqual({ role: 'console' });
  });
});
