/**
 * Canonical construction: the polynomial form of SymbolicUtils.jl over hash-consed terms.
 * A sum is a constant plus a map from monomial to coefficient, a product a coefficient plus
 * a map from base to exponent; both are stored as sorted argument lists
 * (`+(c, c1 m1, c2 m2, ...)`, `*(c, b1^e1, b2^e2, ...)`), so equal polynomials are the same
 * object. Constants fold exactly; `x + x` is `2 x`, `x * x` is `x^2`, `a - b` is
 * `a + (-1) b`, `a / b` is `a b^-1`, `sqrt(x)` is `x^(1/2)`, `e^x` is `exp(x)`, and a number
 * times a sum distributes (`2 (x + y)` is `2 x + 2 y`).
 *
 * Merging exponents can cancel a factor (`x / x` is `1`), which holds only where the factor is
 * nonzero: `recordCancellations` reports such factors to callers that must know.
 */
import { call, int, num, CALL, NUM, type Term } from './term.js';
import * as N from './number.js';
import { exact, type Value } from './number.js';
import type { Operator } from './operator.js';
import { ADD, MUL, POW, SUB, NEG, DIV, SQRT, EXP, E } from './operators.js';
import { compareTerms } from './order.js';

const ONE_VALUE = exact(1);
const ZERO_VALUE = exact(0);
const ZERO = num(exact(0));
const ONE = num(exact(1));
const MINUS_ONE = num(exact(-1));
const HALF = num(exact(1, 2));

let cancellations: Term[] | null = null;

/**
 * Runs `fn` and returns its result with the bases that canonical construction cancelled on
 * the way (each assumed nonzero).
 * @example recordCancellations(() => div(x, x)) // { result: 1, nonzero: [x] }
 */
export function recordCancellations<R>(fn: () => R): { result: R; nonzero: Term[] } {
  const saved = cancellations;
  const log: Term[] = [];
  cancellations = log;
  try {
    const result = fn();
    return { result, nonzero: log.length === 0 ? log : [...new Set(log)] };
  } finally {
    cancellations = saved;
  }
}

/**
 * Notes that a result assumes `t` nonzero (a rule cancelled it), for the innermost
 * `recordCancellations`; nothing happens outside one.
 * @example recordCancellations(() => noteNonzero(x)).nonzero // [x]
 */
export function noteNonzero(t: Term): void {
  cancellations?.push(t);
}

function isNum(t: Term): boolean {
  return t.kind === NUM;
}

/**
 * Splits a canonical term into numeric coefficient and monomial: `3 x y` is (3, `x y`).
 * The monomial of a product is cached on the term.
 */
export function splitCoefficient(t: Term): [Value, Term] {
  return t.op === MUL && t.args[0]!.kind === NUM ? [t.args[0]!.value!, monomial(t)] : [ONE_VALUE, t];
}

/** The monomial of a canonical term: `x y` for `3 x y`, the term itself when it has no coefficient. */
function monomial(t: Term): Term {
  if (t.op !== MUL || t.args[0]!.kind !== NUM) return t;
  let rest = t.cache as Term | undefined;
  if (rest === undefined) {
    rest = t.args.length === 2 ? t.args[1]! : call(MUL, t.args.slice(1));
    t.cache = rest;
  }
  return rest;
}

function coefficient(t: Term): Value {
  return t.op === MUL && t.args[0]!.kind === NUM ? t.args[0]!.value! : ONE_VALUE;
}

function scaleMonomial(c: Value, m: Term): Term {
  if (N.isOne(c)) return m;
  if (m.op === MUL) return call(MUL, [num(c), ...m.args]);
  return call(MUL, [num(c), m]);
}

/** Inserts `extra` (sorted) into `sorted` (sorted), by binary search when `extra` is short. */
function mergeSorted(sorted: Term[], extra: Term[]): Term[] {
  if (extra.length === 0) return sorted;
  extra.sort(compareTerms);
  if (sorted.length === 0) return extra;
  const out = sorted.slice();
  let lo = 0;
  for (const t of extra) {
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTerms(out[mid]!, t) < 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, t);
    lo++;
  }
  return out;
}

/** Above this many distinct monomials or bases, `add` and `mul` index them with a map. */
const LINEAR = 8;

