/**
 * The optional optimisation pass of `compile`: each term is saturated with the default
 * theory in the e-graph and the cheapest equal term under the CPU cost model (`cost.ts`) is
 * extracted, in canonical form. Symbols are taken as real (kernel arguments are real
 * numbers), so `sqrt(x^2)` may become `abs(x)` and `log(exp(x))` become `x`.
 *
 * The result is equal to the input as an expression; where the input is undefined the
 * optimised kernel may still return a number (`x/x` is 1 at 0, `sqrt(x)^2` is x for x < 0).
 *
 * @example
 * print(optimizeTerms([parse('sin(x)^2 + cos(x)^2 + x')])[0]!) // '1 + x'
 */
import type { Term } from '../term/term.js';
import { canonicalize } from '../term/canonical.js';
import { termOps } from '../term/interface.js';
import { EquateError } from '../term/errors.js';
import { defaultTheory } from '../rewrite/rules/index.js';
import { withDomain } from '../rewrite/domain.js';
import { egraphSimplify } from '../egraph/saturate.js';
import { cpuCost } from './cost.js';

export interface OptimizeOptions {
  /** E-graph iterations. Default: 30 (egg's). */
  iterLimit?: number;
  /** E-nodes. Default: 10,000 (egg's). */
  nodeLimit?: number;
  /** Milliseconds per term. Default: 1,000. */
  timeLimit?: number;
  /** Take every symbol as real. Default: true. */
  real?: boolean;
}

/**
 * The cheapest equal form of each term under `cpuCost`.
 * @example optimizeTerms([parse('exp(x)*exp(y)')], { timeLimit: 200 })
 */
export function optimizeTerms(terms: readonly Term[], opts: OptimizeOptions = {}): Term[] {
  if (opts === null || typeof opts !== 'object') throw new EquateError('compile: optimize must be true or an options object');
  const run = (): Term[] => terms.map((t) => egraphSimplify(canonicalize(t), defaultTheory, {
    ops: termOps, mode: 'canonical', cost: cpuCost, timeLimit: opts.timeLimit ?? 1000,
    ...(opts.iterLimit !== undefined ? { iterLimit: opts.iterLimit } : {}),
    ...(opts.nodeLimit !== undefined ? { nodeLimit: opts.nodeLimit } : {}),
  }).term);
  return withDomain({ real: opts.real ?? true }, run);
}
