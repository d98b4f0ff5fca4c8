/**
 * Rational functions in factored form: `c * p1^e1 * p2^e2 * ...` with `c` rational and each
 * `p` an integer polynomial that is primitive (content 1), has a positive leading coefficient
 * and is not constant; positive exponents make the numerator, negative ones the denominator.
 * A variable that divides a polynomial is split off as its own factor, so `x^2 + x` is
 * `x * (x + 1)`. Equal factors are merged: a factor whose exponents meet from both sides
 * (`p / p`) is cancelled.
 *
 * - `sumOf` brings fractions over their least common denominator: the denominators are split
 *   into pairwise coprime factors (factor refinement by gcds: `x^2 - 1` and `x - 1` become
 *   `x - 1` and `x + 1`), the lcm takes each to its highest power, and the numerators are
 *   multiplied out and added.
 * - `cancelFactored` divides numerator and denominator by their gcd, factor against factor, until
 *   every numerator factor is coprime to every denominator factor.
 *
 * Every factor removed from a denominator (by merging, cancelling, or a zero numerator) is
 * pushed to the caller's `nonzero` log: the result equals the input only where it is nonzero.
 *
 * @example
 * // (x^2 - 1) / (x - 1): cancel gives x + 1 and logs x - 1
 * const x = Poly.variable(1, 0), one = Poly.one(1), log: Poly[] = [];
 * const f = Factored.ofPoly(x.pow(2).sub(one)).mul(Factored.ofPoly(x.sub(one)).pow(-1), log);
 * cancelFactored(f, log).toString(['x']) // '(x + 1)'
 */
import { EquateError } from '../../term/errors.js';
import { Fraction } from '../../term/number.js';
import * as N from '../../term/number.js';
import { Poly } from './poly.js';
import { GiveUp } from './bounds.js';
import { gcdInteger } from './gcd.js';

/** One factor `p^e`. */
export interface Factor {
  readonly p: Poly;
  readonly e: number;
}

export class Factored {
  constructor(
    readonly nvars: number,
    /** The rational coefficient. */
    readonly c: Fraction,
    /** Normalised, pairwise different factors, none with exponent 0. */
    readonly factors: readonly Factor[],
  ) {}

  static constant(nvars: number, c: Fraction): Factored {
    if (isOne(c)) return (ONES[nvars] ??= new Factored(nvars, ONE, []));
    return new Factored(nvars, c, []);
  }

  /** The variable `v`. */
  static variable(nvars: number, v: number): Factored {
    return new Factored(nvars, ONE, [{ p: Poly.variable(nvars, v), e: 1 }]);
  }

  /** `p` in factored form: its content, its variable factors and its primitive rest. */
  static ofPoly(p: Poly): Factored {
    const n = p.nvars;
    if (p.isZero()) return Factored.constant(n, new Fraction(0));
    if (p.isConstant()) return Factored.constant(n, p.constantValue());
    const { factor, poly } = p.primitive();
    const m = poly.minDegrees();
    const factors: Factor[] = [];
    let rest = poly;
    let shifted = false;
    for (let v = 0; v < n; v++) {
      if (m[v]! > 0) {
        factors.push({ p: Poly.variable(n, v), e: m[v]! });
        shifted = true;
      }
    }
    if (shifted) {
      const neg = Array.from(m, (d) => -d);
      rest = poly.mulMonomial(neg);
    }
    if (!rest.isConstant()) factors.push({ p: rest, e: 1 });
    return new Factored(n, factor, factors);
  }

  isZero(): boolean {
    return this.c.n === 0n;
  }

  hasDenominator(): boolean {
    return this.factors.some((f) => f.e < 0);
  }

  /** `this * b`; factors meeting from both sides are cancelled and logged. */
  mul(b: Factored, log: Poly[]): Factored {
    if (this.factors.length === 0 && isOne(this.c)) return b;
    if (b.factors.length === 0 && isOne(b.c)) return this;
    const c = isOne(this.c) ? b.c : isOne(b.c) ? this.c : this.c.mul(b.c);
    if (c.n === 0n) return zero(this.nvars, [...this.factors, ...b.factors], log);
    return new Factored(this.nvars, c, merge([...this.factors, ...b.factors], log));
  }

