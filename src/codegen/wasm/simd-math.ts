/**
 * Vectorised elementary functions for the SIMD batch loop: exp, log, sin, cos and tan on
 * both lanes of an f64x2, emitted as statements (`schedule.ts`) with no branches.
 *
 * The algorithms and most constants are fdlibm's (Sun Microsystems, 1993, as in musl):
 * - exp (glibc's table method instead): k = round(x 512/ln 2), r = x - k ln(2)/512 in two
 *   parts (Cody-Waite), 2^(k/512) from a table of 2^(j/512) (j = k mod 512, in the data
 *   segment, loaded lane by lane) with k div 512 added to its exponent bits, exp(r) by its
 *   Taylor polynomial of degree 4.
 * - log: x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)), s = f/(2 + f), log(1 + f) =
 *   f - f^2/2 + s (f^2/2 + R(s^2)) with fdlibm's degree-7 minimax R, plus k ln 2 in two parts.
 * - sin, cos: one reduction by pi (pi as 33 + 53 bits), to +-sin(d) with |d| <= pi/2, and
 *   sin(d) by a minimax polynomial of degree 17 (Remez, see `SIN_POLY`).
 * - tan: x = n pi/2 + (y0 + y1) (fdlibm's first reduction round, with the tail), fdlibm's
 *   sin and cos kernels on [-pi/4, pi/4] and sin/cos or -cos/sin by the parity of n.
 *
 * The code is short and branch-free: polynomials by Horner's scheme (its single running
 * value keeps the fewest registers busy; V8 runs the Horner chains of the loop's points side
 * by side), the masks in two or three instructions each.
 *
 * Where the engine has relaxed SIMD (`StmtBuilder.fma`), each Horner step, the reductions
 * of exp, sin and cos (and the exact first part of tan's), and the last step of exp and sin
 * are one `f64x2.relaxed_madd` or `relaxed_nmadd` instead of a multiplication and an
 * addition: a third fewer arithmetic instructions. The engine may fuse them or not; the error
 * analysis holds either way (the products in the reductions' first parts are exact, a fused
 * step only rounds less), and unfused they compute exactly what the code without `fma` does.
 *
 * Each function also returns a mask of the lanes it computed right: exp for |x| <= 708, log
 * for normal positive finite x, sin, cos and tan for |x| <= 1.5e6 with at most 28 bits
 * cancelled in the reduction (|d| >= |x| 2^-28). The SIMD loop recomputes a block of points
 * with the scalar `Math` functions when a lane is outside its mask (NaN, infinities, log of
 * zero, of a negative or subnormal number, overflow, huge arguments), so special values
 * follow `Math` exactly. Accuracy against decimal.js: test/codegen-accuracy.test.ts, and the
 * README's table.
 *
 * @example
 * const { value, ok } = emitSimdMath(stmts, 'exp', xLocal) // locals of exp(x) and its mask
 */
import { SIMD } from './opcodes.js';
import type { StmtBuilder } from './schedule.js';

/** The functions this file vectorises. */
export type SimdMathName = 'exp' | 'log' | 'sin' | 'cos' | 'tan';
export const SIMD_MATH: readonly SimdMathName[] = ['exp', 'log', 'sin', 'cos', 'tan'];

/** The double with the given high and low 32-bit words (how fdlibm writes its constants). */
function words(hi: number, lo: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setUint32(0, hi);
  v.setUint32(4, lo);
  return v.getFloat64(0);
}

/** 1.5 * 2^52: adding it rounds to an integer held in the low bits of the mantissa. */
const TOINT = 6755399441055744;
const TOINT_BITS = 0x4338000000000000n;

// exp; ln 2 in two parts also for log (fdlibm e_exp.c)
const INVLN2 = words(0x3ff71547, 0x652b82fe);
const LN2HI = words(0x3fe62e42, 0xfee00000);
const LN2LO = words(0x3dea39ef, 0x35793c76);
const EXP_FAST = 708;

// log (fdlibm e_log.c)
const LG = [words(0x3fe55555, 0x55555593), words(0x3fd99999, 0x9997fa04), words(0x3fd24924, 0x94229359), words(0x3fcc71c5, 0x1d8e78af), words(0x3fc74664, 0x96cb03de), words(0x3fc39a09, 0xd078c69f), words(0x3fc2f112, 0xdf3e5244)];
const SQRT_HALF_HI = 0x3fe6a09e00000000n;
const MANTISSA = 0x000fffffffffffffn;
const MIN_NORMAL = 2.2250738585072014e-308;

