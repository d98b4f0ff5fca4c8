/**
 * Rewriter combinators, after SymbolicUtils.jl. A rewriter is a function `(t) => T | null`;
 * null means "no change", and every combinator passes it on without allocating. Rules and
 * theories are accepted wherever a rewriter is (a rule is its `apply`, a theory the `chain`
 * of its rules, and a list the `chain` of its items).
 *
 * - `chain(rws)`: each rewriter in turn, on the result of the previous one (SymbolicUtils
 *   `Chain`).
 * - `restartedChain(rws)`: the first rewriter that changes the term, then the whole chain
 *   once more from the first, on its result (`RestartedChain`).
 * - `fixpoint(rw)`: `rw` again and again until it makes no change (`Fixpoint`).
 * - `fixpointNoCycle(rw)`: the same, also stopping before a term seen before comes back, so
 *   rules that undo each other end (`FixpointNoCycle`).
 * - `ifElse(cond, yes, no)`: `yes` where `cond` holds, else `no` (`IfElse`, `If`).
 * - `passThrough(rw)`: `rw`, giving the term itself instead of null (`PassThrough`).
 * - `postwalk` and `prewalk` are in `walk.ts`.
 *
 * The loops run under the active budget (see `budget.ts`; `rewrite` sets one and reports the
 * stop reason); used on their own they take one with the default limits, so they always end.
 * Rewriters are assumed pure: the same term gives the same result.
 *
 * @example fixpoint(postwalk([addZero, mulOne], { ops: writtenOps }), { ops: writtenOps })(parse('(x + 0) * 1', { mode: 'written' })) // x
 */
import type { Term } from '../term/term.js';
import { termOps, type TermOps } from '../term/interface.js';
import { Rule } from './rule.js';
import { isTheory, type Theory } from './theory.js';
import { activeBudget, ensureBudget, type Budget } from './budget.js';
import { equalFor, isHashConsed } from './equal.js';

/** A rewriter: the rewritten term, or null for "no change". */
export type Rewriter<T> = (t: T) => T | null;

/** What the combinators accept: a rewriter, a rule, a theory, or a list of these (their `chain`). */
export type RewriterLike<T> = Rewriter<T> | Rule<T> | Theory<T> | readonly RewriterLike<T>[];

/** Options of combinators that compare terms. */
export interface EqualityOptions<T> {
  /** The representation (for structural equality of terms that are not hash-consed). Default: `termOps`. */
  ops?: TermOps<T>;
}

/**
 * The rewriter of a rule (its `apply`), of a theory (the `chain` of its rules), of a list
 * (the `chain` of its items), or `rw` itself.
 * @example toRewriter(rule('sin-asin', 'sin(asin(~x)) --> ~x'))(parse('sin(asin(y))')) // y
 */
export function toRewriter<T>(rw: RewriterLike<T>): Rewriter<T> {
  if (typeof rw === 'function') return rw as Rewriter<T>;
  if (rw instanceof Rule) return rw.apply;
  if (Array.isArray(rw)) return chain(rw as readonly RewriterLike<T>[]);
  if (isTheory<T>(rw)) return chain(rw.rules);
  throw new TypeError('expected a rewriter, a rule or a theory');
}

/**
 * Applies each rewriter in turn to the result of the previous one; null when none changed
 * anything.
 * @example chain([addZero, mulOne])(parse('(x + 0) * 1', { mode: 'written' })) // x + 0 (each rule once, at the top)
 */
export function chain<T>(rws: readonly RewriterLike<T>[]): Rewriter<T> {
  const fs = rws.map(toRewriter);
  if (fs.length === 1) return fs[0]!;
  return (t) => {
    let x = t;
    let changed = false;
    for (let i = 0; i < fs.length; i++) {
      const r = fs[i]!(x);
      if (r !== null) {
        x = r;
        changed = true;
      }
    }
    return changed ? x : null;
  };
}

/**
 * Tries the rewriters in order; on the first that changes the term, runs the whole chain
 * once more on the result, from the first rewriter.
 * @example restartedChain([rule('g-h', 'g(~x) --> h(~x)'), rule('f-g', 'f(~x) --> g(~x)')])(parse('f(a)')) // h(a)
 */
