/**
 * Sparse multivariate polynomials with exact rational coefficients.
 *
 * A `Poly` over `nvars` variables (numbered 0 .. nvars-1; what they stand for is the caller's
 * business, see `convert.ts`) stores its monomials in flat typed arrays: the exponents of term
 * i are `exps[i * nvars .. (i + 1) * nvars)`, its coefficient is `coeffs[i] / den`. Terms are
 * sorted in descending lexicographic order (variable 0 most significant), no coefficient is
 * zero, `den` is positive and coprime to the gcd of the coefficients, so equal polynomials have
 * equal arrays. Integer polynomials have `den === 1n`; the gcd algorithms work on those.
 *
 * Products charge their work to the running computation (see `bounds.ts`) and give up past
 * `polyLimits.maxTerms` monomials or `polyLimits.maxDegree` in a variable.
 *
 * @example
 * const x = Poly.variable(2, 0), y = Poly.variable(2, 1);
 * x.add(y).pow(2).toString(['x', 'y']) // 'x^2 + 2*x*y + y^2'
 */
import { EquateError } from '../../term/errors.js';
import { Fraction } from '../../term/number.js';
import { charge, GiveUp, polyLimits } from './bounds.js';
import { bitLength, igcd } from './integer.js';

/** A coefficient as accepted by the constructors. */
export type Coefficient = bigint | number | Fraction;

function toFraction(c: Coefficient): Fraction {
  if (c instanceof Fraction) return c;
  if (typeof c === 'number' && !Number.isInteger(c)) throw new EquateError(`not an exact coefficient: ${c}`);
  return new Fraction(BigInt(c));
}

/** Lexicographic comparison of monomial `ia` of `ea` and monomial `ib` of `eb` (offsets in the arrays). */
function cmpAt(ea: Int32Array, ia: number, eb: Int32Array, ib: number, n: number): number {
  for (let k = 0; k < n; k++) {
    const d = ea[ia + k]! - eb[ib + k]!;
    if (d !== 0) return d;
  }
  return 0;
}

const EMPTY = new Int32Array(0);

// Polynomials are immutable: zero, one and the variables are made once per number of variables.
const ZEROS: Poly[] = [];
const ONES: Poly[] = [];
const VARIABLES: Poly[][] = [];
const CACHED_VARIABLES = 64;

export class Poly {
  /** Number of variables. */
  readonly nvars: number;
  /** Exponents, `nvars` per term, terms in descending lexicographic order. */
  readonly exps: Int32Array;
  /** Integer numerators, one per term, none zero. */
  readonly coeffs: readonly bigint[];
  /** Positive common denominator, coprime to the gcd of `coeffs`. */
  readonly den: bigint;
  private hashCache: number | undefined;

  /** @internal Trusted: sorted, no zeros, `den` positive and reduced. Use the static constructors. */
  constructor(nvars: number, exps: Int32Array, coeffs: readonly bigint[], den: bigint) {
    this.nvars = nvars;
    this.exps = exps;
    this.coeffs = coeffs;
    this.den = den;
  }

  /** Sorted terms, no zeros, any nonzero `den`: makes `den` positive and coprime to the coefficients. */
  static reduced(nvars: number, exps: Int32Array, coeffs: bigint[], den: bigint): Poly {
    if (coeffs.length === 0) return new Poly(nvars, EMPTY, coeffs, 1n);
    if (den < 0n) {
      den = -den;
      for (let i = 0; i < coeffs.length; i++) coeffs[i] = -coeffs[i]!;
    }
    if (den !== 1n) {
      let g = den;
      for (let i = 0; i < coeffs.length && g !== 1n; i++) g = igcd(g, coeffs[i]!);
      if (g !== 1n) {
        den /= g;
        for (let i = 0; i < coeffs.length; i++) coeffs[i] = coeffs[i]! / g;
      }
    }
    return new Poly(nvars, exps, coeffs, den);
  }