// sin, cos (fdlibm k_sin.c, k_cos.c, e_rem_pio2.c)
const INVPIO2 = words(0x3fe45f30, 0x6dc9c883);
const INVPI = words(0x3fd45f30, 0x6dc9c883);
const PIO2 = [words(0x3ff921fb, 0x54400000), words(0x3dd0b461, 0x1a600000), words(0x3ba3198a, 0x2e000000)];
const PIO2T = [words(0x3dd0b461, 0x1a626331), words(0x3ba3198a, 0x2e037073), words(0x397b839a, 0x252049c1)];
const S = [words(0xbfc55555, 0x55555549), words(0x3f811111, 0x1110f8a6), words(0xbf2a01a0, 0x19c161d5), words(0x3ec71de3, 0x57b1fe7d), words(0xbe5ae5e6, 0x8a2b9ceb), words(0x3de5d93a, 0x5acfd57c)];
const C = [words(0x3fa55555, 0x5555554c), words(0xbf56c16c, 0x16c15177), words(0x3efa01a0, 0x19cb1590), words(0xbe927e4f, 0x809c52ad), words(0x3e21ee9e, 0xbdb4b1c4), words(0xbda8fae9, 0xbe8838d4)];
/** Below fdlibm's bound for the medium reduction (2^20 pi/2 = 1.647e6). */
const TRIG_FAST = 1.5e6;

/** The fast ranges, for the documentation and the tests. */
export const SIMD_FAST_RANGE = { exp: EXP_FAST, log: MIN_NORMAL, trig: TRIG_FAST } as const;

/** What a vectorised function emitted: the local of its value, and of its mask of valid lanes. */
export interface SimdValue {
  value: number;
  /** All ones in the lanes where `value` is right; the caller recomputes the others. */
  ok: number;
}

/** Both lanes of the locals `xs` through the scalar import `f`, into a new local. */
export function laneCall(s: StmtBuilder, f: number, xs: readonly number[]): number {
  for (const x of xs) s.get(x).lane(SIMD.f64x2_extract_lane, 0);
  s.call(f).simd(SIMD.f64x2_splat);
  for (const x of xs) s.get(x).lane(SIMD.f64x2_extract_lane, 1);
  s.call(f).lane(SIMD.f64x2_replace_lane, 1);
  const out = s.local();
  s.set(out);
  return out;
}

function locals(s: StmtBuilder, n: number): number[] {
  return Array.from({ length: n }, () => s.local());
}

/** Entries of the exp table: x = (k/N) ln 2 + r, with j = k mod N the entry. */
const EXP_N = 512;
/** Bytes of the exp table (`expTable`): 8 per entry. */
export const EXP_TABLE_BYTES = 8 * EXP_N;
/** Where the SIMD loop's data segment holds the exp table (the constants follow it). */
export const EXP_TABLE_AT = 0;
/** ln(2)/N in a 32-bit part (its multiples by |k| < 2^19 are exact) and the rest. */
const LN2N_HI = words(0x3f562e42, 0xff000000);
const LN2N_LO = words(0xbd371843, 0x2a1b0e26);
/** e^r - 1 - r by its Taylor polynomial r^2 (1/2 + r/6 + r^2/24): error below 2^-59 for |r| <= ln(2)/2N. */
const EXP_POLY = [1 / 2, 1 / 6, 1 / 24];

let expTableBytes: Uint8Array | undefined;

