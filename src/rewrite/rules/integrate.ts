/**
 * A small table-driven integrator (after the integration rules of egg's math tests:
 * `i-one`, `i-power-const`, `i-cos`, `i-sin`, `i-sum`, `i-dif`, `i-parts`). `integrate(f, x)`
 * returns an antiderivative of f with respect to the symbol x (without a constant), or null
 * when none of its methods applies. Integrands are canonical terms, so the methods match
 * canonical shapes: `a/b` is `a*b^-1`, `sqrt(u)` is `u^(1/2)`.
 *
 * Methods, tried in this order on each integrand:
 * 1. `i-one`: a term free of x integrates to `c*x`; `i-sum`: sums term by term;
 *    `i-const-factor`: factors free of x come out of a product.
 * 2. The table, for one function of a linear argument `u = a*x + b` (a free of x): powers
 *    `u^n` (`i-power-const`; `u^-1` gives `log(u)`, see below), `c^u`, exp, sin, cos, tan,
 *    cot, sec, csc, sinh, cosh, tanh, log, atan, asin, acos, abs, `sec(u)^2`, `csc(u)^2`,
 *    `tan(u)^2`, `cot(u)^2`, `cos(u)^-2`, `sin(u)^-2`, `cosh(u)^-2`, `tanh(u)^2`,
 *    `sec(u)*tan(u)`, `csc(u)*cot(u)`, `exp(u)*sin(v)`, `exp(u)*cos(v)`, the reciprocal and
 *    reciprocal square root of a quadratic with numeric coefficients (atan, log, asin
 *    forms), and `Derivative(g, x, n)` (to `Derivative(g, x, n - 1)`, or g).
 * 3. `i-trig-power`: `sin(u)^m * cos(u)^n` (integers; one of them odd and positive, or both
 *    even and nonnegative, reduced through `cos(2u)`), and `i-product-to-sum` for sin/cos of
 *    two different linear arguments.
 * 4. `i-subst`: derivative-divides substitution: for a subterm g of f, when f / g' is a
 *    function of g alone, integrate it in g.
 * 5. `i-expand`: products over sums and integer powers of sums are distributed.
 * 6. `i-linear-subst`: for a linear subterm `a*x + b` (b not 0), substitute x = (t - b)/a
 *    (`x/(x + 1)`, `x*sqrt(x + 1)`).
 * 7. `i-parts`: integration by parts, u chosen by LIATE: logarithms and inverse trigonometric
 *    factors first, then polynomial factors (`x*cos(x)`, `x^2*exp(x)`, `x^3*log(x)`,
 *    `log(x)`); when the new integral is a constant multiple k of f, f's integral is
 *    `u*v / (1 + k)`.
 *
 * The antiderivative of `u^-1` is `log(u)`, not `log(abs(u))`: SymPy's convention and what
 * derivations written by people and language models use (antiderivatives are compared up to
 * a constant). `{ logAbs: true }` gives `log(abs(u))` instead (for definite integrals,
 * where the sign matters). Divisions by constants (the slope a, a symbol perhaps) assume
 * them nonzero, and `x^n` integrates to `x^(n+1)/(n+1)` for a symbolic n, as for a generic n.
 *
 * Bounded: integration by parts nests at most `maxParts` deep and substitutions at most
 * `maxSubstitutions` deep, at most `maxSteps` integrands are tried, and the active rewrite
 * budget's time limit is respected (the integrator gives up with null when it is reached).
 *
 * @example integrate(parse('x*cos(x)'), sym('x')) // x*sin(x) + cos(x)
 * @example integrate(parse('1/x'), sym('x')) // log(x)
 * @example integrate(parse('exp(x^2)'), sym('x')) // null
 */
import { sym, num, int, NUM, SYM, CALL, type Term } from '../../term/term.js';
import type { Operator } from '../../term/operator.js';
import * as N from '../../term/number.js';
import { exact } from '../../term/number.js';
import { add, mul, pow, apply, ZERO, ONE, MINUS_ONE } from '../../term/canonical.js';
import {
  ADD, MUL, POW, EXP, LOG, SIN, COS, TAN, COT, SEC, CSC, SINH, COSH, TANH, ATAN, ASIN, ACOS, ABS, DERIVATIVE,
} from '../../term/operators.js';
import { termOps } from '../../term/interface.js';
import { diff } from '../../term/diff.js';
import { subst } from '../../term/subst.js';
import { hasFreeSymbolWith, freeSymbolsWith } from '../../term/free.js';
import { EquateError } from '../../term/errors.js';
import { print } from '../../term/print.js';
import { activeBudget, type Budget } from '../budget.js';
import { distinctCalls } from './calls.js';

