/**
 * `rewrite(t, rw, limits)`: runs a rewriter to a fixpoint under a budget and reports what
 * happened: the result, the number of rule applications (in all and per rule), the time
 * taken and why it stopped: 'fixpoint' (the rewriter changes the term no more), 'cycle'
 * (it would lead back to a term it produced before, as with rules that undo each other; the
 * term is the last new one), 'applications' or 'time' (a limit of `RewriteLimits` was
 * reached; the term is what was rewritten so far).
 *
 * @example
 * rewrite(parse('x*1 + 0', { mode: 'written' }), postwalk(basic, { ops: writtenOps }), { ops: writtenOps, maxApplications: 1000 })
 * // { term: x, applications: 2, stopped: 'fixpoint', time: 0.1, rules: Map { 'add-zero' => 1, 'mul-one' => 1 } }
 */
import type { Term } from '../term/term.js';
import { termOps, type TermOps } from '../term/interface.js';
import { Budget, withBudget, type RewriteLimits, type StopReason } from './budget.js';
import { toRewriter, type RewriterLike } from './combinators.js';
import { equalFor, isHashConsed } from './equal.js';

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
 * Applies `rw` to `t` until it makes no change, comes back to a term it made before, or a
 * limit is reached.
 * @example rewrite(parse('x*1 + 0', { mode: 'written' }), postwalk(basic, { ops: writtenOps }), { ops: writtenOps }).term // x
 */
export function rewrite<T = Term>(t: T, rw: RewriterLike<T>, opts: RewriteOptions<T> = {}): RewriteResult<T> {
  const budget = new Budget(opts);
  const f = toRewriter(rw);
  return rewriteRounds(t, f, budget, opts.ops ?? (termOps as unknown as TermOps<T>));
}

/**
 * The loop of `rewrite`, for a caller with its own budget: applies `step` (with `budget`
 * active) in rounds until it makes no change (null, or a term equal to its input in `ops`),
 * comes back to a term it made before, or the budget runs out.
 * @example rewriteRounds(t, postwalk(rules), new Budget(), termOps).term
 */
export function rewriteRounds<T>(t: T, step: (x: T) => T | null, budget: Budget, ops: TermOps<T>): RewriteResult<T> {
  const eq = equalFor(ops);
  const interned = isHashConsed(ops);
  let cycle = false;
  const term = withBudget(budget, () => {
    // The terms produced so far, made at the first change (the loop is short: a rewriter is
    // usually a fixpoint already).
    let seen: T[] | null = null;
    let x = t;
    for (let round = 0; ; round++) {
      // The clock was read when the budget started: a first round needs it only without time.
      if (!(round === 0 ? budget.deadline > budget.started || budget.checkTime() : budget.step())) break;
      const r = step(x);
      if (r === null || eq(r, x)) break;
      seen ??= [t];
      if (interned ? seen.includes(r) : seen.some((u) => eq(u, r))) {
        cycle = true;
        break;
      }
      seen.push(r);
      x = r;
    }
    return x;
  });
  const stopped = budget.stopped ?? (cycle ? 'cycle' : 'fixpoint');
  return { term, applications: budget.applications, stopped, time: budget.elapsed(), rules: budget.byRule };
}
