/**
 * The calculus rule families of the default simplifier: unevaluated derivatives and integrals
 * evaluated when they can be. Both theories are dynamic rules (`rule(name, lhs, fn)`), so the
 * same objects run in the classical rewriter (`postwalk(derivativeTheory)`) and in the e-graph.
 *
 * - `derivative-evaluate`: `Derivative(e, x, n)` (x a symbol, n a positive integer) is
 *   `diff(e, x, n)`. What diff leaves unevaluated is already a normal form (`Derivative(f(x),
 *   x, 1)` of an undefined function stays as it is).
 * - `integral-indefinite`: `Integral(e, x)` is an antiderivative from `integrate` (`log(u)`
 *   for `1/u`). When only some terms of a sum integrate, those are integrated and the rest
 *   stays under one `Integral`, with its factors free of x taken out
 *   (`Integral(x + 2 f(x), x)` is `x^2/2 + 2 Integral(f(x), x)`).
 * - `integral-definite`: `Integral(e, x, a, b)` is `F(b) - F(a)` with F from `integrate` in
 *   its `logAbs` form (`log(abs(u))`, so `1/x` integrates correctly over negative intervals),
 *   and `abs` of a number with a known sign dropped. When a and b are numbers, e is first
 *   checked numerically on the interval (other symbols at two sets of sample values): the
 *   rule declines when e is not finite at a sample point, when a denominator (the base of a
 *   negative power, the cosine under tan and sec, the sine under cot and csc, the argument of
 *   log) changes sign or nearly vanishes inside, or when F is not finite at an end or does not
 *   tend to its value there (divergent integrals such as `Integral(1/x, x, -1, 1)` and
 *   `Integral(tan(x), x, 0, pi/2)` stay). With symbolic limits, or parameters whose sample
 *   values miss a singularity, the result holds for generic values, as SymPy's does.
 *
 * Every rule respects the active rewrite budget (`activeBudget()`): derivatives of high order
 * and integrations give up (no change) when its time runs out.
 *
 * @example postwalk(derivativeTheory)(parse('Derivative(x^3, x, 2)')) // 6*x
 * @example postwalk(integralTheory)(parse('Integral(x*cos(x), x)')) // x*sin(x) + cos(x)
 * @example postwalk(integralTheory)(parse('Integral(x^2, x, 0, 3)')) // 9
 */
import { NUM, SYM, type Term } from '../../term/term.js';
import * as N from '../../term/number.js';
import { add, mul, apply, ZERO, MINUS_ONE } from '../../term/canonical.js';
import { ABS, COS, COT, CSC, DERIVATIVE, INTEGRAL, LOG, POW, SEC, SIN, TAN } from '../../term/operators.js';
import { termOps } from '../../term/interface.js';
import { diff } from '../../term/diff.js';
import { subst } from '../../term/subst.js';
import { evaluate } from '../../term/evaluate.js';
import { freeSymbolsWith } from '../../term/free.js';
import { rule } from '../rule.js';
import { theory, type Theory } from '../theory.js';
import { activeBudget } from '../budget.js';
import { integrateTerms } from './integrate.js';
import { distinctCalls } from './calls.js';

/** Limits of `derivative-evaluate`. */
export const DERIVATIVE_LIMITS = Object.freeze({
  /** Highest order differentiated step by step; a higher order is evaluated only if the derivative reaches 0 by then. */
  maxOrder: 1_000,
  /** Largest derivative (tree size) kept; a larger one leaves the `Derivative` as it is. */
  maxSize: 200_000,
});

/** Sample points of the numeric check of a definite integral. */
const SAMPLES = 256;

/**
 * `Derivative(e, x, n)` evaluated with `diff`, or null when it stays as it is (x not a
 * symbol, n not a positive integer, diff gives the same term, or a limit was reached).
 * @example evaluateDerivative(parse('Derivative(sin(x), x, 2)')) // -sin(x)
 * @example evaluateDerivative(parse('Derivative(f(x), x, 1)')) // null
 */
export function evaluateDerivative(t: Term): Term | null {
  if (t.op !== DERIVATIVE) return null;
  const [e, x, n] = t.args as [Term, Term, Term];
  return derivativeOf(e, x, n);
}

/**
 * The n-th derivative of e with respect to x for `Derivative(e, x, n)`, or null when it stays.
 * @example derivativeOf(parse('x^3'), sym('x'), int(2)) // 6*x
 */