  /**
   * The polynomial with terms in any order (exponents flat, `nvars` per term), equal monomials
   * added; `den` is the common denominator.
   */
  static collect(nvars: number, exps: Int32Array, coeffs: readonly bigint[], den = 1n): Poly {
    charge(coeffs.length);
    const packed = collectPacked(nvars, exps, coeffs);
    if (packed !== null) return Poly.reduced(nvars, packed.exps, packed.coeffs, den);
    const acc = new Map<string, { at: number; c: bigint }>();
    for (let i = 0; i < coeffs.length; i++) {
      const key = exps.subarray(i * nvars, i * nvars + nvars).join(',');
      const old = acc.get(key);
      if (old === undefined) acc.set(key, { at: i, c: coeffs[i]! });
      else old.c += coeffs[i]!;
    }
    const entries = [...acc.values()].filter((e) => e.c !== 0n);
    entries.sort((x, y) => cmpAt(exps, y.at * nvars, exps, x.at * nvars, nvars));
    const out = new Int32Array(entries.length * nvars);
    entries.forEach((e, i) => out.set(exps.subarray(e.at * nvars, e.at * nvars + nvars), i * nvars));
    return Poly.reduced(nvars, out, entries.map((e) => e.c), den);
  }

  static zero(nvars: number): Poly {
    return (ZEROS[nvars] ??= new Poly(nvars, EMPTY, [], 1n));
  }

  static one(nvars: number): Poly {
    return (ONES[nvars] ??= new Poly(nvars, new Int32Array(nvars), [1n], 1n));
  }

  /** The constant `c`. */
  static constant(nvars: number, c: Coefficient): Poly {
    if (c === 1n) return Poly.one(nvars);
    return Poly.monomial(nvars, new Int32Array(nvars), c);
  }

  /** The variable `v` (to the power `e`). */
  static variable(nvars: number, v: number, e = 1): Poly {
    if (e === 1 && nvars <= CACHED_VARIABLES) {
      const cached = (VARIABLES[nvars] ??= [])[v];
      if (cached !== undefined) return cached;
    }
    const m = new Int32Array(nvars);
    m[v] = e;
    const p = new Poly(nvars, m, [1n], 1n);
    if (e === 1 && nvars <= CACHED_VARIABLES) VARIABLES[nvars]![v] = p;
    return p;
  }

  /** `c * x^m`. */
  static monomial(nvars: number, m: ArrayLike<number>, c: Coefficient): Poly {
    if (typeof c === 'bigint') return c === 0n ? Poly.zero(nvars) : new Poly(nvars, Int32Array.from(m), [c], 1n);
    const f = toFraction(c);
    if (f.n === 0n) return Poly.zero(nvars);
    return new Poly(nvars, Int32Array.from(m), [f.s * f.n], f.d);
  }

  /**
   * The polynomial with the given terms (any order, repeated monomials added).
   * @example Poly.fromTerms(1, [[[2], 1], [[0], -1]]).toString(['x']) // 'x^2 - 1'
   */
  static fromTerms(nvars: number, terms: ReadonlyArray<readonly [ArrayLike<number>, Coefficient]>): Poly {
    let sum = Poly.zero(nvars);
    for (const [m, c] of terms) sum = sum.add(Poly.monomial(nvars, m, c));
    return sum;
  }

  /** Number of terms. */
  get length(): number {
    return this.coeffs.length;
  }

  isZero(): boolean {
    return this.coeffs.length === 0;
  }

  /** True for constants, zero included. */
  isConstant(): boolean {
    if (this.coeffs.length === 0) return true;
    if (this.coeffs.length > 1) return false;
    for (let k = 0; k < this.nvars; k++) if (this.exps[k] !== 0) return false;
    return true;
  }

  isOne(): boolean {
    return this.coeffs.length === 1 && this.coeffs[0] === 1n && this.den === 1n && this.isConstant();
  }

  /** True when every coefficient is an integer. */
  isInteger(): boolean {
    return this.den === 1n;
  }

  /** Coefficient of term `i`. */
  coefficient(i: number): Fraction {
    return new Fraction(this.coeffs[i]!, this.den);
  }

  /** Exponent of variable `v` in term `i`. */
  exponent(i: number, v: number): number {
    return this.exps[i * this.nvars + v]!;
  }

  /** The value of a constant polynomial. */
  constantValue(): Fraction {
    if (!this.isConstant()) throw new EquateError('not a constant polynomial');
    return this.coeffs.length === 0 ? new Fraction(0) : this.coefficient(0);
  }

  /** Sign of the leading (lexicographically first) coefficient: 1, -1, or 0 for zero. */
  leadingSign(): number {
    return this.coeffs.length === 0 ? 0 : this.coeffs[0]! > 0n ? 1 : -1;
  }

