/** 32-bit hashing helpers (murmur3-style mixing); structural hashes do not depend on ids. */

export function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return finish(h ^ s.length);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

export function hashFloat(x: number, seed: number): number {
  f64[0] = x;
  return finish(mix(mix(seed, u32[0]!), u32[1]!));
}