/** Position of `key` in `keys` (through `index` when there is one), or -1. */
function position(keys: readonly Term[], index: Map<Term, number> | null, key: Term): number {
  if (index !== null) return index.get(key) ?? -1;
  for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
  return -1;
}

/** The map of `keys` to their positions, made once a linear search gets long. */
function indexOf(keys: readonly Term[]): Map<Term, number> {
  const index = new Map<Term, number>();
  for (let i = 0; i < keys.length; i++) index.set(keys[i]!, i);
  return index;
}

/** An exact integer of magnitude below 2^26 as a number (products of two stay exact), else undefined. */
function smallInteger(v: Value): number | undefined {
  if (typeof v === 'number' || v.d !== 1n || v.n >= 0x4000000n) return undefined;
  const n = Number(v.n);
  return v.s < 0n ? -n : n;
}

/** The number term of a small integer result, made without rational arithmetic (null when not small). */
function smallResult(n: number): Term | null {
  return n >= -0x4000000 && n <= 0x4000000 ? int(n) : null;
}

/** `a + b` for number terms, as a term when it is cheap to have one (null: only the value). */
function addNumbers(a: Value, b: Value): Term | null {
  const x = smallInteger(a);
  if (x === undefined) return null;
  const y = smallInteger(b);
  return y === undefined ? null : smallResult(x + y);
}

/** `a * b` for number values, as a term when it is cheap to have one. */
function mulNumbers(a: Value, b: Value): Term | null {
  const x = smallInteger(a);
  if (x === undefined) return null;
  const y = smallInteger(b);
  return y === undefined ? null : smallResult(x * y);
}

/**
 * A term of a sum that collecting leaves as it is: not a product with a coefficient of 0 or 1,
 * nor a coefficient times one product.
 */
function keptMonomial(t: Term): boolean {
  if (t.op !== MUL || t.args[0]!.kind !== NUM) return true;
  const v = t.args[0]!.value!;
  return !N.isZero(v) && !N.isOne(v) && (t.args.length > 2 || t.args[1]!.op !== MUL);
}

/** The monomials of a sum being collected, with their coefficients. */
class SumParts {
  constant: Value = ZERO_VALUE;
  /** The number term whose value `constant` is, when known (saves making it again). */
  constantTerm: Term | null = ZERO;
  readonly monos: Term[] = [];
  readonly coeffs: Value[] = [];
  /** The number term of each coefficient, when known. */
  readonly coeffTerms: (Term | null)[] = [];
  /** The term a monomial came from, while it came from one term only. */
  readonly origin: (Term | null)[] = [];
  index: Map<Term, number> | null = null;

  plus(v: Value, t: Term | null): void {
    if (this.constant === ZERO_VALUE) {
      this.constant = v;
      this.constantTerm = t;
    } else if (!(N.isExact(v) && N.isZero(v))) {
      const r = addNumbers(this.constant, v);
      if (r !== null) {
        this.constant = r.value!;
        this.constantTerm = r;
      } else {
        this.constant = N.add(this.constant, v) ?? this.constant;
        this.constantTerm = null;
      }
    }
  }

  visit(t: Term): void {
    if (t.kind === NUM) {
      this.plus(t.value!, t);
      return;
    }
    if (t.op === ADD) {
      for (const a of t.args) this.visit(a);
      return;
    }
    let c: Value = ONE_VALUE, ct: Term | null = ONE, m = t;
    if (t.op === MUL && t.args[0]!.kind === NUM) {
      ct = t.args[0]!;
      c = ct.value!;
      m = monomial(t);
    }
    const i = position(this.monos, this.index, m);
    if (i < 0) {
      this.monos.push(m);
      this.coeffs.push(c);
      this.coeffTerms.push(ct);
      // A split product is its coefficient times its monomial again, unless its rest was a product.
      this.origin.push(m === t || t.args.length > 2 || t.args[1]!.op !== MUL ? t : null);
      if (this.index !== null) this.index.set(m, this.monos.length - 1);
      else if (this.monos.length > LINEAR) this.index = indexOf(this.monos);
      return;
    }
    const prev = this.coeffs[i]!;
    const r = addNumbers(prev, c);
    if (r !== null) {
      this.coeffs[i] = r.value!;
      this.coeffTerms[i] = r;
    } else {
      this.coeffs[i] = N.add(prev, c) ?? prev;
      this.coeffTerms[i] = null;
    }
    this.origin[i] = null;
  }

