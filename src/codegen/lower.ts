/**
 * Lowering: terms (any representation, read through `TermOps`) to the kernel IR.
 *
 * - Common subexpressions: a subterm reached twice (the same object: hash-consed terms are
 *   the interned DAG) is lowered once, and the IR builder numbers values, so equal
 *   computations are shared across the whole term and across the outputs of one kernel.
 * - Constants fold: a call whose arguments are constants is computed at compile time with
 *   the float function `evaluate` uses (`sin(2)`, `pi`, `2^(1/3)`).
 * - Sums and products: `a + (-1)*b` is `a - b`; the factors `b^-n` of a product are
 *   collected into one denominator, so `x*y^-1*z^-2` is `x/(y*z*z)` (one division).
 * - Powers with constant exponents: integer exponents up to `MAX_EXPANDED_POWER` become
 *   multiplications by square-and-multiply (`x^8` is three), negative ones one division of
 *   those (`x^-3` is `1/(x*x*x)`), half-integers a square root times a power (`x^(3/2)` is
 *   `x*sqrt(x)`); any other exponent calls `Math.pow`.
 * - Functions: `Math`'s (`sin`, `exp`, `log`, ...), `sec`/`csc`/`cot` as `1/cos`, `1/sin`,
 *   `1/tan` and `log(b, x)` as `log(x)/log(b)` (the formulas of `evaluate`); any other
 *   operator with a float function (`factorial`) is called through it.
 *
 * Unsupported input is an `EquateError` with a one-line message: a free symbol that is not
 * an argument, an undefined function `f(x)` or its derivative, an unevaluated `Derivative`
 * or `Integral`, an operator without a numeric value.
 *
 * @example
 * const p = lowerWith(termOps, [parse('x^8 + sin(x)')], ['x']);
 * countOperations(p) // { mul: 3, sin: 1, add: 1 }
 */
import type { TermOps } from '../term/interface.js';
import type { Operator } from '../term/operator.js';
import * as N from '../term/number.js';
import * as O from '../term/operators.js';
import { EquateError } from '../term/errors.js';
import { foldWith } from '../term/fold.js';
import { K, M, ProgramBuilder, type Program } from './ir.js';

/** Largest integer exponent (in absolute value) expanded into multiplications; beyond it `Math.pow`. */
export const MAX_EXPANDED_POWER = 16;

/** Operators that lower to one `Math` function of the same name. */
const MATH_OPS: ReadonlyMap<Operator, number> = new Map([
  [O.SIN, M.sin], [O.COS, M.cos], [O.TAN, M.tan], [O.EXP, M.exp], [O.ASIN, M.asin], [O.ACOS, M.acos],
  [O.ATAN, M.atan], [O.SINH, M.sinh], [O.COSH, M.cosh], [O.TANH, M.tanh],
]);

/** Reciprocal trigonometric functions: 1 over a `Math` function. */
const RECIPROCALS: ReadonlyMap<Operator, number> = new Map([[O.SEC, M.cos], [O.CSC, M.sin], [O.COT, M.tan]]);

/** Relations by operator: the index in `RELATIONS`. */
const RELATION_INDEX: ReadonlyMap<Operator, number> = new Map([
  [O.LT, 0], [O.LE, 1], [O.GT, 2], [O.GE, 3], [O.EQ, 4], [O.NE, 5],
]);

/** The reason `op` cannot be compiled, or null. */
function unsupported(op: Operator): string | null {
  switch (op.kind) {
    case 'undefined': return `the undefined function ${op.name} has no numeric definition (substitute it first)`;
    case 'derived': return `the derivative ${op.name} of an undefined function has no numeric definition`;
    case 'calculus': return `an unevaluated ${op.name === O.DERIVATIVE.name ? 'derivative' : 'integral'} (${op.name}) has no numeric value`;
  }
  if (op.float === undefined) return `${op.name} has no numeric value`;
  return null;
}

/**
 * The IR program computing `terms` (one output each) as functions of the symbols `args`.
 * @example lowerWith(termOps, [parse('x*y')], ['x', 'y']).instrs.length // 3
 */
