/**
 * Bottom-up folds over terms of any representation, without recursion: an explicit stack
 * walks the term, so a term `limits.maxDepth` levels deep never exhausts the JS stack.
 * Shared subterms are folded once (results of calls are memoised on the term object).
 */
import type { TermOps } from './interface.js';

const NONE: readonly never[] = [];

export interface Folder<T, R> {
  /**
   * The result for `t` without looking at its arguments, or `undefined` to fold them first.
   * Called for every leaf (where it must return a result) and for every call not yet folded.
   */
  enter(t: T): R | undefined;
  /** The result for the call `t` from its arguments' results, `results[start + i]` for argument i. */
  exit(t: T, results: readonly R[], start: number): R;
}

/**
 * Folds `root` bottom-up with `folder`. `memo` (results of calls, by term) may be shared
 * between folds that compute the same thing.
 * @example foldWith(termOps, t, { enter: (u) => (termOps.isCall(u) ? undefined : 1), exit: (_u, rs, s) => 1 + rs.slice(s).reduce((a, b) => a + b, 0) }) // tree size
 */
export function foldWith<T, R>(ops: TermOps<T>, root: T, folder: Folder<T, R>, memo: Map<T, R> = new Map()): R {
  const nodes: T[] = [root];
  const kids: (readonly T[])[] = [NONE];
  const next: number[] = [0];
  const results: R[] = [];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const t = nodes[top]!;
    const i = next[top]!;
    let args: readonly T[];
    if (i === 0) {
      const call = ops.isCall(t);
      if (call) {
        const hit = memo.get(t);
        if (hit !== undefined) {
          nodes.pop(); next.pop(); kids.pop();
          results.push(hit);
          continue;
        }
      }
      const r = folder.enter(t);
      if (r !== undefined) {
        if (call) memo.set(t, r);
        nodes.pop(); next.pop(); kids.pop();
        results.push(r);
        continue;
      }
      if (!call) throw new TypeError('fold: enter returned no result for a leaf');
      args = kids[top] = ops.args(t);
    } else args = kids[top]!;
    if (i < args.length) {
      next[top] = i + 1;
      nodes.push(args[i]!);
      next.push(0);
      kids.push(NONE);
      continue;
    }
    const start = results.length - args.length;
    const r = folder.exit(t, results, start);
    results.length = start;
    results.push(r);
    memo.set(t, r);
    nodes.pop(); next.pop(); kids.pop();
  }
  return results[0]!;
}