  /** The term of monomial i with its coefficient (not zero). */
  term(i: number): Term {
    const c = this.coeffs[i]!;
    const m = this.monos[i]!;
    if (N.isOne(c)) return m;
    const o = this.origin[i];
    if (o !== null) return o;
    const ct = this.coeffTerms[i] ?? num(c);
    return call(MUL, m.op === MUL ? [ct, ...m.args] : [ct, m]);
  }

  constantAsTerm(): Term {
    return this.constantTerm ?? num(this.constant);
  }
}

/**
 * The canonical sum of `terms`. When one argument is already a large canonical sum, the
 * others are merged into it without re-sorting it (`s = s + t` in a loop stays cheap).
 * @example add([x, x, int(1)]) // 1 + 2*x
 */
export function add(terms: readonly Term[]): Term {
  if (terms.length === 2) {
    // Two different terms that are neither numbers, sums nor products: only their order to find.
    const a = terms[0]!, b = terms[1]!;
    // Two terms that stay as they are, with different monomials: only their order to find.
    if (a.kind !== NUM && b.kind !== NUM && a.op !== ADD && b.op !== ADD && keptMonomial(a) && keptMonomial(b)) {
      if (monomial(a) !== monomial(b)) return call(ADD, compareTerms(a, b) <= 0 ? [a, b] : [b, a]);
      // The same monomial m: (ca + cb) m.
      const ca = coefficient(a), cb = coefficient(b), m = monomial(a);
      const r = addNumbers(ca, cb);
      const c = r !== null ? r.value! : (N.add(ca, cb) ?? ca);
      if (N.isZero(c)) return ZERO;
      if (N.isOne(c)) return m;
      const ct = r ?? num(c);
      return call(MUL, m.op === MUL ? [ct, ...m.args] : [ct, m]);
    }
    // A number and a term that stays as it is.
    const k = a.kind === NUM ? a : b, t = a.kind === NUM ? b : a;
    if (k.kind === NUM && t.kind !== NUM && t.op !== ADD && keptMonomial(t)) return N.isZero(k.value!) ? t : call(ADD, [k, t]);
  }
  let base: Term | null = null;
  for (const t of terms) if (t.op === ADD && t.args.length >= 8 && (base === null || t.args.length > base.args.length)) base = t;
  const parts = new SumParts();
  for (const t of terms) if (t !== base) parts.visit(t);
  const n = parts.monos.length;
  let out: Term[] = [];
  let taken: Uint8Array | null = null;
  if (base !== null) {
    // Walk the base sum in order, changing only the monomials the other terms touch.
    taken = new Uint8Array(n);
    for (const a of base.args) {
      if (a.kind === NUM) {
        parts.plus(a.value!, a);
        continue;
      }
      const m = monomial(a);
      const i = position(parts.monos, parts.index, m);
      if (i < 0 || taken[i] !== 0) {
        out.push(a);
        continue;
      }
      taken[i] = 1;
      const c = coefficient(a);
      const sum = N.add(c, parts.coeffs[i]!) ?? c;
      if (!N.isZero(sum)) out.push(scaleMonomial(sum, m));
    }
  }
  const fresh: Term[] = [];
  for (let i = 0; i < n; i++) if ((taken === null || taken[i] === 0) && !N.isZero(parts.coeffs[i]!)) fresh.push(parts.term(i));
  out = base !== null ? mergeSorted(out, fresh) : fresh.length > 1 ? fresh.sort(compareTerms) : fresh;
  const constant = parts.constant;
  if (out.length === 0) return parts.constantAsTerm();
  if (out.length === 1 && N.isZero(constant)) return out[0]!;
  if (!N.isZero(constant)) out.unshift(parts.constantAsTerm());
  return call(ADD, out);
}

/** The factors of a product being collected: the coefficient, and the exponents of each base. */
class ProductParts {
  coeff: Value = ONE_VALUE;
  /** The number term whose value `coeff` is, when known. */
  coeffTerm: Term | null = ONE;
  readonly bases: Term[] = [];
  /** The first exponent of each base. */
  readonly exps: Term[] = [];
  /** Further exponents of each base. */
  readonly more: (Term[] | null)[] = [];
  index: Map<Term, number> | null = null;