  // --- arithmetic --------------------------------------------------------------------------

  neg(): Poly {
    return new Poly(this.nvars, this.exps, this.coeffs.map((c) => -c), this.den);
  }

  /** `this + b`. */
  add(b: Poly): Poly {
    const a = this;
    if (a.coeffs.length === 0) return b;
    if (b.coeffs.length === 0) return a;
    const n = a.nvars, la = a.coeffs.length, lb = b.coeffs.length;
    charge(la + lb);
    const g = igcd(a.den, b.den);
    const fa = b.den / g, fb = a.den / g, den = fa * a.den;
    const exps = new Int32Array((la + lb) * n);
    const coeffs: bigint[] = [];
    let i = 0, j = 0, k = 0;
    const ae = a.exps, be = b.exps, ac = a.coeffs, bc = b.coeffs;
    const push = (src: Int32Array, at: number, c: bigint): void => {
      const to = k * n;
      for (let q = 0; q < n; q++) exps[to + q] = src[at + q]!;
      coeffs.push(c);
      k++;
    };
    while (i < la && j < lb) {
      const d = cmpAt(ae, i * n, be, j * n, n);
      if (d > 0) {
        push(ae, i * n, fa === 1n ? ac[i]! : ac[i]! * fa);
        i++;
      } else if (d < 0) {
        push(be, j * n, fb === 1n ? bc[j]! : bc[j]! * fb);
        j++;
      } else {
        const c = ac[i]! * fa + bc[j]! * fb;
        if (c !== 0n) push(ae, i * n, c);
        i++;
        j++;
      }
    }
    for (; i < la; i++) push(ae, i * n, fa === 1n ? ac[i]! : ac[i]! * fa);
    for (; j < lb; j++) push(be, j * n, fb === 1n ? bc[j]! : bc[j]! * fb);
    if (k > polyLimits.maxTerms) throw new GiveUp('size');
    return Poly.reduced(n, exps.slice(0, k * n), coeffs, den);
  }

  /** `this - b`. */
  sub(b: Poly): Poly {
    return this.add(b.neg());
  }

  /** `c * this` for a rational `c`. */
  scale(c: Coefficient): Poly {
    const f = toFraction(c);
    if (f.n === 0n) return Poly.zero(this.nvars);
    if (f.n === 1n && f.d === 1n) return f.s > 0n ? this : this.neg();
    const m = f.s * f.n;
    return Poly.reduced(this.nvars, this.exps, this.coeffs.map((x) => x * m), this.den * f.d);
  }

  /** `c * x^m * this` for an integer `c`. */
  mulMonomial(m: ArrayLike<number>, c: bigint = 1n): Poly {
    const n = this.nvars, len = this.coeffs.length;
    if (c === 0n || len === 0) return Poly.zero(n);
    charge(len);
    let shift = false;
    for (let k = 0; k < n; k++) if (m[k] !== 0) shift = true;
    let exps = this.exps;
    if (shift) {
      exps = new Int32Array(len * n);
      for (let i = 0; i < len; i++) {
        for (let k = 0; k < n; k++) {
          const e = this.exps[i * n + k]! + m[k]!;
          if (e > polyLimits.maxDegree || e < 0) throw new GiveUp('size');
          exps[i * n + k] = e;
        }
      }
    }
    const coeffs = c === 1n ? this.coeffs.slice() : this.coeffs.map((x) => x * c);
    return Poly.reduced(n, exps, coeffs, this.den);
  }

