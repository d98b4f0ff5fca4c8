/**
 * Symbolic differentiation through the term interface. Every operator brings its partial
 * derivatives (`Operator.derivative`); `diffWith` applies the chain rule over them, so sums,
 * products, powers and functions need no special cases, and builds the result with
 * `ops.makeTerm` (canonical with `termOps`: `diff(x^3, x)` is `3*x^2`).
 *
 * - Undefined functions: `d/dx f(u1..un)` is the sum over i of `(∂_i f)(u) * du_i/dx`, where
 *   `∂_i f` at u is `Derivative(f(u), u_i, 1)` when the arguments are distinct symbols (as in
 *   SymPy: `diff(f(x), x)` is `Derivative(f(x), x, 1)`), and the derived function
 *   `D[i](f)` applied to u otherwise (`d/dx f(g(x))` is `D[1](f)(g(x)) * Derivative(g(x), x, 1)`).
 * - `Derivative(g, x, n)` differentiates to `Derivative(g, x, n + 1)`, and with respect to
 *   another variable y to `Derivative(Derivative(g, x, n), y, 1)`.
 * - `Integral(g, x)` differentiates to g; with respect to y, to `Integral(dg/dy, x)`. A
 *   definite integral follows Leibniz's rule.
 * - An operator without a derivative rule (factorial) gives `Derivative(t, x, 1)`.
 * - An equation or relation is differentiated side by side.
 */
import type { Term } from './term.js';
import { sym } from './term.js';
import { termOps, builder, type TermOps } from './interface.js';
import { derivedFn } from './operator.js';
import * as N from './number.js';
import { exact } from './number.js';
import { ADD, MUL, DERIVATIVE, INTEGRAL } from './operators.js';
import { EquateError } from './errors.js';
import { foldWith } from './fold.js';
import { hasFreeSymbolWith } from './free.js';
import { substWith } from './subst.js';
import { printWith } from './print.js';

function isValue<T>(ops: TermOps<T>, t: T, test: (v: N.Value) => boolean): boolean {
  return ops.isNumber(t) && !ops.isCall(t) && !ops.isSymbol(t) && test(ops.numberValue(t));
}

/** Whether the arguments are symbols with distinct names. */
function distinctSymbols<T>(ops: TermOps<T>, args: readonly T[]): boolean {
  const seen = new Set<string>();
  for (const a of args) {
    if (!ops.isSymbol(a)) return false;
    const name = ops.symbolName(a);
    if (seen.has(name)) return false;
    seen.add(name);
  }
  return true;
}

/** One derivative with respect to the symbol `x`. */
function derivative<T>(ops: TermOps<T>, t: T, x: T): T {
  const name = ops.symbolName(x);
  const b = builder(ops, t);
  const zero = ops.makeNumber(exact(0));
  const one = ops.makeNumber(exact(1));
  const dependence = new Map<T, boolean>();
  const depends = (u: T): boolean => dependence.get(u) ?? hasFreeSymbolWith(ops, u, name, dependence);
  depends(t); // one walk fills `dependence` for every call of t
  const isZero = (u: T): boolean => isValue(ops, u, N.isZero);
  const isOne = (u: T): boolean => isValue(ops, u, N.isOne);
  const times = (u: T, v: T): T => (isOne(u) ? v : isOne(v) ? u : ops.makeTerm(t, MUL, [u, v]));
  const sum = (terms: T[]): T => (terms.length === 0 ? zero : terms.length === 1 ? terms[0]! : ops.makeTerm(t, ADD, terms));
  const isX = (u: T): boolean => ops.isSymbol(u) && ops.symbolName(u) === name;
  const unevaluated = (u: T): T => ops.makeTerm(t, DERIVATIVE, [u, x, one]);
  const plusOne = (n: T): T => {
    if (ops.isNumber(n) && !ops.isCall(n)) {
      const m = N.add(ops.numberValue(n), exact(1));
      if (m !== undefined) return ops.makeNumber(m);
    }
    return ops.makeTerm(t, ADD, [n, one]);
  };
  /** Sum over the arguments of (partial i) * (d arg_i / dx), skipping arguments that do not vary. */
  const chain = (rs: readonly T[], start: number, n: number, partial: (i: number) => T): T => {
    const terms: T[] = [];
    for (let i = 0; i < n; i++) {
      const d = rs[start + i]!;
      if (!isZero(d)) terms.push(times(partial(i), d));
    }
    return sum(terms);
  };

  return foldWith<T, T>(ops, t, {
    enter: (u) => {
      if (ops.isSymbol(u)) return isX(u) ? one : zero;
      if (!ops.isCall(u)) return zero;
      if (!depends(u)) return zero;
      const op = ops.operation(u);
      if (op === DERIVATIVE) {
        const [g, v, n] = ops.args(u) as [T, T, T];
        if (!isX(v)) return unevaluated(u);
        return depends(g) ? ops.makeTerm(t, DERIVATIVE, [g, v, plusOne(n)]) : zero;
      }
      if (op === INTEGRAL) {
        const args = ops.args(u);
        if (args.length === 2 && isX(args[1]!)) return args[0]!;
      }
      return undefined;
    },
    exit: (u, rs, start) => {
      const op = ops.operation(u);
      const args = ops.args(u);
      const n = args.length;
      if (op.kind === 'relation') return ops.makeTerm(t, op, [rs[start]!, rs[start + 1]!]);
      if (op === INTEGRAL) return integral(ops, t, args, rs, start, { isZero, isX, times, sum, zero });
      if (op.kind === 'undefined') {
        if (distinctSymbols(ops, args)) return chain(rs, start, n, (i) => ops.makeTerm(t, DERIVATIVE, [u, args[i]!, one]));
        return chain(rs, start, n, (i) => ops.makeTerm(t, derivedFn(op, [i + 1]), args));
      }
      if (op.kind === 'derived') {
        const base = op.base!, indices = op.indices!;
        return chain(rs, start, n, (i) => ops.makeTerm(t, derivedFn(base, [...indices, i + 1]), args));
      }
      const rule = op.derivative;
      if (rule === undefined) return unevaluated(u);
      return chain(rs, start, n, (i) => rule(b, args, i));
    },
  });
}