  times(t: Term): void {
    const v = t.value!;
    if (this.coeff === ONE_VALUE) {
      this.coeff = v;
      this.coeffTerm = t;
    } else if (!(N.isExact(v) && N.isOne(v))) {
      const r = mulNumbers(this.coeff, v);
      if (r !== null) {
        this.coeff = r.value!;
        this.coeffTerm = r;
      } else {
        this.coeff = N.mul(this.coeff, v) ?? this.coeff;
        this.coeffTerm = null;
      }
    }
  }

  visit(t: Term): void {
    if (t.kind === NUM) {
      this.times(t);
      return;
    }
    if (t.op === MUL) {
      for (const a of t.args) this.visit(a);
      return;
    }
    let b = t, e = ONE;
    if (t.op === POW) {
      b = t.args[0]!;
      e = t.args[1]!;
    }
    const i = position(this.bases, this.index, b);
    if (i >= 0) {
      const more = this.more[i];
      if (more) more.push(e);
      else this.more[i] = [e];
      return;
    }
    this.bases.push(b);
    this.exps.push(e);
    this.more.push(null);
    if (this.index !== null) this.index.set(b, this.bases.length - 1);
    else if (this.bases.length > LINEAR) this.index = indexOf(this.bases);
  }

  coeffAsTerm(): Term {
    return this.coeffTerm ?? num(this.coeff);
  }
}

/** A factor a product keeps as it is: not a number, sum, product or power. */
function plainFactor(t: Term): boolean {
  return t.kind !== NUM && t.op !== ADD && t.op !== MUL && t.op !== POW;
}

/**
 * `mul([a, b])` for the shapes that need no collecting (null for the others): a number times
 * a plain factor or a power, and two different plain factors.
 */
function mulTwo(a: Term, b: Term): Term | null {
  let c = a, f = b;
  if (b.kind === NUM) {
    c = b;
    f = a;
  }
  if (c.kind === NUM) {
    if (f.kind === NUM) return a.kind === NUM && b.kind === NUM ? mulNumbers(a.value!, b.value!) : null;
    const v = c.value!;
    if (f.op === MUL) return scaleProduct(c, f);
    if (!(plainFactor(f) || keptPower(f))) return null;
    if (N.isZero(v)) return c;
    if (N.isOne(v)) return f;
    return call(MUL, [c, f]);
  }
  if (a !== b && plainFactor(a) && plainFactor(b)) return call(MUL, compareTerms(a, b) <= 0 ? [a, b] : [b, a]);
  return null;
}

/** A power that canonical construction leaves as it is. */
function keptPower(f: Term): boolean {
  return f.op === POW && pow(f.args[0]!, f.args[1]!) === f;
}

/**
 * `mul([c, p])` for a number c and a product p whose factors are already collected (kept
 * factors, different bases, in order): the product with its coefficient times c. Null when p
 * is not such a product.
 */
function scaleProduct(c: Term, p: Term): Term | null {
  const args = p.args;
  const first = args[0]!.kind === NUM ? 1 : 0;
  if (args.length - first < 1) return null;
  let prevBase: Term | null = null, prev: Term | null = null;
  for (let i = first; i < args.length; i++) {
    const f = args[i]!;
    if (!plainFactor(f) && !keptPower(f)) return null;
    const base = f.op === POW ? f.args[0]! : f;
    if (prev !== null && (base === prevBase || compareTerms(prev, f) >= 0)) return null;
    prev = f;
    prevBase = base;
  }
  let k: Term | null = c;
  if (first === 1) {
    const v = c.value!, w = args[0]!.value!;
    if (N.isExact(v) && N.isOne(v)) k = args[0]!;
    else if (!(N.isExact(w) && N.isOne(w))) {
      k = mulNumbers(v, w);
      if (k === null) {
        const r = N.mul(v, w);
        if (r === undefined) return null;
        k = num(r);
      }
    }
  }
  const kv = k.value!;
  if (N.isZero(kv)) return k;
  if (N.isOne(kv)) return args.length - first === 1 ? args[first]! : first === 1 ? call(MUL, args.slice(1)) : p;
  if (first === 1 && k === args[0]) return p;
  const out = new Array<Term>(args.length - first + 1);
  out[0] = k;
  for (let i = first; i < args.length; i++) out[i - first + 1] = args[i]!;
  return call(MUL, out);
}

