/**
 * One seed per test file for everything random in it: `TEST_SEED=<n>` (or
 * fast-check's own `FC_SEED`) replays a run, otherwise a fresh seed is drawn.
 * The seed is printed either way, so a failure on a loaded CI machine can be
 * replayed exactly on a quiet one.
 */
export function testSeed(what: string): number {
  const given = process.env.TEST_SEED ?? process.env.FC_SEED;
  const seed = given !== undefined ? Number(given) >>> 0 : Math.floor(Math.random() * 2 ** 32);
  console.log(`${what}: seed ${seed} (replay with TEST_SEED=${seed})`);
  return seed;
}

/**
 * mulberry32: a small, fast 32-bit PRNG, plenty for choosing test delays.
 * (fast-check's generators are built for its own runner; this needs only a
 * `() => number` in [0, 1).)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** fast-check options with the file's seed, so a failing property replays from the printed seed. */
export function propertyOptions(what: string, numRuns: number): { numRuns: number; seed: number } {
  return { numRuns, seed: testSeed(what) | 0 };
}