export function restartedChain<T>(rws: readonly RewriterLike<T>[]): Rewriter<T> {
  const fs = rws.map(toRewriter);
  const all = chain(fs);
  return (t) => {
    for (let i = 0; i < fs.length; i++) {
      const r = fs[i]!(t);
      if (r !== null) return all(r) ?? r;
    }
    return null;
  };
}

/**
 * Applies `rw` until it makes no change (or the budget runs out); null when the first
 * application already makes none.
 * @example fixpoint(rule('log-exp', 'log(exp(~x)) --> ~x'))(parse('log(exp(log(exp(y))))')) // y
 */
export function fixpoint<T = Term>(rw: RewriterLike<T>, opts: EqualityOptions<T> = {}): Rewriter<T> {
  const f = toRewriter(rw);
  const eq = equalFor(opts.ops ?? (termOps as unknown as TermOps<T>));
  // The last term found to be a fixpoint: asking again (an outer loop does) costs nothing.
  let fixed: T | null = null;
  const loop = (t: T, budget: Budget): T | null => {
    if (t === fixed) return null;
    let x = t;
    for (;;) {
      if (!budget.step()) break;
      const r = f(x);
      if (r === null || eq(r, x)) {
        if (budget.stopped === null) fixed = x;
        break;
      }
      x = r;
    }
    return x === t ? null : x;
  };
  return (t) => {
    const budget = activeBudget();
    return budget !== null ? loop(t, budget) : ensureBudget((b) => loop(t, b));
  };
}

/**
 * Like `fixpoint`, but stops at the last new term when `rw` would lead back to a term it has
 * already produced (a cycle, such as `~a + ~b --> ~b + ~a`).
 * @example fixpointNoCycle(rule('commute', '~a + ~b --> ~b + ~a', { mode: 'written', acRest: false }), { ops: writtenOps })(parse('x + y', { mode: 'written' })) // y + x
 */
export function fixpointNoCycle<T = Term>(rw: RewriterLike<T>, opts: EqualityOptions<T> = {}): Rewriter<T> {
  const f = toRewriter(rw);
  const ops = opts.ops ?? (termOps as unknown as TermOps<T>);
  const eq = equalFor(ops);
  const interned = isHashConsed(ops);
  const loop = (t: T, budget: Budget): T | null => {
    // The terms seen, allocated only once the term changes (the common case is no change): a
    // list while it is short, a set (for interned terms) once it grows.
    let seenList: T[] | null = null;
    let seenSet: Set<T> | null = null;
    let x = t;
    for (;;) {
      if (!budget.step()) break;
      const r = f(x);
      if (r === null || eq(r, x)) break;
      if (seenSet !== null) {
        if (seenSet.has(r)) break;
        seenSet.add(r);
      } else {
        if (seenList === null) seenList = [t];
        else if (interned ? seenList.includes(r) : seenList.some((u) => eq(u, r))) break;
        seenList.push(r);
        if (interned && seenList.length > SEEN_LIST) seenSet = new Set(seenList);
      }
      x = r;
    }
    return x === t ? null : x;
  };
  return (t) => {
    const budget = activeBudget();
    return budget !== null ? loop(t, budget) : ensureBudget((b) => loop(t, b));
  };
}

/** Past this many terms, `fixpointNoCycle` keeps the interned terms it has seen in a set. */
const SEEN_LIST = 16;

/**
 * `yes` where `cond` holds, else `no` (default: no change).
 * @example ifElse((t) => t.op === ADD, addZero, mulOne)(parse('x * 1', { mode: 'written' })) // x
 */
export function ifElse<T>(cond: (t: T) => boolean, yes: RewriterLike<T>, no?: RewriterLike<T>): Rewriter<T> {
  const y = toRewriter(yes);
  const n = no === undefined ? null : toRewriter(no);
  return (t) => (cond(t) ? y(t) : n === null ? null : n(t));
}

/**
 * `rw`, returning the term itself where `rw` makes no change (a total function).
 * @example passThrough(addZero)(x) === x // true
 */
export function passThrough<T>(rw: RewriterLike<T>): (t: T) => T {
  const f = toRewriter(rw);
  return (t) => f(t) ?? t;
}