export function derivativeOf(e: Term, x: Term, n: Term): Term | null {
  if (x.kind !== SYM || n.kind !== NUM || !N.isInteger(n.value!) || N.sign(n.value!) <= 0) return null;
  const order = n.value!.n;
  const budget = activeBudget();
  let r = e;
  for (let i = 1n; i <= order; i++) {
    if (budget !== null && !budget.checkTime()) return null;
    r = diff(r, x);
    if (r === ZERO) break;
    if (r.size > DERIVATIVE_LIMITS.maxSize) return null;
    if (i >= BigInt(DERIVATIVE_LIMITS.maxOrder) && i < order) return null;
  }
  return r === apply(DERIVATIVE, [e, x, n]) ? null : r;
}

/** Whether a term has no free symbol. */
function closed(t: Term): boolean {
  return freeSymbolsWith(termOps, t).size === 0;
}

/** The float value of a closed term, or null (undefined functions, unknown values). */
function value(t: Term): number | null {
  try {
    return evaluate(t);
  } catch {
    return null;
  }
}

/** Replaces `abs(c)` for a closed c of known sign by c or -c. */
function dropAbs(t: Term): Term {
  const map = new Map<Term, Term>();
  for (const u of distinctCalls(t)) {
    if (u.op === ABS && closed(u.args[0]!)) {
      const v = value(u.args[0]!);
      if (v !== null && Number.isFinite(v) && v !== 0) {
        map.set(u, v > 0 ? u.args[0]! : mul([MINUS_ONE, u.args[0]!]));
      }
    }
  }
  return map.size === 0 ? t : subst(t, map);
}

/** Denominators of `e`: where e is singular when they vanish. */
function denominators(e: Term): Term[] {
  const out: Term[] = [];
  for (const u of distinctCalls(e)) {
    const a = u.args[0];
    if (u.op === POW && u.args[1]!.kind === NUM && N.sign(u.args[1]!.value!) < 0) out.push(a!);
    else if (u.op === TAN || u.op === SEC) out.push(apply(COS, [a!]));
    else if (u.op === COT || u.op === CSC) out.push(apply(SIN, [a!]));
    else if (u.op === LOG) out.push(u.args[u.args.length - 1]!);
  }
  return out;
}

/** Values given to the symbols other than x in the numeric check (two sets). */
const PARAMETER_VALUES = [0.5813, 1.3717];

/**
 * Whether `F(b) - F(a)` may stand for `Integral(e, x, a, b)`: true unless a and b are
 * numbers and the numeric check finds a singularity for one of two sets of values of the
 * other symbols: e not finite at a sample point of (a, b), a denominator changing sign or
 * (nearly) vanishing inside, or F not finite at an end or not tending to its value there
 * (`-log(cos(x))` at pi/2).
 */
function regularOn(e: Term, F: Term, x: Term, a: Term, b: Term): boolean {
  if (!closed(a) || !closed(b)) return true;
  const lo = value(a), hi = value(b);
  if (lo === null || hi === null) return true;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return false;
  if (lo === hi) return true;
  const names = freeSymbolsWith(termOps, add([e, F]));
  names.delete(x.name!);
  const sets = names.size === 0 ? [0] : PARAMETER_VALUES;
  return sets.every((p) => regularWith(e, F, x.name!, [a, b], [lo, hi], Object.fromEntries([...names].map((n) => [n, p]))));
}

