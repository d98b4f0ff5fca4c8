/**
 * Walks: apply a rewriter at every node of a term (SymbolicUtils.jl's `Postwalk` and
 * `Prewalk`).
 *
 * - `postwalk(rw)`: children first; a call whose arguments changed is rebuilt with
 *   `ops.makeTerm`, then `rw` is applied once to the (rebuilt) node.
 * - `prewalk(rw)`: `rw` is applied to the node first, then the walk goes on into the
 *   arguments of the result, which is rebuilt if they change.
 *
 * Results are memoised per term (a `Map` keyed by the term object, which for hash-consed
 * terms is the interned term), so a subterm shared many times is rewritten once per walk; a
 * caller may pass its own map to share results between walks with the same rewriter. The
 * walk is iterative (no recursion per level). Nothing is allocated for an unchanged subterm
 * besides its memo entry, and an unchanged term gives null. Once the active budget is
 * exhausted the walk stops rewriting and returns what it has.
 *
 * @example postwalk([addZero, mulOne], { ops: writtenOps })(parse('(x + 0) * 1', { mode: 'written' })) // x
 */
import type { Term } from '../term/term.js';
import { termOps, type TermOps } from '../term/interface.js';
import { toRewriter, type Rewriter, type RewriterLike } from './combinators.js';
import { activeBudget } from './budget.js';

export interface WalkOptions<T> {
  /** The representation walked. Default: `termOps`. */
  ops?: TermOps<T>;
  /**
   * A memo of results to share between walks (the caller owns it and clears it; only results
   * complete within the budget are stored). Default: a fresh map per walk.
   */
  memo?: Map<T, T>;
}

/**
 * Rewrites bottom-up: arguments first, then the node.
 * @example postwalk(rule('sin-asin', 'sin(asin(~x)) --> ~x'))(parse('f(sin(asin(y))) + 1')) // 1 + f(y)
 */
export function postwalk(rw: RewriterLike<Term>, opts?: WalkOptions<Term>): Rewriter<Term>;
export function postwalk<T>(rw: RewriterLike<T>, opts: WalkOptions<T> & { ops: TermOps<T> }): Rewriter<T>;
export function postwalk<T>(rw: RewriterLike<T>, opts: WalkOptions<T> = {}): Rewriter<T> {
  return walker(toRewriter(rw), opts.ops ?? (termOps as unknown as TermOps<T>), false, opts.memo);
}

/**
 * Rewrites top-down: the node first, then the arguments of the result.
 * @example prewalk(rule('square', '(~a + ~b)^2 --> ~a^2 + 2*~a*~b + ~b^2'))(parse('f((x + 1)^2)')) // f(1 + 2*x + x^2)
 */
export function prewalk(rw: RewriterLike<Term>, opts?: WalkOptions<Term>): Rewriter<Term>;
export function prewalk<T>(rw: RewriterLike<T>, opts: WalkOptions<T> & { ops: TermOps<T> }): Rewriter<T>;
export function prewalk<T>(rw: RewriterLike<T>, opts: WalkOptions<T> = {}): Rewriter<T> {
  return walker(toRewriter(rw), opts.ops ?? (termOps as unknown as TermOps<T>), true, opts.memo);
}

function walker<T>(f: Rewriter<T>, ops: TermOps<T>, pre: boolean, shared: Map<T, T> | undefined): Rewriter<T> {
  return (root) => {
    const budget = activeBudget();
    const memo = shared ?? new Map<T, T>();
    const keep = shared === undefined || budget === null;
    // One frame per call being walked: the memo key, the node whose arguments are walked
    // (the rewritten node in a prewalk), its arguments, the next one, and changed arguments.
    const keys: T[] = [];
    const nodes: T[] = [];
    const kids: (readonly T[])[] = [];
    const next: number[] = [];
    const fresh: (T[] | null)[] = [];
    let value: T | undefined;

    const store = (key: T, v: T): void => {
      if (keep || budget!.stopped === null) memo.set(key, v);
    };
    /** Starts on `t`: its result in `value` at once, or a new frame. */
    const open = (t: T): void => {
      const hit = memo.get(t);
      if (hit !== undefined) {
        value = hit;
        return;
      }
      if (budget !== null && !budget.step()) {
        value = t;
        return;
      }
      let x = t;
      if (pre) {
        const r = f(t);
        if (r !== null) x = r;
      }
      const args = ops.isCall(x) ? ops.args(x) : null;
      if (args === null || args.length === 0) {
        if (!pre) {
          const r = f(x);
          if (r !== null) x = r;
        }
        store(t, x);
        value = x;
        return;
      }
      keys.push(t);
      nodes.push(x);
      kids.push(args);
      next.push(0);
      fresh.push(null);
      value = undefined;
    };

    open(root);
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const args = kids[top]!;
      const i = next[top]!;
      if (value !== undefined) {
        if (value !== args[i - 1]) {
          const changed = fresh[top] ?? (fresh[top] = args.slice());
          changed[i - 1] = value;
        }
        value = undefined;
      }
      if (i < args.length) {
        next[top] = i + 1;
        open(args[i]!);
        continue;
      }
      const node = nodes[top]!;
      const changed = fresh[top]!;
      let x = changed !== null ? ops.makeTerm(node, ops.operation(node), changed) : node;
      if (!pre && (budget === null || budget.stopped === null)) {
        const r = f(x);
        if (r !== null) x = r;
      }
      store(keys[top]!, x);
      keys.pop(); nodes.pop(); kids.pop(); next.pop(); fresh.pop();
      value = x;
    }
    const result = value!;
    return result === root ? null : result;
  };
}