  /** `this * b`. */
  mul(b: Poly): Poly {
    const a = this;
    const n = a.nvars, la = a.coeffs.length, lb = b.coeffs.length;
    if (la === 0 || lb === 0) return Poly.zero(n);
    if (a.isOne()) return b;
    if (b.isOne()) return a;
    if (la === 1) return b.mulMonomial(a.exps, a.coeffs[0]!).scale(new Fraction(1n, a.den));
    if (lb === 1) return a.mulMonomial(b.exps, b.coeffs[0]!).scale(new Fraction(1n, b.den));
    charge(la * lb);
    const da = a.degrees(), db = b.degrees();
    const bits = new Array<number>(n);
    let totalBits = 0;
    for (let k = 0; k < n; k++) {
      const d = da[k]! + db[k]!;
      if (d > polyLimits.maxDegree) throw new GiveUp('size');
      bits[k] = d === 0 ? 0 : Math.floor(Math.log2(d)) + 1;
      totalBits += bits[k]!;
    }
    const den = a.den * b.den;
    const cap = 4 * polyLimits.maxTerms;
    if (totalBits <= 52) {
      // Pack each monomial into one exact float, variable 0 in the highest bits: the key of a
      // product is the sum of the keys, and keys sort like monomials.
      const weight = new Array<number>(n);
      let w = 1;
      for (let k = n - 1; k >= 0; k--) {
        weight[k] = w;
        w *= 2 ** bits[k]!;
      }
      const pack = (p: Poly): Float64Array => {
        const out = new Float64Array(p.coeffs.length);
        for (let i = 0; i < out.length; i++) {
          let key = 0;
          for (let k = 0; k < n; k++) key += p.exps[i * n + k]! * weight[k]!;
          out[i] = key;
        }
        return out;
      };
      const ka = pack(a), kb = pack(b);
      const acc = new Map<number, bigint>();
      for (let i = 0; i < la; i++) {
        const ki = ka[i]!, ci = a.coeffs[i]!;
        for (let j = 0; j < lb; j++) {
          const key = ki + kb[j]!;
          const p = ci * b.coeffs[j]!;
          const old = acc.get(key);
          acc.set(key, old === undefined ? p : old + p);
        }
        if (acc.size > cap) throw new GiveUp('size');
      }
      const keys: number[] = [];
      for (const [key, c] of acc) if (c !== 0n) keys.push(key);
      if (keys.length > polyLimits.maxTerms) throw new GiveUp('size');
      keys.sort((x, y) => y - x);
      const exps = new Int32Array(keys.length * n);
      const coeffs = new Array<bigint>(keys.length);
      for (let i = 0; i < keys.length; i++) {
        let key = keys[i]!;
        coeffs[i] = acc.get(key)!;
        for (let k = 0; k < n; k++) {
          const e = Math.floor(key / weight[k]!);
          exps[i * n + k] = e;
          key -= e * weight[k]!;
        }
      }
      return Poly.reduced(n, exps, coeffs, den);
    }
    // Too many bits to pack: key monomials by their text.
    const acc = new Map<string, { at: number; c: bigint }>();
    const prod = new Int32Array(la * lb * n);
    let used = 0;
    for (let i = 0; i < la; i++) {
      for (let j = 0; j < lb; j++) {
        for (let k = 0; k < n; k++) prod[used * n + k] = a.exps[i * n + k]! + b.exps[j * n + k]!;
        const key = prod.subarray(used * n, used * n + n).join(',');
        const p = a.coeffs[i]! * b.coeffs[j]!;
        const old = acc.get(key);
        if (old === undefined) acc.set(key, { at: used++, c: p });
        else old.c += p;
      }
      if (acc.size > cap) throw new GiveUp('size');
    }
    const entries = [...acc.values()].filter((e) => e.c !== 0n);
    if (entries.length > polyLimits.maxTerms) throw new GiveUp('size');
    entries.sort((x, y) => cmpAt(prod, y.at * n, prod, x.at * n, n));
    const exps = new Int32Array(entries.length * n);
    entries.forEach((e, i) => exps.set(prod.subarray(e.at * n, e.at * n + n), i * n));
    return Poly.reduced(n, exps, entries.map((e) => e.c), den);
  }

  /**
   * `this ^ e` for an integer `e >= 0`. Gives up at once when the result is known to be too
   * large: more than `maxTerms` monomials (exactly counted when the monomials of `this` are
   * affinely independent, as for `x + y + z + 1`), or past `maxDegree` or `maxCoefficientBits`.
   */
  pow(e: number): Poly {
    if (!Number.isInteger(e) || e < 0) throw new EquateError(`not a nonnegative integer exponent: ${e}`);
    const n = this.nvars, len = this.coeffs.length;
    if (e === 0) return Poly.one(n);
    if (e === 1 || len === 0) return this;
    const degs = this.degrees();
    for (let k = 0; k < n; k++) if (degs[k]! * e > polyLimits.maxDegree) throw new GiveUp('size');
    let maxBits = bitLength(this.den);
    for (const c of this.coeffs) maxBits = Math.max(maxBits, bitLength(c));
    if ((maxBits + Math.log2(len)) * e > polyLimits.maxCoefficientBits) throw new GiveUp('size');
    if (len === 1) {
      const m = Array.from(this.exps, (x) => x * e);
      const c = this.coeffs[0]!;
      return new Poly(n, Int32Array.from(m), [c ** BigInt(e)], this.den ** BigInt(e));
    }
    if (e + 1 > polyLimits.maxTerms) throw new GiveUp('size');
    if (len === 2) return this.binomialPower(e);
    if (len <= n + 1 && affinelyIndependent(this) && binomial(e + len - 1, len - 1) > polyLimits.maxTerms) throw new GiveUp('size');
    let r: Poly = this;
    for (let i = 1; i < e; i++) r = r.mul(this);
    return r;
  }