/**
 * The canonical product of `terms`.
 * @example mul([x, x, int(3)]) // 3*x^2
 */
export function mul(terms: readonly Term[]): Term {
  if (terms.length === 2) {
    const r = mulTwo(terms[0]!, terms[1]!);
    if (r !== null) return r;
  }
  let base: Term | null = null;
  for (const t of terms) if (t.op === MUL && t.args.length >= 8 && (base === null || t.args.length > base.args.length)) base = t;
  const parts = new ProductParts();
  for (const t of terms) if (t !== base) parts.visit(t);
  if (N.isZero(parts.coeff)) return parts.coeffAsTerm();
  let factors: Term[] = [];
  let redo: Term[] | null = null;
  const combine = (b: Term, e1: Term, more: Term[] | null): void => {
    let e = e1;
    if (more !== null) {
      const es = [e1, ...more];
      e = add(es);
      if (cancellations && es.some(isNegative) && !isNegative(e)) cancellations.push(b);
    }
    if (e === ZERO) return;
    const f = e === ONE ? b : pow(b, e);
    if (f.kind === NUM) parts.times(f);
    // (x y)^(1/2) (x y)^(1/2) is x y, 2^(3/2) is 2 * 2^(1/2): multiply the parts in again.
    else if (f.op === MUL) (redo ??= []).push(f);
    else factors.push(f);
  };
  const n = parts.bases.length;
  let taken: Uint8Array | null = null;
  if (base !== null) {
    // Walk the base product in order, changing only the bases the other factors touch.
    taken = new Uint8Array(n);
    for (const a of base.args) {
      if (a.kind === NUM) {
        parts.times(a);
        continue;
      }
      let b = a, e = ONE;
      if (a.op === POW) {
        b = a.args[0]!;
        e = a.args[1]!;
      }
      const i = position(parts.bases, parts.index, b);
      if (i < 0 || taken[i] !== 0) {
        factors.push(a);
        continue;
      }
      taken[i] = 1;
      combine(b, e, parts.more[i] === null ? [parts.exps[i]!] : [parts.exps[i]!, ...parts.more[i]!]);
    }
  }
  const settled = factors;
  factors = [];
  for (let i = 0; i < n; i++) if (taken === null || taken[i] === 0) combine(parts.bases[i]!, parts.exps[i]!, parts.more[i]!);
  const coeff = parts.coeff;
  if (redo !== null) return mul([parts.coeffAsTerm(), ...settled, ...factors, ...redo]);
  factors = base !== null ? mergeSorted(settled, factors) : factors.length > 1 ? factors.sort(compareTerms) : factors;
  if (factors.length === 0 || N.isZero(coeff)) return parts.coeffAsTerm();
  // A number times one sum distributes: 2 (x + y) is 2 x + 2 y.
  if (factors.length === 1 && !N.isOne(coeff) && factors[0]!.op === ADD) {
    const c = parts.coeffAsTerm();
    return add(factors[0]!.args.map((a) => mul([c, a])));
  }
  if (factors.length === 1 && N.isOne(coeff)) return factors[0]!;
  if (!N.isOne(coeff)) factors.unshift(parts.coeffAsTerm());
  return call(MUL, factors);
}

function isNegative(e: Term): boolean {
  if (e.kind === NUM) return N.sign(e.value!) < 0;
  return e.op === MUL && e.args[0]!.kind === NUM && N.sign(e.args[0]!.value!) < 0;
}

/**
 * The canonical power `base ^ exponent`: exact when the result is rational, `(x^a)^n` is
 * `x^(a n)` and `(x y)^n` is `x^n y^n` for integer n only (not `(x^2)^(1/2)`, which is |x|).
 * @example pow(int(8), num(exact(2, 3))) // 4
 */