  /** `this ^ n` for an integer n (`GiveUp('zero')` for a negative power of zero). */
  pow(n: number): Factored {
    if (n === 1) return this;
    if (n === 0) return Factored.constant(this.nvars, ONE);
    if (this.isZero()) {
      if (n < 0) throw new GiveUp('zero');
      return this;
    }
    const c = N.pow(this.c, new Fraction(n));
    if (c === undefined || !N.isExact(c)) throw new GiveUp('size');
    return new Factored(this.nvars, c, this.factors.map((f) => ({ p: f.p, e: f.e * n })));
  }

  /** The numerator factors (positive exponents). */
  numerator(): Factor[] {
    return this.factors.filter((f) => f.e > 0);
  }

  /** The denominator factors, with their exponents made positive. */
  denominator(): Factor[] {
    return this.factors.filter((f) => f.e < 0).map((f) => ({ p: f.p, e: -f.e }));
  }

  /** `c` times the numerator factors, multiplied out. */
  numeratorPoly(): Poly {
    return expandFactors(this.nvars, this.numerator()).scale(this.c);
  }

  /** The denominator factors, multiplied out. */
  denominatorPoly(): Poly {
    return expandFactors(this.nvars, this.denominator());
  }

  /** Readable text: `c * (p1)^e1 * ...`. */
  toString(names?: readonly string[]): string {
    const parts: string[] = [];
    const c = this.c;
    if (!c.equals(1) || this.factors.length === 0) parts.push(c.d === 1n ? `${c.s * c.n}` : `${c.s * c.n}/${c.d}`);
    for (const f of this.factors) parts.push(f.e === 1 ? `(${f.p.toString(names)})` : `(${f.p.toString(names)})^${f.e}`);
    return parts.join('*');
  }
}

const ONE = new Fraction(1);
/** The constant 1 by number of variables (factored forms are immutable). */
const ONES: Factored[] = [];

function isOne(c: Fraction): boolean {
  return c.n === 1n && c.d === 1n && c.s === 1n;
}

/** The zero rational function; denominators that vanish with it are logged. */
function zero(nvars: number, factors: readonly Factor[], log: Poly[]): Factored {
  for (const f of factors) if (f.e < 0) log.push(f.p);
  return Factored.constant(nvars, new Fraction(0));
}

/** The product of `factors`, multiplied out (smallest first). */
export function expandFactors(nvars: number, factors: readonly Factor[]): Poly {
  if (factors.length === 0) return Poly.one(nvars);
  if (factors.length === 1) return factors[0]!.p.pow(factors[0]!.e);
  const ps = factors.map((f) => f.p.pow(f.e)).sort((a, b) => a.length - b.length);
  let r = ps[0]!;
  for (let i = 1; i < ps.length; i++) r = r.mul(ps[i]!);
  return r;
}

/** Merges equal factors (adding exponents); logs a factor that cancels between numerator and denominator. */
function merge(factors: readonly Factor[], log: Poly[]): Factor[] {
  const out: Factor[] = [];
  for (const f of factors) {
    const h = f.p.hash();
    const i = out.findIndex((g) => g.p.hash() === h && g.p.equals(f.p));
    if (i < 0) {
      out.push(f);
      continue;
    }
    const g = out[i]!;
    if (Math.sign(g.e) !== Math.sign(f.e)) log.push(f.p);
    const e = g.e + f.e;
    if (e === 0) out.splice(i, 1);
    else out[i] = { p: f.p, e };
  }
  return out;
}

/**
 * The sum of rational functions over their least common denominator. The numerators are
 * multiplied out; the denominator keeps its coprime factors.
 */
