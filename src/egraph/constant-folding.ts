/**
 * Constant folding, the e-class analysis of egg's math example, with exact rationals: a class
 * whose value is known carries it as data, and gets the number leaf added to it.
 *
 * The value of an e-node: a number leaf's value; for an arithmetic operator or a function of
 * the registry (`+ - * / ^ neg`, `sqrt`, `exp`, `sin`, ...) whose arguments' classes all
 * have values, the operator's exact evaluation when every argument is exact (no fold when it
 * has no exact result: `sqrt(2)` stays symbolic, `1/0` too), its float evaluation when some
 * argument is a float (no fold for a non-finite result). Relations, calculus operators,
 * constants (`pi`) and undefined functions are never folded.
 *
 * `prune` (default true, as egg's math example) keeps only the leaves of a class once it is
 * a constant, so rules stop matching the ways of computing it.
 *
 * @example
 * const eg = new EGraph({ analysis: constantFolding() });
 * const c = eg.add(parseSexpr('(+ 1 (* 2 3))', { mode: 'written' }));
 * eg.data(c) // 7
 */
import type { Term } from '../term/term.js';
import * as N from '../term/number.js';
import type { Value } from '../term/number.js';
import type { Analysis } from './analysis.js';
import type { EGraph } from './egraph.js';

export interface ConstantFoldingOptions {
  /** Keep only the leaves of a class once its value is known. Default: true. */
  prune?: boolean;
  /** Fold with float evaluation when an argument is a float. Default: true. */
  floats?: boolean;
}

export class ConstantFolding<T = Term> implements Analysis<Value | null, T> {
  readonly prune: boolean;
  readonly floats: boolean;

  constructor(opts: ConstantFoldingOptions = {}) {
    this.prune = opts.prune ?? true;
    this.floats = opts.floats ?? true;
  }

  make(egraph: EGraph<Value | null, T>, node: number): Value | null {
    const leaf = egraph.nodeLeaf(node);
    if (leaf !== null) return egraph.ops.isNumber(leaf) ? egraph.ops.numberValue(leaf) : null;
    const op = egraph.nodeOperator(node)!;
    if (op.kind !== 'arithmetic' && op.kind !== 'function') return null;
    const n = egraph.nodeArity(node);
    if (n === 0) return null;
    const values: Value[] = [];
    let allExact = true;
    for (let i = 0; i < n; i++) {
      const v = egraph.data(egraph.nodeChild(node, i));
      if (v === null || v === undefined) return null;
      if (!N.isExact(v)) allExact = false;
      values.push(v);
    }
    if (allExact) {
      if (op.exact === undefined) return null;
      const r = op.exact(values);
      return r === undefined ? null : r;
    }
    if (!this.floats || op.float === undefined) return null;
    const r = op.float(...values.map(N.toFloat));
    return Number.isFinite(r) ? (r === 0 ? 0 : r) : null;
  }

  merge(a: Value | null, b: Value | null): Value | null {
    return a !== null ? a : b;
  }

  equal(a: Value | null, b: Value | null): boolean {
    return a === b || (a !== null && b !== null && N.isExact(a) === N.isExact(b) && N.equals(a, b));
  }

  modify(egraph: EGraph<Value | null, T>, eclass: number): void {
    const v = egraph.data(eclass);
    if (v === null || v === undefined) return;
    if (egraph.proofs !== null) this.foldWithProof(egraph, eclass, v);
    else if (!this.holds(egraph, eclass, v)) egraph.union(eclass, egraph.add(egraph.ops.makeNumber(v)));
    if (this.prune) egraph.keepLeaves(eclass);
  }

  /**
   * With explanations: the class gets its value through an e-node that computes it, as the
   * checkable fact `(op c1 ... cn) = v` over the children's values (which the children's
   * classes hold), joined to the class by congruence.
   */
  private foldWithProof(egraph: EGraph<Value | null, T>, eclass: number, v: Value): void {
    const ops = egraph.ops;
    const nodes = egraph.nodes(eclass);
    for (const n of nodes) {
      const leaf = egraph.nodeLeaf(n);
      if (leaf !== null && ops.isNumber(leaf) && this.equal(ops.numberValue(leaf), v)) return;
    }
    for (const n of nodes) {
      const op = egraph.nodeOperator(n);
      if (op === null) continue;
      const d = this.make(egraph, n);
      if (d === null || !this.equal(d, v)) continue;
      const lits = egraph.nodeChildren(n).map((c) => egraph.addLeaf(ops.makeNumber(egraph.data(c)!)));
      egraph.unionBecause(egraph.addNode(op, lits), egraph.addLeaf(ops.makeNumber(v)), { kind: 'fold' });
      return;
    }
    egraph.unionBecause(eclass, egraph.addLeaf(ops.makeNumber(v)), { kind: 'asserted', name: 'constant-fold' });
  }

  /** True when one of the first e-nodes of the class is the number leaf `v` (a shortcut: false is no proof of absence). */
  private holds(egraph: EGraph<Value | null, T>, eclass: number, v: Value): boolean {
    const ops = egraph.ops;
    const ns = egraph.nodes(eclass);
    for (let i = 0, m = Math.min(ns.length, 8); i < m; i++) {
      const leaf = egraph.nodeLeaf(ns[i]!);
      if (leaf !== null && ops.isNumber(leaf) && this.equal(ops.numberValue(leaf), v)) return true;
    }
    return false;
  }
}

/**
 * The constant-folding analysis.
 * @example new EGraph({ analysis: constantFolding({ prune: false }) })
 */
export function constantFolding<T = Term>(opts: ConstantFoldingOptions = {}): ConstantFolding<T> {
  return new ConstantFolding<T>(opts);
}

/**
 * The value of `eclass` if it is a known constant: the constant-folding data when the
 * e-graph runs that analysis, else the value of a number leaf among its e-nodes.
 * @example classConstant(eg, eg.add(int(3))) // 3
 */
export function classConstant<D, T>(egraph: EGraph<D, T>, eclass: number): Value | null {
  if (egraph.analysis instanceof ConstantFolding) {
    const d = egraph.data(eclass) as Value | null | undefined;
    return d === undefined ? null : d;
  }
  const ops = egraph.ops;
  for (const n of egraph.nodes(eclass)) {
    const leaf = egraph.nodeLeaf(n);
    if (leaf !== null && ops.isNumber(leaf)) return ops.numberValue(leaf);
  }
  return null;
}
