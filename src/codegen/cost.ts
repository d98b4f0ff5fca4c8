/**
 * The CPU cost model of kernels, as an e-graph cost function: what an expression costs once
 * lowered (`lower.ts`), in approximate cycles of a current x86-64 or ARM core. It differs
 * from the operators' own `cost` field where lowering does: an n-ary sum or product is n - 1
 * operations, `x^3` is two multiplications, `x^-2` a multiplication and a division,
 * `x^(1/2)` a square root, and only other powers pay for `Math.pow`.
 *
 * @example
 * egraphSimplify(t, defaultTheory, { ops: termOps, mode: 'canonical', cost: cpuCost }).term
 */
import type { CostFunction } from '../egraph/extract.js';
import { classConstant } from '../egraph/constant-folding.js';
import * as N from '../term/number.js';
import * as O from '../term/operators.js';
import type { Operator } from '../term/operator.js';
import { MAX_EXPANDED_POWER } from './lower.js';

/** Cycles per operation (defaults; a rough latency-and-throughput mix). */
export const CPU_COSTS = {
  add: 1, mul: 1, div: 8, sqrt: 10, neg: 1, abs: 1, compare: 1,
  exp: 20, log: 20, sin: 25, cos: 25, tan: 40, pow: 60,
  /** Any other function (asin, sinh, factorial, ...). */
  other: 40,
} as const;

const FUNCTION_COSTS: ReadonlyMap<Operator, number> = new Map([
  [O.EXP, CPU_COSTS.exp], [O.LOG, CPU_COSTS.log], [O.SIN, CPU_COSTS.sin], [O.COS, CPU_COSTS.cos], [O.TAN, CPU_COSTS.tan],
  [O.SEC, CPU_COSTS.cos + CPU_COSTS.div], [O.CSC, CPU_COSTS.sin + CPU_COSTS.div], [O.COT, CPU_COSTS.tan + CPU_COSTS.div],
  [O.SQRT, CPU_COSTS.sqrt], [O.ABS, CPU_COSTS.abs], [O.NEG, CPU_COSTS.neg], [O.DIV, CPU_COSTS.div],
]);

/** Multiplications of square-and-multiply for x^n, n >= 1. */
function multiplications(n: number): number {
  let squarings = -1, ones = 0;
  for (let m = n; m > 0; m >>>= 1) {
    squarings++;
    ones += m & 1;
  }
  return squarings + ones - 1;
}

/**
 * The cost of `x^e` beyond its arguments, for a constant exponent (null: not constant).
 * @example powerCost(exact(3)) // 2
 */
export function powerCost(e: N.Value | null): number {
  if (e === null) return CPU_COSTS.pow;
  const f = N.toFloat(e);
  const a = Math.abs(f);
  if (a > MAX_EXPANDED_POWER) return CPU_COSTS.pow;
  const reciprocal = f < 0 ? CPU_COSTS.div : 0;
  if (Number.isInteger(f)) return f === 0 ? 0 : multiplications(a) * CPU_COSTS.mul + reciprocal;
  if (N.isExact(e) && Number.isInteger(2 * f)) {
    const whole = Math.floor(a);
    return CPU_COSTS.sqrt + (whole === 0 ? 0 : (multiplications(whole) + 1) * CPU_COSTS.mul) + reciprocal;
  }
  return CPU_COSTS.pow;
}

/**
 * The CPU cost of an e-node plus its children's costs (leaves and constants cost 0).
 * @example extract(egraph, root, { cost: cpuCost }).term
 */
export const cpuCost: CostFunction = (eg, node, costs) => {
  let s = 0;
  for (let i = 0; i < costs.length; i++) s += costs[i]!;
  const op = eg.nodeOperator(node);
  if (op === null || op.kind === 'constant') return s;
  const n = costs.length;
  switch (op) {
    case O.ADD: case O.SUB: return s + (n - 1) * CPU_COSTS.add;
    case O.MUL: return s + (n - 1) * CPU_COSTS.mul;
    case O.POW: return s + powerCost(classConstant(eg, eg.nodeChild(node, 1)));
  }
  if (op.kind === 'relation') return s + CPU_COSTS.compare;
  return s + (FUNCTION_COSTS.get(op) ?? CPU_COSTS.other);
};