function regularWith(
  e: Term, F: Term, x: string, limits: readonly [Term, Term], [lo, hi]: readonly [number, number], env: Record<string, number>,
): boolean {
  const at = (t: Term, p: number): number | null => {
    try {
      return evaluate(t, { ...env, [x]: p });
    } catch {
      return null;
    }
  };
  const points: number[] = [];
  for (let i = 0; i < SAMPLES; i++) points.push(lo + ((hi - lo) * (i + 0.5)) / SAMPLES);
  for (const p of points) {
    const v = at(e, p);
    if (v === null) return true; // e cannot be evaluated (undefined functions): no check
    if (!Number.isFinite(v)) return false;
  }
  for (const d of denominators(e)) {
    const vs = points.map((p) => at(d, p));
    if (vs.some((v) => v === null || !Number.isFinite(v))) return false;
    const ys = vs as number[];
    const scale = Math.max(...ys.map(Math.abs));
    if (scale === 0) return false;
    for (let i = 0; i < ys.length; i++) {
      const y = ys[i]!;
      if (Math.abs(y) <= 1e-12 * scale) return false;
      if (i > 0 && Math.sign(y) !== Math.sign(ys[i - 1]!)) return false;
      // A local minimum of |y| whose parabola through three samples reaches 0: a double root.
      if (i > 0 && i + 1 < ys.length) {
        const y0 = Math.abs(ys[i - 1]!), y1 = Math.abs(y), y2 = Math.abs(ys[i + 1]!);
        const curve = y2 - 2 * y1 + y0;
        if (y1 <= y0 && y1 <= y2 && curve > 0 && y1 - (y2 - y0) ** 2 / (8 * curve) <= 1e-9 * scale) return false;
      }
    }
  }
  // F at each end: finite, and the limit from inside the interval.
  const ends: [number, number][] = [[lo, hi - lo], [hi, lo - hi]];
  const values: number[] = [];
  for (const limit of limits) {
    // F at the exact limit (canonical arithmetic takes 0 log(0) as 0, floats as NaN).
    let v: number | null;
    try {
      v = evaluate(subst(F, { [x]: limit }), env);
    } catch {
      v = null;
    }
    if (v === null) return true;
    if (!Number.isFinite(v)) return false;
    values.push(v);
  }
  const tolerance = 1e-4 * (1 + Math.abs(values[0]!) + Math.abs(values[1]!));
  for (let k = 0; k < 2; k++) {
    const [p, toward] = ends[k]!;
    const near = at(F, p + toward * 1e-9);
    if (near === null || !Number.isFinite(near) || Math.abs(near - values[k]!) > tolerance) return false;
  }
  return true;
}

/**
 * `Integral(e, x)` or `Integral(e, x, a, b)` evaluated as far as `integrate` goes, or null.
 * @example evaluateIntegral(parse('Integral(1/x, x, 1, 2)')) // log(2)
 * @example evaluateIntegral(parse('Integral(1/x, x, -1, 1)')) // null
 */
export function evaluateIntegral(t: Term): Term | null {
  if (t.op !== INTEGRAL || (t.args.length !== 2 && t.args.length !== 4)) return null;
  const [e, x, a, b] = t.args as [Term, Term, Term?, Term?];
  return integralOf(e, x, a !== undefined && b !== undefined ? [a, b] : null);
}

/**
 * `Integral(e, x)` (limits null) or `Integral(e, x, a, b)` evaluated, or null.
 * @example integralOf(parse('x'), sym('x'), [int(0), int(2)]) // 2
 */
export function integralOf(e: Term, x: Term, limits: readonly [Term, Term] | null): Term | null {
  if (x.kind !== SYM) return null;
  const definite = limits !== null;
  const r = integrateTerms(e, x, { logAbs: definite });
  if (r === null) return null;
  const { known, rest, factor } = r;
  if (!definite) return rest === null ? known : add([known, mul([factor, apply(INTEGRAL, [rest, x])])]);
  const [a, b] = limits;
  const done = rest === null ? e : add([e, mul([MINUS_ONE, factor, rest])]);
  if (!regularOn(done, known, x, a, b)) return null;
  const at = (p: Term): Term => subst(known, { [x.name!]: p });
  const difference = dropAbs(add([at(b), mul([MINUS_ONE, at(a)])]));
  if (closed(difference)) {
    const v = value(difference);
    if (v !== null && !Number.isFinite(v)) return null;
  }
  return rest === null ? difference : add([difference, mul([factor, apply(INTEGRAL, [rest, x, a, b])])]);
}

/**
 * Evaluates unevaluated derivatives.
 * @example derivativeTheory.rules.map((r) => r.name) // ['derivative-evaluate']
 */
export const derivativeTheory: Theory = theory('derivative', [
  rule('derivative-evaluate', 'Derivative(~e, ~x::isSymbol, ~n::isInteger)', (s) => derivativeOf(s.term('e'), s.term('x'), s.term('n'))),
]);

/**
 * Evaluates indefinite and definite integrals.
 * @example integralTheory.rules.map((r) => r.name) // ['integral-indefinite', 'integral-definite']
 */
export const integralTheory: Theory = theory('integral', [
  rule('integral-indefinite', 'Integral(~e, ~x::isSymbol)', (s) => integralOf(s.term('e'), s.term('x'), null)),
  rule('integral-definite', 'Integral(~e, ~x::isSymbol, ~a, ~b)', (s) => integralOf(s.term('e'), s.term('x'), [s.term('a'), s.term('b')])),
]);
