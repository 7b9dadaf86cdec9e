import { describe, expect, it } from 'vitest';
import { directionOfKeys, isArrowKey } from './ptz-keys';

describe('directionOfKeys', () => {
  it('turns one arrow into its direction and two neighbouring arrows into the diagonal', () => {
    expect(directionOfKeys(new Set(['ArrowLeft']))).toBe('left');
    expect(directionOfKeys(new Set(['ArrowUp', 'ArrowRight']))).toBe('up-right');
    expect(directionOfKeys(new Set(['ArrowDown', 'ArrowLeft']))).toBe('down-left');
  });

  it('asks for no move when nothing is held or opposite keys cancel out', () => {
    expect(directionOfKeys(new Set())).toBeNull();
    expect(directionOfKeys(new Set(['ArrowLeft', 'ArrowRight']))).toBeNull();
    expect(directionOfKeys(new Set(['ArrowUp', 'ArrowDown', 'ArrowRight']))).toBe('right');
  });

  it('knows the arrow keys and nothing else', () => {
    expect(isArrowKey('ArrowUp')).toBe(true);
    expect(isArrowKey('a')).toBe(false);
  });
});
