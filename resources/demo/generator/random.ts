// Seeded pseudo-random numbers, so the demo workspace comes out byte-identical on every run (no Math.random).
import { createSeededRandom } from '../../../shared/base/seeded-random';

/** A seeded stream of pseudo-random numbers with the few helpers the generator needs. */
export type Random = {
  /** A number in [0, 1). */
  next(): number;
  /** A number in [low, high). */
  between(low: number, high: number): number;
  /** An integer in [low, high], both included. */
  integer(low: number, high: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
};

/** FNV-1a over UTF-16 code units: turns a label into a 32-bit number. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < label.length; index += 1) {
    hash ^= label.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A random stream for one purpose. Each purpose (lattice, cameras, …) gets its own stream derived from the seed
 * and a label, so adding a camera does not move every grid boundary.
 */
export function createRandom(seed: number, label: string): Random {
  const next = createSeededRandom((seed ^ hashLabel(label)) >>> 0);
  const random: Random = {
    next,
    between: (low, high) => low + (high - low) * next(),
    integer: (low, high) => low + Math.floor(next() * (high - low + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('random.pick: no items to pick from');
      return item;
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index -= 1) {
        const other = Math.floor(next() * (index + 1));
        [copy[index], copy[other]] = [
          copy[other] as (typeof copy)[number],
          copy[index] as (typeof copy)[number],
        ];
      }
      return copy;
    },
  };
  return random;
}