  /**
   * `(a + b)^e` for the two terms of `this`, by the binomial theorem: `C(e, k) a^k b^(e-k)`,
   * highest term (`k = e`) first, since `a` is the leading term.
   */
  private binomialPower(e: number): Poly {
    const n = this.nvars;
    charge(e + 1);
    const ca = this.coeffs[0]!, cb = this.coeffs[1]!;
    const exps = new Int32Array((e + 1) * n);
    const coeffs = new Array<bigint>(e + 1);
    // Term k of the output is C(e, k) a^(e-k) b^k: the binomial and cb^k going up, ca^(e-k) going down.
    let binom = 1n, pb = 1n;
    for (let k = 0; k <= e; k++) {
      coeffs[k] = binom * pb;
      for (let v = 0; v < n; v++) exps[k * n + v] = (e - k) * this.exps[v]! + k * this.exps[n + v]!;
      binom = (binom * BigInt(e - k)) / BigInt(k + 1);
      pb *= cb;
    }
    let pa = 1n;
    for (let k = e; k >= 0; k--) {
      coeffs[k] = coeffs[k]! * pa;
      pa *= ca;
    }
    return Poly.reduced(n, exps, coeffs, this.den ** BigInt(e));
  }

  /**
   * The exact quotient `this / b`, or undefined when `b` does not divide `this`.
   * @example Poly.fromTerms(1, [[[2], 1], [[0], -1]]).divExact(Poly.fromTerms(1, [[[1], 1], [[0], -1]]))?.toString(['x']) // 'x + 1'
   */
  divExact(b: Poly): Poly | undefined {
    if (b.isZero()) throw new EquateError('division by the zero polynomial');
    const n = this.nvars;
    if (this.isZero()) return this;
    // (A / da) / (cb B' / db) = (A / B') * db / (da cb), and A / B' is integral (Gauss's lemma).
    const cb = b.content() * (b.coeffs[0]! < 0n ? -1n : 1n);
    const bPrim = new Poly(n, b.exps, b.coeffs.map((c) => c / cb), 1n);
    const aInt = new Poly(n, this.exps, this.coeffs, 1n);
    const q = aInt.divExactInteger(bPrim);
    if (q === undefined) return undefined;
    return q.scale(new Fraction(b.den, this.den * cb));
  }

  /**
   * The exact quotient of two integer polynomials over the integers, or undefined when `b`
   * does not divide `this` with an integer quotient.
   */
  divExactInteger(b: Poly): Poly | undefined {
    const n = this.nvars;
    if (b.isZero()) throw new EquateError('division by the zero polynomial');
    if (this.isZero()) return this;
    const degA = this.degrees(), degB = b.degrees();
    for (let k = 0; k < n; k++) if (degB[k]! > degA[k]!) return undefined;
    const lcB = b.coeffs[0]!;
    if (b.coeffs.length === 1) {
      // Division by a monomial: term by term.
      const exps = new Int32Array(this.exps.length);
      const coeffs: bigint[] = [];
      for (let i = 0; i < this.coeffs.length; i++) {
        for (let k = 0; k < n; k++) {
          const d = this.exps[i * n + k]! - b.exps[k]!;
          if (d < 0) return undefined;
          exps[i * n + k] = d;
        }
        const c = this.coeffs[i]!;
        if (c % lcB !== 0n) return undefined;
        coeffs.push(c / lcB);
      }
      return new Poly(n, exps, coeffs, 1n);
    }
    if (n === 1 && degA[0]! <= DENSE_DEGREE) return divUnivariate(this, b);
    const qe: number[] = [];
    const qc: bigint[] = [];
    const m = new Array<number>(n);
    let r: Poly = this;
    while (r.coeffs.length > 0) {
      for (let k = 0; k < n; k++) {
        const d = r.exps[k]! - b.exps[k]!;
        if (d < 0) return undefined;
        m[k] = d;
      }
      const lc = r.coeffs[0]!;
      if (lc % lcB !== 0n) return undefined;
      const c = lc / lcB;
      qe.push(...m);
      qc.push(c);
      if (qc.length > polyLimits.maxTerms) throw new GiveUp('size');
      r = r.subMulMonomial(b, m, c);
    }
    return new Poly(n, Int32Array.from(qe), qc, 1n);
  }