export interface IntegrateOptions {
  /** Integrate `u^-1` to `log(abs(u))` (and tan, cot, sec, csc alike). Default: false (`log(u)`). */
  logAbs?: boolean;
  /** Most nested integrations by parts. Default: 6. */
  maxParts?: number;
  /** Most nested substitutions (derivative-divides and linear). Default: 2. */
  maxSubstitutions?: number;
  /** Most integrands tried in one call. Default: 5,000. */
  maxSteps?: number;
}

/** The defaults of `IntegrateOptions`. */
export const DEFAULT_INTEGRATE_OPTIONS: Readonly<Required<IntegrateOptions>> = Object.freeze({
  logAbs: false,
  maxParts: 6,
  maxSubstitutions: 2,
  maxSteps: 5_000,
});

/** Largest exponent of a sum that `i-expand` multiplies out, and largest sum it builds. */
const MAX_EXPAND_POWER = 12;
const MAX_EXPAND_TERMS = 400;
/** Largest `|m| + |n|` of `sin(u)^m cos(u)^n` integrated. */
const MAX_TRIG_POWER = 40;
/** Most subterms tried as the inner function of a substitution. */
const MAX_CANDIDATES = 16;

const TWO = int(2);
const HALF = num(exact(1, 2));

/** Thrown to abandon an integration (step or time limit). */
class GiveUp {}

/** The variable of integration with its dependence memo. */
interface Var {
  readonly x: Term;
  readonly name: string;
  readonly deps: Map<Term, boolean>;
  /** Antiderivatives found, by integrand. */
  readonly found: Map<Term, Term>;
  /** Integrands that failed, with the parts and substitution levels they had. */
  readonly failed: Map<Term, [number, number]>;
}

interface Ctx {
  readonly logAbs: boolean;
  parts: number;
  subs: number;
  steps: number;
  readonly budget: Budget | null;
  /** Names in use (for fresh symbols). */
  readonly names: Set<string>;
  fresh: number;
  readonly vars: Map<string, Var>;
}

function variable(c: Ctx, x: Term): Var {
  let v = c.vars.get(x.name!);
  if (v === undefined) {
    v = { x, name: x.name!, deps: new Map(), found: new Map(), failed: new Map() };
    c.vars.set(x.name!, v);
  }
  return v;
}

function freshSymbol(c: Ctx): Term {
  for (;;) {
    const name = `_u${++c.fresh}`;
    if (!c.names.has(name)) {
      c.names.add(name);
      return sym(name);
    }
  }
}

/**
 * An antiderivative of `expr` with respect to the symbol `x` (no constant of integration),
 * or null when the table and its methods find none.
 * @example integrate(parse('x^2 + 3'), sym('x')) // 3*x + x^3/3
 * @example integrate(parse('log(x)'), sym('x')) // -x + x*log(x)
 * @example integrate(parse('1/x'), sym('x'), { logAbs: true }) // log(abs(x))
 */