/** floor(sqrt(n)) for n > 0, by Newton's method. */
function isqrt(n: bigint): bigint {
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * The exp table: entry j < N holds the bits of H = 2^(j/N) rounded to the nearest double,
 * minus j 2^52/N, so that adding k 2^52/N (for any k = j mod N, |k| < 2^19) gives the bits
 * of 2^(k/N) rounded: 2^(k div N) H. Computed once in 128-bit fixed point (2^(1/N) by nine
 * square roots, then its powers), little-endian.
 * @example new Float64Array(expTable().buffer)[0] // 1, the bits of 2^0
 */
export function expTable(): Uint8Array {
  if (expTableBytes !== undefined) return expTableBytes;
  const P = 128n;
  let step = 2n << P;
  for (let n = EXP_N; n > 1; n >>= 1) step = isqrt(step << P);
  const view = new DataView(new ArrayBuffer(EXP_TABLE_BYTES));
  let v = 1n << P;
  for (let j = 0; j < EXP_N; j++) {
    // v in [1, 2): its nearest double has 52 bits after the point.
    const h = Number((v + (1n << (P - 53n))) >> (P - 52n)) / 2 ** 52;
    view.setFloat64(8 * j, h, true);
    view.setBigInt64(8 * j, view.getBigInt64(8 * j, true) - BigInt(j) * (2n ** 52n / BigInt(EXP_N)), true);
    v = (v * step) >> P;
  }
  expTableBytes = new Uint8Array(view.buffer);
  return expTableBytes;
}

/**
 * exp, by a table (the method of glibc's exp): k = round(x N/ln 2) with N = 512, r = x -
 * k ln(2)/N (Cody-Waite: ln(2)/N in two parts), |r| <= ln(2)/1024; the scale s = 2^(k/N)
 * rounded comes from the table's entry k mod N, loaded lane by lane, with k div N added to
 * its exponent bits; then e^x = s + s (r + r^2 (1/2 + r/6 + r^2/24)).
 */
function emitExp(s: StmtBuilder, x: number): SimdValue {
  const [ok, t, kf, r1, r, r2, at, lo, sc, p, pr, out] = locals(s, 12) as [number, number, number, number, number, number, number, number, number, number, number, number];
  // |x| <= 708 as x^2 <= 708^2 (two instructions; V8 takes three for abs and compare).
  s.get(x).get(x).mul().k(EXP_FAST * EXP_FAST).simd(SIMD.f64x2_le).set(ok);
  // t = k + 1.5 * 2^52: the low bits of its mantissa are k's.
  s.madd(x, [INVLN2 * EXP_N], [TOINT]).set(t);
  s.get(t).k(TOINT).sub().set(kf);
  s.nmadd(kf, [LN2N_HI], x).set(r1);
  s.nmadd(kf, [LN2N_LO], r1).set(r);
  // The entries' byte offsets, 8 (k mod N), in the low 32 bits of each lane; the entries;
  // k 2^52/N (the low bits of t shifted) added to them.
  s.get(t).ki(BigInt(EXP_N - 1)).simd(SIMD.v128_and).i32(3).simd(SIMD.i64x2_shl).set(at);
  s.get(at).lane(SIMD.i32x4_extract_lane, 0).simdMem(SIMD.v128_load64_zero, 3, EXP_TABLE_AT).set(lo);
  s.get(at).lane(SIMD.i32x4_extract_lane, 2).get(lo).simdMemLane(SIMD.v128_load64_lane, 3, EXP_TABLE_AT, 1)
    .get(t).i32(52 - Math.log2(EXP_N)).simd(SIMD.i64x2_shl).simd(SIMD.i64x2_add).set(sc);
  s.get(r).get(r).mul().set(r2);
  s.poly(r, EXP_POLY).set(p);
  s.madd(r2, p, r).set(pr);
  s.madd(sc, pr, sc).set(out);
  return { value: out, ok };
}

function emitLog(s: StmtBuilder, x: number): SimdValue {
  const [ok, u, f, dk, hfsq, q, z, w, t1, t2, out] = locals(s, 11) as [number, number, number, number, number, number, number, number, number, number, number];
  s.get(x).k(MIN_NORMAL).simd(SIMD.f64x2_ge).get(x).k(Number.MAX_VALUE).simd(SIMD.f64x2_le).simd(SIMD.v128_and).set(ok);
  // u = bits(x) - bits(sqrt(2)/2) (high word); k = u >> 52; 1 + f = x / 2^k in [sqrt(2)/2, sqrt(2)).
  s.get(x).ki(SQRT_HALF_HI).simd(SIMD.i64x2_sub).set(u);
  s.get(u).ki(MANTISSA).simd(SIMD.v128_and).ki(SQRT_HALF_HI).simd(SIMD.i64x2_add).k(1).sub().set(f);
  s.get(u).i32(52).simd(SIMD.i64x2_shr_s).ki(TOINT_BITS).simd(SIMD.i64x2_add).k(TOINT).sub().set(dk);
  s.k(0.5).get(f).mul().get(f).mul().set(hfsq);
  s.get(f).k(2).get(f).add().div().set(q);
  s.get(q).get(q).mul().set(z);
  s.get(z).get(z).mul().set(w);
  // R = z*(Lg1 + w*(Lg3 + w*(Lg5 + w*Lg7))) + w*(Lg2 + w*(Lg4 + w*Lg6))
  s.get(z).poly(w, [LG[0]!, LG[2]!, LG[4]!, LG[6]!]).mul().set(t2);
  s.get(w).poly(w, [LG[1]!, LG[3]!, LG[5]!]).mul().set(t1);
  // s*(hfsq + R) + dk*ln2_lo - hfsq + f + dk*ln2_hi
  s.get(q).get(hfsq).get(t2).get(t1).add().add().mul().get(dk).k(LN2LO).mul().add().get(hfsq).sub().get(f).add().get(dk).k(LN2HI).mul().add().set(out);
  return { value: out, ok };
}

/**
 * Most bits the first reduction round may cancel: its error is about |x| 2^-85, so with
 * |y0| >= |x| 2^-28 it is below 2^-57 |y0| (fdlibm, which wants more, reduces further from
 * 16 bits on).
 */
const CANCELLED_BITS = 28;

/**
 * Reduces x by j pi/2 (j an integer below 2^20 in the local `j`) to y0 (and its rounding
 * error y1 when asked), with pi/2 in a 33-bit part and a 53-bit tail (fdlibm's first round,
 * 85 bits); `ok` clears the lanes where more than `CANCELLED_BITS` bits cancelled: those
 * are recomputed.
 */
function reduce(s: StmtBuilder, x: number, j: number, ok: number, tail: boolean): { y0: number; y1: number } {
  const [r, w, y0, fine] = locals(s, 4) as [number, number, number, number];
  s.nmadd(j, [PIO2[0]!], x).set(r);
  s.get(j).k(PIO2T[0]!).mul().set(w);
  s.get(r).get(w).sub().set(y0);
  s.get(y0).simd(SIMD.f64x2_abs).k(2 ** CANCELLED_BITS).mul().get(x).simd(SIMD.f64x2_abs).simd(SIMD.f64x2_ge).get(ok).simd(SIMD.v128_and).set(fine);
  let y1 = -1;
  if (tail) {
    y1 = s.local();
    s.get(r).get(y0).sub().get(w).sub().set(y1);
  }
  s.get(fine).set(ok);
  return { y0, y1 };
}

/**
 * The coefficients of q in sin(d) = d + d z q(z), z = d^2, for |d| <= pi/2: q of degree 7,
 * minimax for the relative error of sin (Remez exchange at 60 digits with decimal.js). With
 * the coefficients rounded to doubles the polynomial's relative error is below 2^-55
 * (test/codegen-accuracy.test.ts checks it); with one coefficient fewer it would be 2^-52.4,
 * and sin and cos would reach 3 ulp.
 */
export const SIN_POLY: readonly number[] = [
  -0.16666666666666666, 0.008333333333333194, -0.00019841269841209205, 0.000002755731921113469,
  -2.5052106872559184e-8, 1.6058939693368267e-10, -7.642991155597864e-13, 2.7211713716919033e-15,
];

/** pi in a 33-bit part (its multiples by numbers of up to 20 bits are exact) and the rest. */
const PI1 = 2 * PIO2[0]!;
const PI2 = 2 * PIO2T[0]!;

/**
 * sin and cos with one polynomial and one reduction by pi: with n = round(x/pi), sin(x) =
 * (-1)^n sin(x - n pi); with n = floor(x/pi), cos(x) = (-1)^n sin((n + 1/2) pi - x). The
 * reduced argument d (|d| <= pi/2) is x - h pi (h = n or n + 1/2, at most 20 bits, so h*PI1
 * is exact) in two parts, 86 bits of pi in all; the sign (-1)^n is the low bit of n,
 * shifted into the sign bit. The mask: |x| <= 1.5e6 and at most 28 bits cancelled
 * (d^2 2^56 >= x^2), as x^2 <= min(1.5e6^2, d^2 2^56) (strictly for sin, see below).
 */
function emitSinCos(s: StmtBuilder, name: 'sin' | 'cos', x: number): SimdValue {
  const [t, h, r, d, z, q, zq, ok, out] = locals(s, 9) as [number, number, number, number, number, number, number, number, number];
  if (name === 'sin') {
    if (s.fma) {
      // With a fused multiply-add, t = x/pi + 1.5 * 2^52 in one rounding: the low bits of its
      // mantissa hold n = round(x/pi), and h = t - 1.5 * 2^52 is n (one instruction fewer;
      // unfused, the sum rounds x/pi to even as f64x2.nearest does, so h and t are the same).
      s.madd(x, [INVPI], [TOINT]).set(t);
      s.get(t).k(TOINT).sub().set(h);
    } else {
      s.get(x).k(INVPI).mul().simd(SIMD.f64x2_nearest).set(h);
      // t = n + 1.5 * 2^52: the low bit of its mantissa is n's.
      s.get(h).k(TOINT).add().set(t);
    }
    s.nmadd(h, [PI1], x).set(r);
    s.nmadd(h, [PI2], r).set(d);
  } else {
    const n = s.local();
    s.get(x).k(INVPI).mul().simd(SIMD.f64x2_floor).set(n);
    s.get(n).k(TOINT).add().set(t);
    s.get(n).k(0.5).add().set(h);
    s.get(h).k(PI1).mul().get(x).sub().set(r);
    s.madd(h, [PI2], r).set(d);
  }
  s.get(d).get(d).mul().set(z);
  s.poly(z, SIN_POLY).set(q);
  // d + d z q, with the sign bit flipped when n is odd.
  s.get(z).get(q).mul().set(zq);
  s.madd(d, zq, d).get(t).i32(63).simd(SIMD.i64x2_shl).simd(SIMD.v128_xor).set(out);
  // For sin the comparison is strict, which sends x = 0 to the scalar path: d + d z q is +0
  // at d = -0, and sin(-0) is -0 (for cos, d is never 0).
  s.get(x).get(x).mul().k(TRIG_FAST * TRIG_FAST).get(z).k(2 ** (2 * CANCELLED_BITS)).mul().simd(SIMD.f64x2_pmin);
  s.simd(name === 'sin' ? SIMD.f64x2_lt : SIMD.f64x2_le).set(ok);
  return { value: out, ok };
}

/** tan: one reduction by pi/2, fdlibm's sin and cos kernels, the quadrant chosen per lane, sin/cos. */
function emitTan(s: StmtBuilder, x: number): SimdValue {
  const [ok, t, fn, z, w2, rr, v, sn, rc, hz, q, cs, odd, out] = locals(s, 14) as number[] as [
    number, number, number, number, number, number, number, number, number, number, number, number, number, number];
  s.get(x).simd(SIMD.f64x2_abs).k(TRIG_FAST).simd(SIMD.f64x2_le).set(ok);
  // n = round(x * 2/pi); the low bits of t's mantissa hold n mod 4.
  s.get(x).k(INVPIO2).mul().k(TOINT).add().set(t);
  s.get(t).k(TOINT).sub().set(fn);
  const { y0, y1 } = reduce(s, x, fn, ok, true);
  s.get(y0).get(y0).mul().set(z);
  s.get(z).get(z).mul().set(w2);
  // sin: y0 - ((z*(y1/2 - v*rr) - y1) - v*S1), v = z*y0, rr = S2 + z*(S3 + z*S4) + z*w2*(S5 + z*S6)
  s.k(S[1]!).get(z).k(S[2]!).get(z).k(S[3]!).mul().add().mul().add();
  s.get(z).get(w2).mul().k(S[4]!).get(z).k(S[5]!).mul().add().mul().add().set(rr);
  s.get(z).get(y0).mul().set(v);
  s.get(y0).get(z).k(0.5).get(y1).mul().get(v).get(rr).mul().sub().mul().get(y1).sub().get(v).k(S[0]!).mul().sub().sub().set(sn);
  // cos: hz = z/2, q = 1 - hz; q + (((1 - q) - hz) + (z*rc - y0*y1)), rc = z*(C1 + z*(C2 + z*C3)) + w2*w2*(C4 + z*(C5 + z*C6))
  s.get(z).poly(z, [C[0]!, C[1]!, C[2]!]).mul().get(w2).get(w2).mul().poly(z, [C[3]!, C[4]!, C[5]!]).mul().add().set(rc);
  s.k(0.5).get(z).mul().set(hz);
  s.k(1).get(hz).sub().set(q);
  s.get(q).k(1).get(q).sub().get(hz).sub().get(z).get(rc).mul().get(y0).get(y1).mul().sub().add().add().set(cs);
  // tan = sin/cos, or -cos/sin when n is odd.
  s.get(t).ki(1n).simd(SIMD.v128_and).ki(1n).simd(SIMD.i64x2_eq).set(odd);
  s.get(cs).get(sn).get(odd).simd(SIMD.v128_bitselect).get(sn).get(cs).get(odd).simd(SIMD.v128_bitselect).div();
  s.get(odd).i32(63).simd(SIMD.i64x2_shl).simd(SIMD.v128_xor).set(out);
  return { value: out, ok };
}

/**
 * Emits `name`(x) for the v128 local `x` as statements of `s`.
 * @example const { value, ok } = emitSimdMath(stmts, 'exp', x)
 */
export function emitSimdMath(s: StmtBuilder, name: SimdMathName, x: number): SimdValue {
  switch (name) {
    case 'exp': return emitExp(s, x);
    case 'log': return emitLog(s, x);
    case 'tan': return emitTan(s, x);
    default: return emitSinCos(s, name, x);
  }
}