  /** `this - c x^m b` for integer polynomials (one merge, no intermediate product). */
  private subMulMonomial(b: Poly, m: ArrayLike<number>, c: bigint): Poly {
    const n = this.nvars, la = this.coeffs.length, lb = b.coeffs.length;
    charge(la + lb);
    const shifted = new Int32Array(lb * n);
    for (let j = 0; j < lb; j++) for (let k = 0; k < n; k++) shifted[j * n + k] = b.exps[j * n + k]! + m[k]!;
    const exps = new Int32Array((la + lb) * n);
    const coeffs: bigint[] = [];
    let i = 0, j = 0, k = 0;
    while (i < la || j < lb) {
      const d = i >= la ? -1 : j >= lb ? 1 : cmpAt(this.exps, i * n, shifted, j * n, n);
      let v: bigint, src: Int32Array, at: number;
      if (d > 0) {
        v = this.coeffs[i]!;
        src = this.exps;
        at = i++ * n;
      } else if (d < 0) {
        v = -c * b.coeffs[j]!;
        src = shifted;
        at = j++ * n;
      } else {
        v = this.coeffs[i]! - c * b.coeffs[j]!;
        src = this.exps;
        at = i * n;
        i++;
        j++;
      }
      if (v === 0n) continue;
      exps.set(src.subarray(at, at + n), k * n);
      coeffs.push(v);
      k++;
    }
    if (k > polyLimits.maxTerms) throw new GiveUp('size');
    return new Poly(n, exps.slice(0, k * n), coeffs, 1n);
  }

  // --- structure --------------------------------------------------------------------------

  /** Highest exponent of variable `v` (0 for zero). */
  degree(v: number): number {
    let d = 0;
    const n = this.nvars;
    for (let i = 0; i < this.coeffs.length; i++) d = Math.max(d, this.exps[i * n + v]!);
    return d;
  }

  /** Highest exponent of each variable. */
  degrees(): Int32Array {
    const n = this.nvars, out = new Int32Array(n);
    for (let i = 0; i < this.coeffs.length; i++) {
      for (let k = 0; k < n; k++) if (this.exps[i * n + k]! > out[k]!) out[k] = this.exps[i * n + k]!;
    }
    return out;
  }

  /** Lowest exponent of each variable: the monomial that divides every term (zeros for zero). */
  minDegrees(): Int32Array {
    const n = this.nvars, len = this.coeffs.length;
    if (len === 0) return new Int32Array(n);
    const out = this.exps.slice(0, n);
    for (let i = 1; i < len; i++) {
      for (let k = 0; k < n; k++) if (this.exps[i * n + k]! < out[k]!) out[k] = this.exps[i * n + k]!;
    }
    return out;
  }

  /** Whether each variable occurs. */
  usedVars(): boolean[] {
    return Array.from(this.degrees(), (d) => d > 0);
  }

  /** Total degree (0 for zero). */
  totalDegree(): number {
    const n = this.nvars;
    let best = 0;
    for (let i = 0; i < this.coeffs.length; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += this.exps[i * n + k]!;
      if (s > best) best = s;
    }
    return best;
  }

  /** The coefficient of `x_v ^ d`, a polynomial without `x_v`. */
  coeffIn(v: number, d: number): Poly {
    const n = this.nvars;
    const idx: number[] = [];
    for (let i = 0; i < this.coeffs.length; i++) if (this.exps[i * n + v] === d) idx.push(i);
    return this.pick(idx, v);
  }

