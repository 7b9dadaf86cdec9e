// Seeded pseudo-random numbers (mulberry32): the demo district, its data and its incidents are the same on
// every start, so a demo, a screenshot and a test all see one story.

/** A function returning numbers in [0, 1), determined by `seed`. Tiny and fast; not for cryptography. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
