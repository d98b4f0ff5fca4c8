/**
 * BigInt helpers of the polynomial algebra: absolute value, gcd, lcm, bit length.
 *
 * @example igcd(12n, -18n) // 6n
 */

export function iabs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** Nonnegative gcd (`igcd(0n, 0n)` is 0n). */
export function igcd(a: bigint, b: bigint): bigint {
  a = iabs(a);
  b = iabs(b);
  while (b !== 0n) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** Nonnegative lcm. */
export function ilcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  return iabs((a / igcd(a, b)) * b);
}

/** Bits of |a| (0 for 0). */
export function bitLength(a: bigint): number {
  a = iabs(a);
  if (a < 0x20000000000000n) return a === 0n ? 0 : Math.floor(Math.log2(Number(a))) + 1;
  return a.toString(16).length * 4;
}