  /** Coefficients in `x_v` that are not zero, highest power first: `[degree, coefficient]` pairs. */
  coefficientsIn(v: number): Array<[number, Poly]> {
    const n = this.nvars;
    const groups = new Map<number, number[]>();
    for (let i = 0; i < this.coeffs.length; i++) {
      const d = this.exps[i * n + v]!;
      const g = groups.get(d);
      if (g) g.push(i);
      else groups.set(d, [i]);
    }
    return [...groups.keys()].sort((a, b) => b - a).map((d) => [d, this.pick(groups.get(d)!, v)]);
  }

  /** Terms `idx` (in order) with the exponent of `v` set to 0: still sorted. */
  private pick(idx: number[], v: number): Poly {
    const n = this.nvars;
    const exps = new Int32Array(idx.length * n);
    const coeffs: bigint[] = [];
    idx.forEach((i, j) => {
      exps.set(this.exps.subarray(i * n, i * n + n), j * n);
      exps[j * n + v] = 0;
      coeffs.push(this.coeffs[i]!);
    });
    return Poly.reduced(n, exps, coeffs, this.den);
  }

  /** Gcd of the numerators (positive; 0 for zero). */
  content(): bigint {
    let g = 0n;
    for (const c of this.coeffs) {
      g = igcd(g, c);
      if (g === 1n) break;
    }
    return g;
  }

  /** The integer polynomial `this * den / content`, made to have a positive leading coefficient, and the factor taken out. */
  primitive(): { factor: Fraction; poly: Poly } {
    if (this.isZero()) return { factor: new Fraction(0), poly: this };
    const c = this.content() * (this.coeffs[0]! < 0n ? -1n : 1n);
    const poly = c === 1n && this.den === 1n ? this : new Poly(this.nvars, this.exps, this.coeffs.map((x) => x / c), 1n);
    return { factor: new Fraction(c, this.den), poly };
  }

  equals(b: Poly): boolean {
    if (this === b) return true;
    if (this.nvars !== b.nvars || this.den !== b.den || this.coeffs.length !== b.coeffs.length) return false;
    for (let i = 0; i < this.coeffs.length; i++) if (this.coeffs[i] !== b.coeffs[i]) return false;
    for (let i = 0; i < this.exps.length; i++) if (this.exps[i] !== b.exps[i]) return false;
    return true;
  }

  /** A hash of the polynomial (equal polynomials, equal hashes). */
  hash(): number {
    if (this.hashCache !== undefined) return this.hashCache;
    let h = 0x9e3779b1 ^ this.coeffs.length;
    for (let i = 0; i < this.exps.length; i++) h = Math.imul(h ^ this.exps[i]!, 0x01000193);
    for (const c of this.coeffs) h = Math.imul(h ^ Number(BigInt.asIntN(32, c)), 0x01000193);
    h = Math.imul(h ^ Number(BigInt.asIntN(32, this.den)), 0x01000193);
    return (this.hashCache = h >>> 0);
  }

  /**
   * Readable text, highest term first, with the given variable names (default `x0`, `x1`, ...).
   * @example Poly.fromTerms(2, [[[1, 0], 2], [[0, 1], -1]]).toString(['x', 'y']) // '2*x - y'
   */
  toString(names?: readonly string[]): string {
    if (this.coeffs.length === 0) return '0';
    const n = this.nvars;
    let out = '';
    for (let i = 0; i < this.coeffs.length; i++) {
      const c = this.coefficient(i);
      const mono: string[] = [];
      for (let k = 0; k < n; k++) {
        const e = this.exps[i * n + k]!;
        if (e === 0) continue;
        const name = names?.[k] ?? `x${k}`;
        mono.push(e === 1 ? name : `${name}^${e}`);
      }
      const neg = c.s < 0n;
      const mag = c.abs();
      const magText = mag.d === 1n ? `${mag.n}` : `${mag.n}/${mag.d}`;
      const body = mono.length === 0 ? magText : mag.equals(1) ? mono.join('*') : `${magText}*${mono.join('*')}`;
      out += i === 0 ? (neg ? `-${body}` : body) : neg ? ` - ${body}` : ` + ${body}`;
    }
    return out;
  }
}

/** Univariate divisions up to this degree run on dense coefficient lists. */
const DENSE_DEGREE = 256;

/**
 * `a / b` for integer polynomials in one variable (`b` not a monomial), by long division on
 * dense coefficient lists: undefined when the division is not exact over the integers.
 */
