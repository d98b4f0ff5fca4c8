/**
 * `rewrite(t, rw, limits)`: runs a rewriter to a fixpoint under a budget and reports what
 * happened: the result, the number of rule applications (in all and per rule), the time
 * taken and why it stopped: 'fixpoint' (no rewriter changes the term any more),
 * 'applications' or 'time' (a limit of `RewriteLimits` was reached; the term is then what
 * was rewritten so far).
 *
 * @example
 * rewrite(parse('x*1 + 0', { mode: 'written' }), postwalk(basic, { ops: writtenOps }), { ops: writtenOps, maxApplications: 1000 })
 * // { term: x, applications: 2, stopped: 'fixpoint', time: 0.1, rules: Map { 'add-zero' => 1, 'mul-one' => 1 } }
 */
import type { Term } from '../term/term.js';
import { termOps, type TermOps } from '../term/interface.js';
import { Budget, withBudget, type RewriteLimits, type StopReason } from './budget.js';
import { toRewriter, type RewriterLike } from './combinators.js';
import { equalFor } from './equal.js';

export interface RewriteOptions<T> extends RewriteLimits {
  /** The representation (for structural equality of terms that are not hash-consed). Default: `termOps`. */
  ops?: TermOps<T>;
}

export interface RewriteResult<T> {
  term: T;
  /** Rule applications made. */
  applications: number;
  stopped: StopReason;
  /** Milliseconds taken. */
  time: number;
  /** Applications per rule name. */
  rules: ReadonlyMap<string, number>;
}

/**
 * Applies `rw` to `t` until it makes no change or a limit is reached.
 * @example rewrite(parse('x*1 + 0', { mode: 'written' }), postwalk(basic, { ops: writtenOps }), { ops: writtenOps }).term // x
 */
export function rewrite<T = Term>(t: T, rw: RewriterLike<T>, opts: RewriteOptions<T> = {}): RewriteResult<T> {
  const budget = new Budget(opts);
  const f = toRewriter(rw);
  const eq = equalFor(opts.ops ?? (termOps as unknown as TermOps<T>));
  const term = withBudget(budget, () => {
    let x = t;
    for (;;) {
      if (!budget.checkTime()) break;
      const r = f(x);
      if (r === null || eq(r, x)) break;
      x = r;
    }
    return x;
  });
  return { term, applications: budget.applications, stopped: budget.stopped ?? 'fixpoint', time: budget.elapsed(), rules: budget.byRule };
}
