/**
 * Numbers of equate: exact rationals (fraction.js, BigInt) wherever the input is exact,
 * IEEE floats only where it is not. Mixed arithmetic gives a float (the float was already
 * inexact); an operation whose exact result is not a rational, or would be absurdly large
 * (more than `limits.maxExactBits` bits), returns `undefined` so the caller keeps it symbolic.
 *
 * @example add(exact(1, 3), exact(1, 6)) // 1/2, exactly
 */
import Fraction from 'fraction.js';
import { limits } from './limits.js';
import { hashFloat, mix, finish, hashString } from './hash.js';

// Fractions are immutable: the small integers are made once and shared.
const SMALL_LIMIT = 1024;
const SMALL: Fraction[] = Array.from({ length: 2 * SMALL_LIMIT + 1 }, (_, i) => new Fraction(i - SMALL_LIMIT));

/** An exact rational (fraction.js) or an inexact float (a JS number). */
export type Value = Fraction | number;

export { Fraction };

const ZERO_N = 0n;
const ONE_N = 1n;

export function exact(n: number | bigint, d: number | bigint = 1): Fraction {
  if (d === 1 && typeof n === 'number' && n >= -SMALL_LIMIT && n <= SMALL_LIMIT && Number.isInteger(n)) return SMALL[n + SMALL_LIMIT]!;
  return new Fraction(n, d);
}


export function isExact(v: Value): v is Fraction {
  return typeof v !== 'number';
}

export function isFloat(v: Value): v is number {
  return typeof v === 'number';
}

export function toFloat(v: Value): number {
  return typeof v === 'number' ? v : Number(v.s * v.n) / Number(v.d) || fracToFloatBig(v);
}

function fracToFloatBig(v: Fraction): number {
  // Numerators or denominators beyond 2^1023 overflow Number(); scale both first.
  const n = v.n, d = v.d;
  const nb = n.toString(2).length, db = d.toString(2).length;
  const shift = Math.max(0, Math.max(nb, db) - 1000);
  if (shift === 0) return Number(v.s * n) / Number(d);
  const sn = Number(n >> BigInt(shift)), sd = Number(d >> BigInt(shift));
  return Number(v.s) * (sd === 0 ? Infinity : sn / sd);
}

export function isZero(v: Value): boolean {
  return typeof v === 'number' ? v === 0 : v.n === ZERO_N;
}

export function isOne(v: Value): boolean {
  return typeof v === 'number' ? v === 1 : v.n === ONE_N && v.d === ONE_N && v.s === ONE_N;
}

export function isMinusOne(v: Value): boolean {
  return typeof v === 'number' ? v === -1 : v.n === ONE_N && v.d === ONE_N && v.s === -ONE_N;
}

/** True for exact integers only. */
export function isInteger(v: Value): v is Fraction {
  return typeof v !== 'number' && v.d === ONE_N;
}

export function sign(v: Value): number {
  if (typeof v === 'number') return v > 0 ? 1 : v < 0 ? -1 : 0;
  return v.n === ZERO_N ? 0 : Number(v.s);
}

export function equals(a: Value, b: Value): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number' && a === b;
  }
  return a.s === b.s && a.n === b.n && a.d === b.d;
}

