/**
 * Measuring the accuracy of kernels: errors in units in the last place (ulps) of a float
 * against an exact reference (a decimal.js value at high precision), and distances between
 * floats in ulps.
 *
 * A float's exact binary value is passed to decimal.js as `m * 2^e` (not as its shortest
 * decimal text, which is a different number), so the reference is computed at the float the
 * kernel saw.
 *
 * @example
 * const D = Decimal.clone({ precision: 40 });
 * ulpError(Math.exp(1), exactDecimal(1, D).exp()) // about 0.3: below half an ulp, correctly rounded
 */
import { Decimal } from 'decimal.js';

const view = new DataView(new ArrayBuffer(8));

/**
 * The exact value of the float `x` as a Decimal of constructor `D` (rounded to D's
 * precision only), or NaN / an infinity.
 * @example exactDecimal(0.1, Decimal.clone({ precision: 40 })).toString() // '0.1000000000000000055511151231257827021182'
 */
export function exactDecimal(x: number, D: typeof Decimal): Decimal {
  if (!Number.isFinite(x)) return new D(x);
  if (x === 0) return new D(0);
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let e: number;
  if (biased === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  const v = new D(m.toString()).times(new D(2).pow(e));
  return x < 0 ? v.neg() : v;
}

/** The spacing of floats at the magnitude of `d` (2^(exponent - 52), at least 2^-1074). */
function ulpAt(d: Decimal, D: typeof Decimal): Decimal {
  const a = d.abs();
  if (a.isZero()) return new D(2).pow(-1074);
  let e = Math.floor(Math.log2(a.toNumber()));
  // Math.log2 of the rounded value may be off by one next to a power of two.
  const two = new D(2);
  if (two.pow(e).gt(a)) e--;
  else if (two.pow(e + 1).lte(a)) e++;
  return two.pow(Math.max(e, -1022) - 52);
}

/**
 * The error of `x` against the exact value `exact`, in ulps of `exact` (0.5 or less when `x`
 * is correctly rounded). NaN against NaN and equal infinities are 0; a finite value against
 * a non-finite one (or the reverse) is Infinity.
 * @example ulpError(0.1, new Decimal('0.1')) // about 0.4
 */
export function ulpError(x: number, exact: Decimal): number {
  const D = exact.constructor as typeof Decimal;
  if (!exact.isFinite() || !Number.isFinite(x)) {
    if (Number.isNaN(x) && exact.isNaN()) return 0;
    return exact.isFinite() || Number.isFinite(x) || !exact.eq(x) ? Infinity : 0;
  }
  return exactDecimal(x, D).minus(exact).abs().div(ulpAt(exact, D)).toNumber();
}

/** The float's position on the line of all floats (adjacent floats differ by 1; -0 and 0 are one point). */
function ordinal(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/**
 * The number of floats between `a` and `b` (0 when equal, 1 when adjacent); 0 for two NaNs,
 * Infinity when one is NaN.
 * @example ulpDistance(1, 1 + Number.EPSILON) // 1
 */
export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}