interface Helpers<T> {
  isZero(u: T): boolean;
  isX(u: T): boolean;
  times(u: T, v: T): T;
  sum(terms: T[]): T;
  zero: T;
}

/**
 * d/dx of `Integral(g, v)` (v is not x) or `Integral(g, v, a, b)` (Leibniz's rule:
 * g(b) b' - g(a) a' + Integral(dg/dx, v, a, b), the last term only when v is not x).
 */
function integral<T>(ops: TermOps<T>, like: T, args: readonly T[], rs: readonly T[], start: number, h: Helpers<T>): T {
  const [g, v] = args as [T, T];
  const dg = rs[start]!;
  if (args.length === 2) return h.isZero(dg) ? h.zero : ops.makeTerm(like, INTEGRAL, [dg, v]);
  const [, , lo, hi] = args as [T, T, T, T];
  const terms: T[] = [];
  if (!h.isX(v) && !h.isZero(dg)) terms.push(ops.makeTerm(like, INTEGRAL, [dg, v, lo, hi]));
  const at = (p: T): T => (ops.isSymbol(v) ? substWith(ops, g, new Map([[ops.symbolName(v), p]])) : g);
  const dhi = rs[start + 3]!, dlo = rs[start + 2]!;
  if (!h.isZero(dhi)) terms.push(h.times(at(hi), dhi));
  if (!h.isZero(dlo)) terms.push(ops.makeTerm(like, MUL, [ops.makeNumber(exact(-1)), at(lo), dlo]));
  return h.sum(terms);
}

/**
 * The `n`-th derivative of `t` with respect to the symbol `x`, for any term representation
 * (symbols are told apart by name).
 * @example diffWith(termOps, parse('sin(x^2)'), sym('x')) // 2*x*cos(x^2)
 */
export function diffWith<T>(ops: TermOps<T>, t: T, x: T, n = 1): T {
  if (!ops.isSymbol(x)) throw new EquateError(`cannot differentiate with respect to ${printWith(ops, x)}: not a symbol`);
  if (!Number.isSafeInteger(n) || n < 0) throw new EquateError(`the order of a derivative must be a whole number, got ${String(n)}`);
  let r = t;
  for (let i = 0; i < n; i++) r = derivative(ops, r, x);
  return r;
}

/**
 * The `n`-th derivative (default: the first) of `t` with respect to the symbol `x` (a symbol
 * term or its name), in canonical form.
 * @example diff(parse('x^3'), sym('x')) // 3*x^2
 * @example diff(parse('f(x)'), 'x') // Derivative(f(x), x, 1)
 */
export function diff(t: Term, x: Term | string, n = 1): Term {
  return diffWith(termOps, t, typeof x === 'string' ? sym(x) : x, n);
}