/** Numeric order (exact and float compared by value); -1, 0 or 1. */
export function compare(a: Value, b: Value): number {
  if (typeof a !== 'number' && typeof b !== 'number') return a.compare(b);
  const x = toFloat(a), y = toFloat(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function finite(x: number): number | undefined {
  return Number.isFinite(x) ? (x === 0 ? 0 : x) : undefined;
}

export function add(a: Value, b: Value): Value | undefined {
  if (typeof a === 'number' || typeof b === 'number') return finite(toFloat(a) + toFloat(b));
  return a.add(b);
}

export function sub(a: Value, b: Value): Value | undefined {
  if (typeof a === 'number' || typeof b === 'number') return finite(toFloat(a) - toFloat(b));
  return a.sub(b);
}

export function mul(a: Value, b: Value): Value | undefined {
  if (typeof a === 'number' || typeof b === 'number') return finite(toFloat(a) * toFloat(b));
  return a.mul(b);
}

export function neg(a: Value): Value {
  return typeof a === 'number' ? (a === 0 ? 0 : -a) : a.neg();
}

/** a / b, or undefined when b is zero (the caller keeps `a * b^-1` symbolic). */
export function div(a: Value, b: Value): Value | undefined {
  if (isZero(b)) return undefined;
  if (typeof a === 'number' || typeof b === 'number') return finite(toFloat(a) / toFloat(b));
  return a.div(b);
}

/** log2 of an exact rational's larger part (its bit length, approximately). */
export function bitLength(v: Fraction): number {
  const n = v.n > v.d ? v.n : v.d;
  if (n < 0x20000000000000n) return Math.log2(Number(n));
  return n.toString(16).length * 4;
}

/**
 * a ^ b when the result is a number: exact for a rational base and an integer exponent
 * (within `limits.maxExactBits`), exact for perfect roots (`8^(2/3)` is 4), float when
 * either side is a float. Undefined otherwise (`2^(1/2)`, `0^-1`, `(-8)^(1/3)`, `2^(10^9)`).
 */
export function pow(a: Value, b: Value): Value | undefined {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toFloat(a), y = toFloat(b);
    if (x < 0 && !Number.isInteger(y)) return undefined;
    if (x === 0 && y < 0) return undefined;
    return finite(Math.pow(x, y));
  }
  if (b.n === ZERO_N) return isZero(a) ? undefined : exact(1);
  if (a.n === ZERO_N) return sign(b) > 0 ? exact(0) : undefined;
  if (isOne(a)) return a;
  if (b.d === ONE_N) {
    const e = b.s * b.n;
    const mag = e < 0n ? -e : e;
    const bits = bitLength(a);
    if (mag > BigInt(limits.maxExactBits) || bits * Number(mag) > limits.maxExactBits + 64) return undefined;
    const num = (a.s * a.n) ** mag, den = a.d ** mag;
    return e < 0n ? new Fraction(den, num) : new Fraction(num, den);
  }
  // Rational exponent p/q: exact only if numerator and denominator are perfect q-th powers.
  if (a.s < 0n) return undefined;
  if (b.d > 64n) return undefined;
  const q = Number(b.d);
  const rn = intRoot(a.n, q), rd = intRoot(a.d, q);
  if (rn === undefined || rd === undefined) return undefined;
  return pow(new Fraction(rn, rd), new Fraction(b.s * b.n));
}

/** The exact q-th root of a nonnegative BigInt, or undefined when it is not a perfect power. */
export function intRoot(n: bigint, q: number): bigint | undefined {
  if (n < 2n) return n;
  const Q = BigInt(q);
  const approx = Math.pow(Number(n), 1 / q);
  if (Number.isFinite(approx) && approx < 2 ** 50) {
    const a = BigInt(Math.round(approx));
    for (const c of [a - 1n, a, a + 1n]) if (c >= 0n && c ** Q === n) return c;
    return undefined;
  }
  // Newton iteration for very large n.
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / q));
  for (;;) {
    const y = ((Q - 1n) * x + n / x ** (Q - 1n)) / Q;
    if (y >= x) break;
    x = y;
  }
  return x ** Q === n ? x : undefined;
}

/** n! for an exact integer 0 <= n whose result fits `limits.maxExactBits`; undefined otherwise. */
export function factorial(v: Value): Value | undefined {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) return undefined;
    if (v > 170) return undefined;
    let r = 1;
    for (let i = 2; i <= v; i++) r *= i;
    return r;
  }
  if (v.d !== ONE_N || v.s < 0n) return undefined;
  const n = Number(v.n);
  // log2(n!) ~ n log2(n) - n log2(e)
  const bits = n < 2 ? 1 : n * Math.log2(n) - n * Math.LOG2E;
  // n beyond 2^1024 is Infinity as a Number, and the estimate NaN: refuse that too.
  if (!(bits <= limits.maxExactBits)) return undefined;
  let r = 1n;
  for (let i = 2n; i <= v.n; i++) r *= i;
  return new Fraction(r);
}

export function hashValue(v: Value): number {
  if (typeof v === 'number') return hashFloat(v, 0x2f1);
  if (v.n < 0x20000000000000n && v.d < 0x20000000000000n) {
    return finish(mix(mix(mix(0x5a3, Number(v.s)), hashFloat(Number(v.n), 7)), hashFloat(Number(v.d), 11)));
  }
  return hashString(`${v.s}:${v.n}/${v.d}`, 0x5a3);
}

/**
 * Text of a number as the parsers read it back: integers `3`, rationals `1/3`, floats always
 * with a point or an exponent (`2.0`, `1.5e-7`) so that they stay floats.
 */
export function formatValue(v: Value): string {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    const s = String(v);
    return /[.eE]/.test(s) ? s : `${s}.0`;
  }
  const n = v.s < 0n ? `-${v.n}` : `${v.n}`;
  return v.d === ONE_N ? n : `${n}/${v.d}`;
}

/**
 * Reads a numeral: digits, optional fraction and exponent. Integers are exact; a numeral with
 * a point or an exponent is a float unless `exactDecimals` is set, when it is the exact
 * rational it denotes (`0.1` is 1/10).
 */
export function parseNumeral(text: string, exactDecimals = false): Value {
  if (/^[0-9]+$/.test(text)) return text.length <= 3 ? exact(Number(text)) : new Fraction(BigInt(text));
  if (exactDecimals) {
    const m = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
    if (m) {
      const int = m[1] ?? '', frac = m[2] ?? '';
      const exp = Number(m[3] ?? '0') - frac.length;
      if (Math.abs(exp) <= limits.maxExactBits / 4) {
        const digits = BigInt((int + frac) || '0');
        return exp >= 0 ? new Fraction(digits * 10n ** BigInt(exp)) : new Fraction(digits, 10n ** BigInt(-exp));
      }
    }
  }
  return Number(text);
}