export function lowerWith<T>(ops: TermOps<T>, terms: readonly T[], args: readonly string[]): Program {
  const index = new Map<string, number>();
  args.forEach((a, i) => index.set(a, i));
  const b = new ProgramBuilder(args.length);
  const memo = new Map<T, number>();
  const folder = {
    enter: (t: T): number | undefined => {
      if (ops.isNumber(t)) return b.const(N.toFloat(ops.numberValue(t)));
      if (ops.isSymbol(t)) {
        const name = ops.symbolName(t);
        const i = index.get(name);
        if (i === undefined) {
          const known = args.length === 0 ? 'there are no arguments' : `the arguments are ${args.join(', ')}`;
          throw new EquateError(`compile: the symbol ${name} is not an argument (${known})`);
        }
        return b.arg(i);
      }
      const op = ops.operation(t);
      const why = unsupported(op);
      if (why !== null) throw new EquateError(`compile: ${why}`);
      if (op.kind === 'constant') return b.const(op.float!());
      return undefined;
    },
    exit: (t: T, rs: readonly number[], start: number): number => {
      const op = ops.operation(t);
      const n = rs.length - start;
      const r = (i: number): number => rs[start + i]!;
      switch (op) {
        case O.ADD: {
          let acc = r(0);
          for (let i = 1; i < n; i++) acc = b.add(acc, r(i));
          return acc;
        }
        case O.MUL: return product(b, rs.slice(start));
        case O.SUB: return b.sub(r(0), r(1));
        case O.NEG: return b.neg(r(0));
        case O.DIV: return product(b, [r(0), b.div(b.const(1), r(1))]);
        case O.POW: {
          const e = ops.args(t)[1]!;
          return ops.isNumber(e) ? power(b, r(0), ops.numberValue(e)) : b.math(M.pow, [r(0), r(1)]);
        }
        case O.SQRT: return b.sqrt(r(0));
        case O.ABS: return b.abs(r(0));
        case O.LOG: return n === 1 ? b.math(M.log, [r(0)]) : b.div(b.math(M.log, [r(1)]), b.math(M.log, [r(0)]));
      }
      const m = MATH_OPS.get(op);
      if (m !== undefined) return b.math(m, [r(0)]);
      const inv = RECIPROCALS.get(op);
      if (inv !== undefined) return b.div(b.const(1), b.math(inv, [r(0)]));
      const rel = RELATION_INDEX.get(op);
      if (rel !== undefined) return b.cmp(rel, r(0), r(1));
      return b.extern(op, rs.slice(start));
    },
  };
  const outputs = terms.map((t) => foldWith(ops, t, folder, memo));
  return b.finish(outputs);
}

/**
 * The product of `factors` (left to right), with the factors that are reciprocals `1/d`
 * collected into one denominator.
 */
function product(b: ProgramBuilder, factors: readonly number[]): number {
  let num = -1, den = -1;
  for (const f of factors) {
    const i = b.instr(f);
    if (i.kind === K.DIV && b.isConstant(i.args[0]!, 1)) den = den < 0 ? i.args[1]! : b.mul(den, i.args[1]!);
    else num = num < 0 ? f : b.mul(num, f);
  }
  if (den < 0) return num;
  return b.div(num < 0 ? b.const(1) : num, den);
}

/** `x^n` for a whole number n >= 1 by square-and-multiply. */
function powInt(b: ProgramBuilder, x: number, n: number): number {
  let result = -1, base = x;
  for (;;) {
    if (n & 1) result = result < 0 ? base : b.mul(result, base);
    n >>>= 1;
    if (n === 0) return result;
    base = b.mul(base, base);
  }
}

/** `x^e` for a constant exponent. */
function power(b: ProgramBuilder, x: number, e: N.Value): number {
  const ef = N.toFloat(e);
  const ix = b.instr(x);
  if (ix.kind === K.CONST) return b.const(Math.pow(ix.value, ef));
  if (Number.isInteger(ef) && Math.abs(ef) <= MAX_EXPANDED_POWER) {
    if (ef === 0) return b.const(1);
    const p = powInt(b, x, Math.abs(ef));
    return ef < 0 ? b.div(b.const(1), p) : p;
  }
  const twice = 2 * ef;
  if (N.isExact(e) && Number.isInteger(twice) && Math.abs(ef) <= MAX_EXPANDED_POWER) {
    // n + 1/2: x^n * sqrt(x).
    const whole = Math.floor(Math.abs(ef));
    const root = b.sqrt(x);
    const p = whole === 0 ? root : b.mul(powInt(b, x, whole), root);
    return ef < 0 ? b.div(b.const(1), p) : p;
  }
  return b.math(M.pow, [x, b.const(ef)]);
}
