/**
 * A small seeded generator (mulberry32) for the numeric checks that must give the same
 * points in every run: counterexamples of `equivalent`, the derivation verifier's model.
 *
 * @example const r = seededRandom(1); r() // 0.627..., then the same sequence every run
 */

/** Numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
