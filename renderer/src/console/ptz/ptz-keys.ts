// Arrow keys to a PTZ direction: one key a straight move, two neighbouring keys held together a diagonal.
import type { PtzDirection } from '@shared/model/camera-platform';

const arrows = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

export function isArrowKey(key: string): boolean {
  return arrows.has(key);
}

/** The direction the held arrow keys ask for, or null (none held, or opposite keys cancelling out). */
export function directionOfKeys(held: ReadonlySet<string>): PtzDirection | null {
  const vertical = (held.has('ArrowUp') ? -1 : 0) + (held.has('ArrowDown') ? 1 : 0);
  const horizontal = (held.has('ArrowLeft') ? -1 : 0) + (held.has('ArrowRight') ? 1 : 0);
  const upDown = vertical < 0 ? 'up' : vertical > 0 ? 'down' : '';
  const leftRight = horizontal < 0 ? 'left' : horizontal > 0 ? 'right' : '';
  if (upDown && leftRight) return `${upDown}-${leftRight}` as PtzDirection;
  return (upDown || leftRight || null) as PtzDirection | null;
}
