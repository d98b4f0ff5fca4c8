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
import { call, num, CALL, NUM, type Term } from './term.js';
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
    return { result: fn(), nonzero: [...new Set(log)] };
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

/**
 * The canonical sum of `terms`. When one argument is already a large canonical sum, the
 * others are merged into it without re-sorting it (`s = s + t` in a loop stays cheap).
 * @example add([x, x, int(1)]) // 1 + 2*x
 */
export function add(terms: readonly Term[]): Term {
  let base: Term | null = null;
  for (const t of terms) if (t.op === ADD && t.args.length >= 8 && (base === null || t.args.length > base.args.length)) base = t;
  let constant: Value = ZERO_VALUE;
  const coeffs = new Map<Term, Value>();
  const visit = (t: Term): void => {
    if (t.kind === NUM) {
      constant = N.add(constant, t.value!) ?? constant;
      return;
    }
    if (t.op === ADD) {
      for (const a of t.args) visit(a);
      return;
    }
    const [c, m] = splitCoefficient(t);
    const prev = coeffs.get(m);
    coeffs.set(m, prev === undefined ? c : (N.add(prev, c) ?? prev));
  };
  for (const t of terms) if (t !== base) visit(t);
  let out: Term[] = [];
  if (base !== null) {
    // Walk the base sum in order, changing only the monomials the other terms touch.
    for (const a of base.args) {
      if (a.kind === NUM) {
        constant = N.add(constant, a.value!) ?? constant;
        continue;
      }
      const m = monomial(a);
      const delta = coeffs.get(m);
      if (delta === undefined) {
        out.push(a);
        continue;
      }
      coeffs.delete(m);
      const c = coefficient(a);
      const sum = N.add(c, delta) ?? c;
      if (!N.isZero(sum)) out.push(scaleMonomial(sum, m));
    }
  }
  const fresh: Term[] = [];
  for (const [m, c] of coeffs) if (!N.isZero(c)) fresh.push(scaleMonomial(c, m));
  out = base !== null ? mergeSorted(out, fresh) : fresh.sort(compareTerms);
  if (out.length === 0) return num(constant);
  if (out.length === 1 && N.isZero(constant)) return out[0]!;
  if (!N.isZero(constant)) out.unshift(num(constant));
  return call(ADD, out);
}

/**
 * The canonical product of `terms`.
 * @example mul([x, x, int(3)]) // 3*x^2
 */
export function mul(terms: readonly Term[]): Term {
  let base: Term | null = null;
  for (const t of terms) if (t.op === MUL && t.args.length >= 8 && (base === null || t.args.length > base.args.length)) base = t;
  let coeff: Value = ONE_VALUE;
  const exps = new Map<Term, Term[]>();
  const visit = (t: Term): void => {
    if (t.kind === NUM) {
      coeff = N.mul(coeff, t.value!) ?? coeff;
      return;
    }
    if (t.op === MUL) {
      for (const a of t.args) visit(a);
      return;
    }
    const [b, e] = t.op === POW ? [t.args[0]!, t.args[1]!] : [t, ONE];
    const list = exps.get(b);
    if (list) list.push(e);
    else exps.set(b, [e]);
  };
  for (const t of terms) if (t !== base) visit(t);
  if (N.isZero(coeff)) return num(coeff);
  let factors: Term[] = [];
  const redo: Term[] = [];
  const combine = (b: Term, es: Term[]): void => {
    const e = es.length === 1 ? es[0]! : add(es);
    if (es.length > 1 && cancellations && es.some(isNegative) && !isNegative(e)) cancellations.push(b);
    if (e === ZERO) return;
    const f = pow(b, e);
    if (f.kind === NUM) coeff = N.mul(coeff, f.value!) ?? coeff;
    // (x y)^(1/2) (x y)^(1/2) is x y, 2^(3/2) is 2 * 2^(1/2): multiply the parts in again.
    else if (f.op === MUL) redo.push(f);
    else factors.push(f);
  };
  if (base !== null) {
    // Walk the base product in order, changing only the bases the other factors touch.
    for (const a of base.args) {
      if (a.kind === NUM) {
        coeff = N.mul(coeff, a.value!) ?? coeff;
        continue;
      }
      const [b, e] = a.op === POW ? [a.args[0]!, a.args[1]!] : [a, ONE];
      const more = exps.get(b);
      if (more === undefined) {
        factors.push(a);
        continue;
      }
      exps.delete(b);
      combine(b, [e, ...more]);
    }
  }
  const settled = factors;
  factors = [];
  for (const [b, es] of exps) combine(b, es);
  if (redo.length > 0) return mul([num(coeff), ...settled, ...factors, ...redo]);
  factors = base !== null ? mergeSorted(settled, factors) : factors.sort(compareTerms);
  if (factors.length === 0 || N.isZero(coeff)) return num(coeff);
  // A number times one sum distributes: 2 (x + y) is 2 x + 2 y.
  if (factors.length === 1 && !N.isOne(coeff) && factors[0]!.op === ADD) {
    const c = num(coeff);
    return add(factors[0]!.args.map((a) => mul([c, a])));
  }
  if (factors.length === 1 && N.isOne(coeff)) return factors[0]!;
  if (!N.isOne(coeff)) factors.unshift(num(coeff));
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