export function integrate(expr: Term, x: Term, opts: IntegrateOptions = {}): Term | null {
  if (x.kind !== SYM) throw new EquateError(`cannot integrate with respect to ${print(x)}: not a symbol`);
  if (hasUndefinedValue(expr)) return null;
  const c = context(expr, opts);
  try {
    return integ(expr, variable(c, x), c);
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}

/**
 * Integrates `expr` term by term as far as it goes: `known` is an antiderivative of the
 * terms of the sum that integrate, `rest` the sum of those that do not (null when all do).
 * With a single term left whose factors free of x are not 1, `factor` holds them (and `rest`
 * the other factors). Null when nothing integrates (or a limit was reached).
 * @example integrateTerms(parse('x + f(x)'), sym('x')) // { known: x^2/2, rest: f(x), factor: 1 }
 */
export function integrateTerms(expr: Term, x: Term, opts: IntegrateOptions = {}): { known: Term; rest: Term | null; factor: Term } | null {
  if (x.kind !== SYM) throw new EquateError(`cannot integrate with respect to ${print(x)}: not a symbol`);
  if (hasUndefinedValue(expr)) return null;
  const c = context(expr, opts);
  const v = variable(c, x);
  try {
    const whole = integ(expr, v, c);
    if (whole !== null) return { known: whole, rest: null, factor: ONE };
    const terms = expr.op === ADD ? expr.args : [expr];
    const known: Term[] = [], rest: Term[] = [];
    for (const t of terms) {
      const r = terms.length === 1 ? null : integ(t, v, c);
      if (r === null) rest.push(t);
      else known.push(r);
    }
    const left = add(rest);
    const [factor, inner] = splitConstant(left, v);
    if (known.length === 0 && factor === ONE) return null;
    return { known: add(known), rest: inner, factor };
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}

/**
 * Whether t contains a power of 0 with a negative exponent or log(0): terms without a value,
 * which canonical arithmetic would multiply away (`(0^-1)^-1` is 0).
 */
function hasUndefinedValue(t: Term): boolean {
  for (const u of distinctCalls(t)) {
    const [a, b] = u.args;
    if (u.op === POW && a === ZERO && b!.kind === NUM && sign(b!) < 0) return true;
    if (u.op === LOG && u.args[u.args.length - 1] === ZERO) return true;
  }
  return false;
}

function context(expr: Term, opts: IntegrateOptions): Ctx {
  const o = { ...DEFAULT_INTEGRATE_OPTIONS, ...opts };
  for (const k of ['maxParts', 'maxSubstitutions', 'maxSteps'] as const) {
    const n = o[k];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new EquateError(`${k} must be a nonnegative whole number, got ${String(n)}`);
  }
  return {
    logAbs: o.logAbs, parts: o.maxParts, subs: o.maxSubstitutions, steps: o.maxSteps, budget: activeBudget(),
    names: freeSymbolsWith(termOps, expr), fresh: 0, vars: new Map(),
  };
}

// --- helpers on canonical terms ----------------------------------------------------------

function dep(t: Term, v: Var): boolean {
  if (t.kind === NUM) return false;
  if (t.kind === SYM) return t.name === v.name;
  return v.deps.get(t) ?? hasFreeSymbolWith(termOps, t, v.name, v.deps);
}

function factorsOf(t: Term): readonly Term[] {
  return t.op === MUL ? t.args : [t];
}

function baseExp(t: Term): [Term, Term] {
  return t.op === POW ? [t.args[0]!, t.args[1]!] : [t, ONE];
}

function isNum(t: Term): boolean {
  return t.kind === NUM;
}

/** The value of a number term as an integer, or null. */
function intValue(t: Term): number | null {
  if (t.kind !== NUM || !N.isInteger(t.value!)) return null;
  const n = Number(t.value!.s * t.value!.n);
  return Number.isSafeInteger(n) ? n : null;
}

function sign(t: Term): number {
  return N.sign(t.value!);
}

function div(a: Term, b: Term): Term {
  return mul([a, pow(b, MINUS_ONE)]);
}

function neg(a: Term): Term {
  return mul([MINUS_ONE, a]);
}

function fn(op: Operator, u: Term): Term {
  return apply(op, [u]);
}

/** `log(u)`, or `log(abs(u))` with `logAbs`. */
function ln(u: Term, c: Ctx): Term {
  return fn(LOG, c.logAbs ? fn(ABS, u) : u);
}

/** Factors free of x and the others: `3 y x^2` is (`3 y`, `x^2`). */
function splitConstant(t: Term, v: Var): [Term, Term] {
  if (t.op !== MUL) return dep(t, v) ? [ONE, t] : [t, ONE];
  const free: Term[] = [], bound: Term[] = [];
  for (const f of t.args) (dep(f, v) ? bound : free).push(f);
  return [mul(free), mul(bound)];
}

/** The slope a of `u = a*x + b` (a free of x and not 0), or null when u is not linear in x. */
function slope(u: Term, v: Var): Term | null {
  if (u === v.x) return ONE;
  if (!dep(u, v)) return null;
  const a = diff(u, v.x);
  return a !== ZERO && !dep(a, v) && pow(a, MINUS_ONE) !== ZERO ? a : null;
}

/** Whether t is a polynomial in x (sums, products and positive integer powers). */
function isPolynomial(t: Term, v: Var): boolean {
  if (!dep(t, v)) return true;
  if (t === v.x) return true;
  if (t.op === ADD || t.op === MUL) return t.args.every((a) => isPolynomial(a, v));
  if (t.op === POW) {
    const n = intValue(t.args[1]!);
    return n !== null && n > 0 && isPolynomial(t.args[0]!, v);
  }
  return false;
}

/** The coefficients c0, c1, c2 of a polynomial of degree 2 in x with numeric coefficients, or null. */
function quadratic(t: Term, v: Var): [Term, Term, Term] | null {
  if (t.op !== ADD) return null;
  const cs = [ZERO, ZERO, ZERO];
  for (const term of t.args) {
    if (term.kind === NUM) {
      cs[0] = add([cs[0]!, term]);
      continue;
    }
    const fs = factorsOf(term);
    const coeff = fs[0]!.kind === NUM ? fs[0]! : ONE;
    const rest = fs[0]!.kind === NUM ? fs.slice(1) : fs;
    if (rest.length !== 1) return null;
    const [b, e] = baseExp(rest[0]!);
    const k = intValue(e);
    if (b !== v.x || k === null || k < 1 || k > 2) return null;
    cs[k] = add([cs[k]!, coeff]);
  }
  if (cs[2] === ZERO || !cs.every(isNum)) return null;
  return cs as [Term, Term, Term];
}

/**
 * Distributes products over sums and positive integer powers of sums (`x (x + 1)^2` is
 * `x + 2 x^2 + x^3`); null when nothing distributes or the sum would grow too large.
 */
function expand(t: Term): Term | null {
  let changed = false;
  const terms = (u: Term): readonly Term[] => (u.op === ADD ? u.args : [u]);
  const times = (a: Term, b: Term): Term => {
    const ta = terms(a), tb = terms(b);
    if (ta.length * tb.length > MAX_EXPAND_TERMS) throw new GiveUp();
    if (ta.length > 1 || tb.length > 1) changed = true;
    const out: Term[] = [];
    for (const p of ta) for (const q of tb) out.push(mul([p, q]));
    return add(out);
  };
  const go = (u: Term): Term => {
    if (u.op === ADD) return add(u.args.map(go));
    if (u.op === POW && u.args[0]!.op === ADD) {
      const n = intValue(u.args[1]!);
      if (n === null || n < 2 || n > MAX_EXPAND_POWER) return u;
      const b = go(u.args[0]!);
      let r = b;
      for (let i = 1; i < n; i++) r = times(r, b);
      return r;
    }
    if (u.op === MUL) {
      let r: Term = ONE;
      for (const f of u.args) r = times(r, go(f));
      return r;
    }
    return u;
  };
  try {
    const r = go(t);
    return changed && r !== t ? r : null;
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}

/** Merges exponentials: `exp(a)^k` is `exp(k a)`, `exp(a) exp(b)` is `exp(a + b)`; null when unchanged. */
function mergeExponentials(f: Term): Term | null {
  const fs = factorsOf(f);
  const exps: Term[] = [], rest: Term[] = [];
  let changed = false;
  for (const g of fs) {
    const [b, e] = baseExp(g);
    if (b.op === EXP) {
      exps.push(mul([e, b.args[0]!]));
      if (e !== ONE) changed = true;
    } else rest.push(g);
  }
  if (exps.length > 1) changed = true;
  if (!changed) return null;
  return mul([...rest, fn(EXP, add(exps))]);
}

// --- the integrator ------------------------------------------------------------------------

function tick(c: Ctx): void {
  if (--c.steps < 0) throw new GiveUp();
  if (c.budget !== null && !c.budget.step()) throw new GiveUp();
}

function integ(f: Term, v: Var, c: Ctx): Term | null {
  tick(c);
  if (!dep(f, v)) return mul([f, v.x]);
  const hit = v.found.get(f);
  if (hit !== undefined) return hit;
  const failed = v.failed.get(f);
  if (failed !== undefined && failed[0] >= c.parts && failed[1] >= c.subs) return null;
  const r = integrateDependent(f, v, c);
  if (r !== null) v.found.set(f, r);
  else v.failed.set(f, [c.parts, c.subs]);
  return r;
}

/** The methods, in order, for an integrand that depends on x. */
function integrateDependent(f: Term, v: Var, c: Ctx): Term | null {
  if (f.kind !== CALL) return f === v.x ? mul([HALF, pow(f, TWO)]) : null;
  if (f.op!.kind === 'relation') return null;
  // i-sum
  if (f.op === ADD) {
    const parts: Term[] = [];
    for (const t of f.args) {
      const r = integ(t, v, c);
      if (r === null) return null;
      parts.push(r);
    }
    return add(parts);
  }
  // i-const-factor
  const [k, rest] = splitConstant(f, v);
  if (k !== ONE) {
    const r = integ(rest, v, c);
    return r === null ? null : mul([k, r]);
  }
  const merged = mergeExponentials(f);
  if (merged !== null) return integ(merged, v, c);
  return table(f, v, c)
    ?? trigPowers(f, v, c)
    ?? productToSum(f, v, c)
    ?? substitution(f, v, c)
    ?? expanded(f, v, c)
    ?? linearSubstitution(f, v, c)
    ?? byParts(f, v, c);
}

/** The table: one function of a linear argument, and a few products. */
function table(f: Term, v: Var, c: Ctx): Term | null {
  if (f.op === MUL) return productTable(f, v);
  if (f.op === POW) return powerTable(f, v, c);
  if (f.op === DERIVATIVE) {
    const [g, y, n] = f.args as [Term, Term, Term];
    const order = intValue(n);
    if (y !== v.x || order === null || order < 1) return null;
    return order === 1 ? g : apply(DERIVATIVE, [g, y, int(order - 1)]);
  }
  if (f.op === LOG && f.args.length === 2) {
    if (dep(f.args[0]!, v)) return null;
    const r = logTable(f.args[1]!, v);
    return r === null ? null : div(r, fn(LOG, f.args[0]!));
  }
  if (f.args.length !== 1) return null;
  const u = f.args[0]!;
  if (f.op === LOG) return logTable(u, v);
  const a = slope(u, v);
  if (a === null) return null;
  const over = (t: Term): Term => div(t, a);
  switch (f.op) {
    case EXP: return over(f);
    case SIN: return over(neg(fn(COS, u)));
    case COS: return over(fn(SIN, u));
    case TAN: return over(neg(ln(fn(COS, u), c)));
    case COT: return over(ln(fn(SIN, u), c));
    case SEC: return over(ln(add([fn(SEC, u), fn(TAN, u)]), c));
    case CSC: return over(neg(ln(add([fn(CSC, u), fn(COT, u)]), c)));
    case SINH: return over(fn(COSH, u));
    case COSH: return over(fn(SINH, u));
    case TANH: return over(fn(LOG, fn(COSH, u)));
    case ATAN: return over(add([mul([u, f]), mul([num(exact(-1, 2)), fn(LOG, add([ONE, pow(u, TWO)]))])]));
    case ASIN: return over(add([mul([u, f]), pow(add([ONE, neg(pow(u, TWO))]), HALF)]));
    case ACOS: return over(add([mul([u, f]), neg(pow(add([ONE, neg(pow(u, TWO))]), HALF))]));
    case ABS: return over(mul([HALF, u, f]));
  }
  return null;
}

/** `log(u)` for a linear u: `(u log(u) - u) / a`. */
function logTable(u: Term, v: Var): Term | null {
  const a = slope(u, v);
  if (a === null) return null;
  return div(add([mul([u, fn(LOG, u)]), neg(u)]), a);
}

function powerTable(f: Term, v: Var, c: Ctx): Term | null {
  const [b, e] = f.args as [Term, Term];
  if (!dep(e, v)) {
    // i-power-const, for x and for linear bases
    const a = slope(b, v);
    if (a !== null) {
      if (e === MINUS_ONE) return div(ln(b, c), a);
      const e1 = add([e, ONE]);
      return div(pow(b, e1), mul([a, e1]));
    }
    const u = b.args.length === 1 ? b.args[0]! : null;
    const au = u === null ? null : slope(u, v);
    if (au !== null) {
      const over = (t: Term): Term => div(t, au);
      const m = intValue(e);
      if (m === 2) {
        switch (b.op) {
          case SEC: return over(fn(TAN, u!));
          case CSC: return over(neg(fn(COT, u!)));
          case TAN: return add([over(fn(TAN, u!)), neg(v.x)]);
          case COT: return add([over(neg(fn(COT, u!))), neg(v.x)]);
          case TANH: return add([v.x, over(neg(fn(TANH, u!)))]);
        }
      } else if (m === -2) {
        switch (b.op) {
          case COS: return over(fn(TAN, u!));
          case SIN: return over(neg(fn(COT, u!)));
          case COSH: return over(fn(TANH, u!));
        }
      }
    }
    if (e === MINUS_ONE || e === num(exact(-1, 2))) return quadraticTable(b, e === MINUS_ONE, v, c);
    return null;
  }
  // c^u for a constant base
  if (!dep(b, v)) {
    if (b.kind === NUM && sign(b) <= 0) return null;
    const a = slope(e, v);
    if (a === null) return null;
    return div(f, mul([a, fn(LOG, b)]));
  }
  return null;
}

/**
 * `1/q` and `1/sqrt(q)` for a quadratic q = c0 + c1 x + c2 x^2 with numeric coefficients,
 * through w = x + c1/(2 c2) and the discriminant d = c1^2 - 4 c0 c2.
 */
function quadraticTable(q: Term, reciprocal: boolean, v: Var, c: Ctx): Term | null {
  const cs = quadratic(q, v);
  if (cs === null) return null;
  const [c0, c1, c2] = cs;
  const x = v.x;
  const d = add([mul([c1, c1]), mul([int(-4), c0, c2])]);
  if (!isNum(d)) return null;
  const w = add([x, div(c1, mul([TWO, c2]))]);
  const sd = sign(d);
  if (reciprocal) {
    if (sd < 0) {
      // q = c2 (w^2 + D), D = -d / (4 c2^2): atan(w / sqrt(D)) / (c2 sqrt(D))
      const rootD = pow(div(neg(d), mul([int(4), c2, c2])), HALF);
      return div(fn(ATAN, div(w, rootD)), mul([c2, rootD]));
    }
    if (sd === 0) return neg(div(ONE, mul([c2, w])));
    // q = c2 (x - r1)(x - r2): (log(x - r1) - log(x - r2)) / sqrt(d)
    const root = pow(d, HALF);
    const r1 = div(add([neg(c1), root]), mul([TWO, c2]));
    const r2 = div(add([neg(c1), neg(root)]), mul([TWO, c2]));
    return div(add([ln(add([x, neg(r1)]), c), neg(ln(add([x, neg(r2)]), c))]), root);
  }
  if (sign(c2) < 0) {
    // q = |c2| (R - w^2), R = d / (4 c2^2): asin(w / sqrt(R)) / sqrt(-c2)
    if (sd <= 0) return null;
    const rootR = pow(div(d, mul([int(4), c2, c2])), HALF);
    return div(fn(ASIN, div(w, rootR)), pow(neg(c2), HALF));
  }
  // c2 > 0: log(w + sqrt(q / c2)) / sqrt(c2)
  return div(ln(add([w, pow(div(q, c2), HALF)]), c), pow(c2, HALF));
}

/** Products of the table: `sec(u) tan(u)`, `csc(u) cot(u)`, `exp(u) sin(w)`, `exp(u) cos(w)`. */
function productTable(f: Term, v: Var): Term | null {
  if (f.args.length !== 2) return null;
  const [p, q] = f.args as [Term, Term];
  const pair = (a: Operator, b: Operator): [Term, Term] | null =>
    p.op === a && q.op === b ? [p, q] : p.op === b && q.op === a ? [q, p] : null;
  let m = pair(SEC, TAN);
  if (m !== null && m[0].args[0] === m[1].args[0]) {
    const a = slope(m[0].args[0]!, v);
    return a === null ? null : div(m[0], a);
  }
  m = pair(CSC, COT);
  if (m !== null && m[0].args[0] === m[1].args[0]) {
    const a = slope(m[0].args[0]!, v);
    return a === null ? null : neg(div(m[0], a));
  }
  m = pair(EXP, SIN) ?? pair(EXP, COS);
  if (m !== null) {
    // i-exp-trig: e^u sin(w) = e^u (a sin(w) - b cos(w)) / (a^2 + b^2), cos alike
    const [e, t] = m;
    const w = t.args[0]!;
    const a = slope(e.args[0]!, v), b = slope(w, v);
    if (a === null || b === null) return null;
    const k = pow(add([mul([a, a]), mul([b, b])]), MINUS_ONE);
    const s = mul([k, e, fn(SIN, w)]), co = mul([k, e, fn(COS, w)]);
    return t.op === SIN ? add([mul([a, s]), neg(mul([b, co]))]) : add([mul([a, co]), mul([b, s])]);
  }
  return null;
}

/**
 * `sin(u)^m cos(u)^n` for one linear u: with n odd and positive, substitute s = sin(u); with m
 * odd and positive, c = cos(u); with both even and nonnegative, reduce through
 * `sin(u)^2 = (1 - cos(2u))/2`, `cos(u)^2 = (1 + cos(2u))/2`.
 */
function trigPowers(f: Term, v: Var, c: Ctx): Term | null {
  let u: Term | null = null;
  let m = 0, n = 0;
  for (const g of factorsOf(f)) {
    const [b, e] = baseExp(g);
    const k = intValue(e);
    if ((b.op !== SIN && b.op !== COS) || k === null) return null;
    if (u === null) u = b.args[0]!;
    else if (b.args[0] !== u) return null;
    if (b.op === SIN) m += k;
    else n += k;
  }
  if (u === null || Math.abs(m) + Math.abs(n) > MAX_TRIG_POWER) return null;
  const a = slope(u, v);
  if (a === null) return null;
  const s = freshSymbol(c);
  const sv = variable(c, s);
  const oneMinusSquare = add([ONE, neg(pow(s, TWO))]);
  const viaSymbol = (poly: Term, back: Term): Term | null => {
    const p = expand(poly) ?? poly;
    const r = integ(p, sv, c);
    return r === null ? null : div(subst(r, { [s.name!]: back }), a);
  };
  if (n % 2 !== 0 && n > 0) return viaSymbol(mul([pow(s, int(m)), pow(oneMinusSquare, int((n - 1) / 2))]), fn(SIN, u));
  if (m % 2 !== 0 && m > 0) return viaSymbol(neg(mul([pow(s, int(n)), pow(oneMinusSquare, int((m - 1) / 2))])), fn(COS, u));
  if (m < 0 || n < 0 || m % 2 !== 0 || n % 2 !== 0 || m + n < 2) return null;
  const half = (sgn: Term): Term => add([HALF, mul([sgn, HALF, s])]);
  const poly = mul([pow(half(MINUS_ONE), int(m / 2)), pow(half(ONE), int(n / 2))]);
  const p = expand(poly) ?? poly;
  return integ(subst(p, { [s.name!]: fn(COS, mul([TWO, u])) }), v, c);
}

/** `sin(u) cos(w)`, `sin(u) sin(w)`, `cos(u) cos(w)` for different linear u and w: as sums. */
function productToSum(f: Term, v: Var, c: Ctx): Term | null {
  if (f.op !== MUL || f.args.length !== 2) return null;
  let [p, q] = f.args as [Term, Term];
  if ((p.op !== SIN && p.op !== COS) || (q.op !== SIN && q.op !== COS) || p.args[0] === q.args[0]) return null;
  if (slope(p.args[0]!, v) === null || slope(q.args[0]!, v) === null) return null;
  if (p.op === COS && q.op === SIN) [p, q] = [q, p];
  const A = p.args[0]!, B = q.args[0]!;
  const plus = add([A, B]);
  // A - B, or B - A when A - B reads negative (sin is odd, cos even): sin(-x) is -sin(x).
  let minus = add([A, neg(B)]), odd: Term = ONE;
  if (readsNegative(minus)) [minus, odd] = [neg(minus), MINUS_ONE];
  let sum: Term;
  if (p.op === SIN && q.op === COS) sum = add([fn(SIN, plus), mul([odd, fn(SIN, minus)])]);
  else if (p.op === SIN) sum = add([fn(COS, minus), neg(fn(COS, plus))]);
  else sum = add([fn(COS, minus), fn(COS, plus)]);
  return integ(mul([HALF, sum]), v, c);
}

/** Whether a canonical term has a negative leading coefficient (`-x`, `-2 + -3 x`). */
function readsNegative(t: Term): boolean {
  if (t.kind === NUM) return sign(t) < 0;
  if (t.op === MUL) return t.args[0]!.kind === NUM && sign(t.args[0]!) < 0;
  if (t.op === ADD) return t.args.every(readsNegative);
  return false;
}

/** Subterms of f that depend on x (not x, not f), largest first. */
function candidates(f: Term, v: Var): Term[] {
  const seen = new Set<Term>();
  const stack: Term[] = [...f.args];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.kind !== CALL || seen.has(t) || !dep(t, v)) continue;
    seen.add(t);
    for (const a of t.args) stack.push(a);
  }
  return [...seen].sort((p, q) => q.size - p.size || p.id - q.id).slice(0, MAX_CANDIDATES);
}

/** i-subst: for a subterm g with f / g' a function of g alone, integrate that in g. */
function substitution(f: Term, v: Var, c: Ctx): Term | null {
  if (c.subs <= 0) return null;
  for (const g of candidates(f, v)) {
    const dg = diff(g, v.x);
    if (dg === ZERO) continue;
    const h = div(f, dg);
    const u = freshSymbol(c);
    const hu = subst(h, new Map([[g, u]]));
    if (dep(hu, v)) continue;
    const r = integrateSubstituted(hu, u, g, c);
    if (r !== null) return r;
  }
  return null;
}

/**
 * The integral of `h` in the fresh symbol `u` (one substitution deeper), with u replaced
 * back by `g`; null when h does not integrate.
 */
function integrateSubstituted(h: Term, u: Term, g: Term, c: Ctx): Term | null {
  c.subs--;
  let r: Term | null;
  try {
    r = integ(h, variable(c, u), c);
  } finally {
    c.subs++;
  }
  return r === null ? null : subst(r, { [u.name!]: g });
}

/** i-expand: distribute, then integrate the sum. */
function expanded(f: Term, v: Var, c: Ctx): Term | null {
  const e = expand(f);
  return e === null || e === f ? null : integ(e, v, c);
}

/** i-linear-subst: x = (t - b)/a for a linear subterm a x + b of f with b not 0. */
function linearSubstitution(f: Term, v: Var, c: Ctx): Term | null {
  if (c.subs <= 0 || f.op !== MUL) return null;
  for (const g of candidates(f, v)) {
    if (g.op !== ADD) continue;
    const a = slope(g, v);
    if (a === null) continue;
    const b = subst(g, { [v.name]: ZERO });
    if (b === ZERO) continue;
    const t = freshSymbol(c);
    const h = div(subst(f, { [v.name]: div(add([t, neg(b)]), a) }), a);
    const r = integrateSubstituted(h, t, g, c);
    if (r !== null) return r;
  }
  return null;
}

function isLogOrInverse(g: Term, v: Var): boolean {
  const [b, e] = baseExp(g);
  const k = intValue(e);
  return k !== null && k >= 1 && (b.op === LOG || b.op === ATAN || b.op === ASIN || b.op === ACOS) && dep(b, v);
}

/**
 * i-parts: `∫ u dv = u v - ∫ v du`, u the logarithmic and inverse trigonometric factors, or
 * else the polynomial ones; dv the rest.
 */
function byParts(f: Term, v: Var, c: Ctx): Term | null {
  if (c.parts <= 0) return null;
  const fs = factorsOf(f);
  let us = fs.filter((g) => isLogOrInverse(g, v));
  if (us.length === 0) {
    us = fs.filter((g) => isPolynomial(g, v));
    if (us.length === fs.length) return null;
  }
  if (us.length === 0) return null;
  const u = mul(us);
  const dv = mul(fs.filter((g) => !us.includes(g)));
  c.parts--;
  try {
    const V = integ(dv, v, c);
    if (V === null) return null;
    const uv = mul([u, V]);
    const g = mul([V, diff(u, v.x)]);
    const ratio = div(g, f);
    if (!dep(ratio, v)) {
      const k = add([ONE, ratio]);
      return k === ZERO ? null : div(uv, k);
    }
    const G = integ(g, v, c);
    return G === null ? null : add([uv, neg(G)]);
  } finally {
    c.parts++;
  }
}