export function sumOf(nvars: number, parts: readonly Factored[], log: Poly[]): Factored {
  const live = parts.filter((p) => !p.isZero());
  if (live.length === 0) return Factored.constant(nvars, new Fraction(0));
  if (live.length === 1) return live[0]!;
  // Denominator bases with their exponent in each part.
  let bases: Array<{ p: Poly; es: number[] }> = [];
  live.forEach((part, k) => {
    for (const f of part.factors) {
      if (f.e >= 0) continue;
      const h = f.p.hash();
      let b = bases.find((x) => x.p.hash() === h && x.p.equals(f.p));
      if (b === undefined) {
        b = { p: f.p, es: new Array<number>(live.length).fill(0) };
        bases.push(b);
      }
      b.es[k]! -= f.e;
    }
  });
  bases = refine(bases);
  const top = bases.map((b) => Math.max(...b.es));
  let numer = Poly.zero(nvars);
  live.forEach((part, k) => {
    const fs: Factor[] = part.numerator();
    bases.forEach((b, i) => {
      if (top[i]! > b.es[k]!) fs.push({ p: b.p, e: top[i]! - b.es[k]! });
    });
    numer = numer.add(expandFactors(nvars, fs).scale(part.c));
  });
  const den: Factor[] = [];
  bases.forEach((b, i) => {
    if (top[i]! > 0) den.push({ p: b.p, e: -top[i]! });
  });
  const num = Factored.ofPoly(numer);
  if (num.isZero()) return zero(nvars, den, log);
  return num.mul(new Factored(nvars, ONE, den), log);
}

/**
 * Factor refinement: splits the bases into pairwise coprime ones, each original base being the
 * product of some new ones; `es` (one exponent per part) add up accordingly.
 */
function refine(bases: Array<{ p: Poly; es: number[] }>): Array<{ p: Poly; es: number[] }> {
  for (;;) {
    let split = false;
    search: for (let i = 0; i < bases.length; i++) {
      for (let j = i + 1; j < bases.length; j++) {
        const a = bases[i]!, b = bases[j]!;
        const g = gcdInteger(a.p, b.p);
        if (g.isConstant()) continue;
        const es = a.es.map((e, k) => e + b.es[k]!);
        const next = bases.filter((_, k) => k !== i && k !== j);
        for (const q of [{ p: quotient(a.p, g), es: a.es }, { p: quotient(b.p, g), es: b.es }, { p: g, es }]) {
          if (q.p.isConstant()) continue;
          const same = next.find((x) => x.p.equals(q.p));
          if (same) same.es = same.es.map((e, k) => e + q.es[k]!);
          else next.push(q);
        }
        bases = next;
        split = true;
        break search;
      }
    }
    if (!split) return bases;
  }
}

function quotient(a: Poly, g: Poly): Poly {
  if (a.equals(g)) return Poly.one(a.nvars);
  const q = a.divExactInteger(g);
  if (q === undefined) throw new EquateError('factor refinement: a gcd that does not divide');
  return q;
}

/**
 * Cancels the gcd of numerator and denominator: each numerator factor against each
 * denominator factor, until all pairs are coprime. Each cancelled gcd is logged.
 */
export function cancelFactored(f: Factored, log: Poly[]): Factored {
  let factors = f.factors.slice();
  for (;;) {
    let changed = false;
    search: for (let i = 0; i < factors.length; i++) {
      const a = factors[i]!;
      if (a.e < 0) continue;
      for (let j = 0; j < factors.length; j++) {
        const b = factors[j]!;
        if (b.e > 0) continue;
        const g = gcdInteger(a.p, b.p);
        if (g.isConstant()) continue;
        log.push(g);
        const rest = factors.filter((_, k) => k !== i && k !== j);
        const pieces: Factor[] = [{ p: g, e: a.e + b.e }];
        const qa = quotient(a.p, g), qb = quotient(b.p, g);
        if (!qa.isConstant()) pieces.push({ p: qa, e: a.e });
        if (!qb.isConstant()) pieces.push({ p: qb, e: b.e });
        factors = merge([...rest, ...pieces.filter((x) => x.e !== 0)], log);
        changed = true;
        break search;
      }
    }
    if (!changed) return factors === f.factors ? f : new Factored(f.nvars, f.c, factors);
  }
}