export function pow(base: Term, exponent: Term): Term {
  if (exponent.kind === NUM) {
    const ev = exponent.value!;
    if (N.isZero(ev)) return ONE;
    if (N.isOne(ev)) return base;
    if (base.kind === NUM) {
      const r = N.pow(base.value!, ev);
      if (r !== undefined) return num(r);
      return numericPower(base.value!, ev) ?? call(POW, [base, exponent]);
    }
    if (N.isInteger(ev)) {
      if (base.op === POW) return pow(base.args[0]!, mul([base.args[1]!, exponent]));
      if (base.op === MUL) return mul(base.args.map((f) => pow(f, exponent)));
    }
  } else if (base.kind === NUM && N.isOne(base.value!)) return ONE;
  if (base.kind === CALL && base.op === E) return apply(EXP, [exponent]);
  return call(POW, [base, exponent]);
}

/**
 * A positive rational base to a rational exponent that is not exact as a whole: take out the
 * integer part of the exponent (`2^(3/2)` is `2 * 2^(1/2)`) and, for an exponent `±1/q`, the
 * perfect q-th powers of numerator and denominator (`8^(1/2)` is `2 * 2^(1/2)`). Undefined
 * when nothing splits off.
 */
function numericPower(b: Value, e: Value): Term | undefined {
  if (!N.isExact(b) || !N.isExact(e) || N.sign(b) <= 0 || e.d === 1n) return undefined;
  const whole = e.s * (e.n / e.d);
  if (whole !== 0n && e.s > 0n) {
    const intPart = N.pow(b, exact(whole));
    if (intPart === undefined) return undefined;
    const rest = e.sub(exact(whole));
    return call(MUL, [num(intPart), call(POW, [num(b), num(rest)])]);
  }
  if (e.n !== 1n || e.d > 64n) return undefined;
  const q = Number(e.d);
  const [on, inN] = perfectPowerPart(b.n, q), [od, inD] = perfectPowerPart(b.d, q);
  if (on === 1n && od === 1n) return undefined;
  const outside = new N.Fraction(on, od);
  const coeff = e.s > 0n ? outside : outside.inverse();
  return call(MUL, [num(coeff), call(POW, [num(new N.Fraction(inN, inD)), num(e)])]);
}

/** Splits n into k^q * m with k the product of the small perfect q-th power factors of n. */
function perfectPowerPart(n: bigint, q: number): [bigint, bigint] {
  let outside = 1n, inside = n;
  const Q = BigInt(q);
  for (let k = 2n; k <= 1000n && k ** Q <= inside; k++) {
    const kq = k ** Q;
    while (inside % kq === 0n) {
      inside /= kq;
      outside *= k;
    }
  }
  return [outside, inside];
}

export function neg(t: Term): Term {
  return mul([MINUS_ONE, t]);
}

export function sub(a: Term, b: Term): Term {
  return add([a, neg(b)]);
}

export function div(a: Term, b: Term): Term {
  return mul([a, pow(b, MINUS_ONE)]);
}

/**
 * Canonical `op(args)`: arithmetic through `add` / `mul` / `pow`, functions folded when their
 * arguments are numbers and the result is exact (or the input was a float), everything else
 * as a plain call.
 */
export function apply(op: Operator, args: readonly Term[]): Term {
  switch (op) {
    case ADD: return add(args);
    case MUL: return mul(args);
    case POW: return pow(args[0]!, args[1]!);
    case SUB: return sub(args[0]!, args[1]!);
    case NEG: return neg(args[0]!);
    case DIV: return div(args[0]!, args[1]!);
    case SQRT: return pow(args[0]!, HALF);
  }
  if (op.kind === 'function' && args.length > 0 && args.every(isNum)) {
    const vals = args.map((a) => a.value!);
    if (vals.some(N.isFloat)) {
      if (op.float) {
        const r = op.float(...vals.map(N.toFloat));
        if (Number.isFinite(r)) return num(r);
      }
    } else if (op.exact) {
      const r = op.exact(vals);
      if (r !== undefined) return num(r);
    }
  }
  return call(op, args);
}

/**
 * The canonical form of any term: rebuilt bottom-up with `apply`.
 * @example canonicalize(parse('x + x', { mode: 'written' })) // 2*x
 */
export function canonicalize(t: Term): Term {
  if (t.canonical) return t;
  const memo = new Map<Term, Term>();
  const go = (u: Term): Term => {
    if (u.canonical) return u;
    const hit = memo.get(u);
    if (hit) return hit;
    const r = apply(u.op!, u.args.map(go));
    r.canonical = true;
    memo.set(u, r);
    return r;
  };
  return go(t);
}

export { ZERO, ONE, MINUS_ONE };
