/**
 * Seeded pseudo-random numbers for the Monte Carlo forecasts.
 *
 * Forecasts must be reproducible: the same history and seed have to give the same answer on
 * every render and in tests, so Math.random is never used. Mulberry32 is tiny, fast and has a
 * full 2^32 period, which is ample for 10,000-trial simulations (it is not cryptographic).
 */

/**
 * Returns a generator of floats in [0, 1) using the mulberry32 algorithm.
 * Invariant: two generators created with the same seed yield the same sequence.
 * The seed is reduced to an unsigned 32-bit integer (fractions are truncated).
 */
export function createMulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
