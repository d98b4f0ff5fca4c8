/**
 * E-class analyses (egg's `Analysis`): data attached to every e-class, computed from its
 * e-nodes and kept up to date as classes merge.
 *
 * - `make(egraph, node)`: the data of a new e-node (read its children's data with
 *   `egraph.data(egraph.nodeChild(node, i))`);
 * - `merge(a, b)`: the data of the union of two classes. Return `a` itself when `a` already
 *   says everything (the e-graph then knows `a`'s class learnt nothing, and does not
 *   re-analyse its parents); any other result counts as a change for `a`, and a result other
 *   than `b` itself as a change for `b`, unless the optional `equal(x, y)` says the data are
 *   the same (two equal values held by different objects). Data is never mutated in place;
 * - `modify(egraph, eclass)` (optional): called after a class is made or changed; it may add
 *   e-nodes and union them with the class (constant folding adds the constant), or prune it.
 *   It must be idempotent.
 *
 * @example
 * // the smallest number of symbols in any term of the class
 * const symbols: Analysis<number> = {
 *   make: (eg, n) => (eg.nodeLeaf(n) !== null ? (eg.nodeLeaf(n)!.isSymbol() ? 1 : 0) : [...Array(eg.nodeArity(n)).keys()].reduce((s, i) => s + eg.data(eg.nodeChild(n, i)), 0)),
 *   merge: (a, b) => (a <= b ? a : b),
 * };
 */
import type { Term } from '../term/term.js';
import type { EGraph } from './egraph.js';

export interface Analysis<D, T = Term> {
  /** The data of e-node `node` (its children's classes already carry their data). */
  make(egraph: EGraph<D, T>, node: number): D;
  /** The data of two merged classes: `a` itself when nothing changes for `a`'s class. */
  merge(a: D, b: D): D;
  /** Optional: true when two data say the same (then a merge result equal to it is no change). */
  equal?(a: D, b: D): boolean;
  /** Called after `eclass` was made or its data changed; may add e-nodes and union them. */
  modify?(egraph: EGraph<D, T>, eclass: number): void;
}