function divUnivariate(a: Poly, b: Poly): Poly | undefined {
  const da = a.exps[0]!, db = b.exps[0]!;
  if (db > da) return undefined;
  const r = new Array<bigint>(da + 1).fill(0n);
  for (let i = 0; i < a.length; i++) r[a.exps[i]!] = a.coeffs[i]!;
  const bd = new Array<bigint>(db + 1).fill(0n);
  for (let j = 0; j < b.length; j++) bd[b.exps[j]!] = b.coeffs[j]!;
  const lc = bd[db]!;
  const qe: number[] = [];
  const qc: bigint[] = [];
  for (let d = da; d >= db; d--) {
    const c = r[d]!;
    if (c === 0n) continue;
    charge(b.length);
    if (c % lc !== 0n) return undefined;
    const k = c / lc;
    qe.push(d - db);
    qc.push(k);
    for (let j = 0; j < db; j++) if (bd[j] !== 0n) r[d - db + j]! -= k * bd[j]!;
    r[d] = 0n;
  }
  for (let d = 0; d < db; d++) if (r[d] !== 0n) return undefined;
  if (qc.length > polyLimits.maxTerms) throw new GiveUp('size');
  return new Poly(1, Int32Array.from(qe), qc, 1n);
}

/**
 * The terms of `collect` with each monomial packed into one exact float (variable 0 in the
 * highest bits, so keys sort like monomials): sorted, equal monomials added, zeros dropped.
 * Null when the exponents do not fit in 52 bits (or one is negative).
 */
function collectPacked(n: number, exps: Int32Array, coeffs: readonly bigint[]): { exps: Int32Array; coeffs: bigint[] } | null {
  const len = coeffs.length;
  const top = new Int32Array(n);
  for (let i = 0; i < len; i++) {
    for (let k = 0; k < n; k++) {
      const e = exps[i * n + k]!;
      if (e < 0) return null;
      if (e > top[k]!) top[k] = e;
    }
  }
  const weight = new Float64Array(n);
  let w = 1;
  for (let k = n - 1; k >= 0; k--) {
    weight[k] = w;
    w *= 2 ** (top[k] === 0 ? 0 : Math.floor(Math.log2(top[k]!)) + 1);
  }
  if (w > 2 ** 52) return null;
  const keys = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    let key = 0;
    for (let k = 0; k < n; k++) key += exps[i * n + k]! * weight[k]!;
    keys[i] = key;
  }
  const order = new Array<number>(len);
  for (let i = 0; i < len; i++) order[i] = i;
  if (len > 1) order.sort((x, y) => keys[y]! - keys[x]!);
  const outExps: number[] = [];
  const outCoeffs: bigint[] = [];
  for (let j = 0; j < len; ) {
    const at = order[j]!, key = keys[at]!;
    let c = coeffs[at]!;
    for (j++; j < len && keys[order[j]!] === key; j++) c += coeffs[order[j]!]!;
    if (c === 0n) continue;
    for (let k = 0; k < n; k++) outExps.push(exps[at * n + k]!);
    outCoeffs.push(c);
  }
  return { exps: Int32Array.from(outExps), coeffs: outCoeffs };
}

/** C(n, k) as a float (Infinity when huge). */
function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Whether the exponent vectors of `p` are affinely independent (fraction-free elimination). */
function affinelyIndependent(p: Poly): boolean {
  const n = p.nvars, rows = p.coeffs.length - 1;
  if (rows > n) return false;
  const m: bigint[][] = [];
  for (let i = 1; i <= rows; i++) {
    const row: bigint[] = [];
    for (let k = 0; k < n; k++) row.push(BigInt(p.exps[i * n + k]! - p.exps[k]!));
    m.push(row);
  }
  let rank = 0;
  for (let col = 0; col < n && rank < rows; col++) {
    const piv = m.findIndex((r, i) => i >= rank && r[col] !== 0n);
    if (piv < 0) continue;
    [m[rank], m[piv]] = [m[piv]!, m[rank]!];
    const pr = m[rank]!;
    for (let i = rank + 1; i < rows; i++) {
      const r = m[i]!, f = r[col]!;
      if (f === 0n) continue;
      for (let k = 0; k < n; k++) r[k] = r[k]! * pr[col]! - pr[k]! * f;
      const g = r.reduce((acc, x) => igcd(acc, x), 0n);
      if (g > 1n) for (let k = 0; k < n; k++) r[k] = r[k]! / g;
    }
    rank++;
  }
  return rank === rows;
}

