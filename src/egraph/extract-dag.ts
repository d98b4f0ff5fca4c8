/**
 * DAG-aware extraction: the cheapest term when a subterm used several times is paid once
 * (what a code generator computing common subexpressions once pays), by the greedy DAG
 * heuristic of extraction-gym. Each class keeps the set of classes its chosen sub-DAG uses,
 * with their own costs; an e-node's cost is its own cost plus the costs in the union of its
 * children's sets, so a class reached twice is counted once. The sets are found by the same
 * worklist as tree extraction (an e-node is re-costed when a child improves). Greedy: the
 * result is not always the optimal DAG (that problem is NP-hard), but it never counts a shared
 * subterm twice.
 *
 * A DAG cost function gives an e-node's own cost (its children are paid through their
 * classes): `dagSize` (1 per distinct subterm) or `dagOperatorCost` (the operators' costs,
 * leaves 0), or any function.
 *
 * @example
 * const ex = new DagExtractor(eg, dagOperatorCost);
 * ex.cost(root); ex.term(root)
 */
import type { Term } from '../term/term.js';
import { operatorById } from '../term/operator.js';
import { EquateError } from '../term/errors.js';
import type { EGraph } from './egraph.js';
import { emptyChoice, indexNodes, rebuildOps, buildChoice, type Choice, type RebuildOptions } from './extract-choice.js';

/** The own cost of e-node `node` (not counting its children). */
export type NodeCost = <D, T>(egraph: EGraph<D, T>, node: number) => number;

/** 1 per e-node: the number of distinct subterms. */
export const dagSize: NodeCost = () => 1;

/** The operator's evaluation cost (`Operator.cost`); leaves cost 0. */
export const dagOperatorCost: NodeCost = (eg, node) => {
  const code = eg.nodeCode(node);
  return code >= 0 ? operatorById(code).cost : 0;
};

type CostSet = Map<number, number>;

export class DagExtractor<D = unknown, T = Term> {
  readonly egraph: EGraph<D, T>;
  private readonly sets: (CostSet | undefined)[];
  /** The chosen e-nodes, the totals of their DAGs and the children's classes. */
  private readonly choice: Choice;
  private readonly nodeCost: NodeCost;

  constructor(egraph: EGraph<D, T>, nodeCost: NodeCost = dagSize) {
    this.egraph = egraph;
    this.nodeCost = nodeCost;
    this.sets = new Array<CostSet | undefined>(egraph.idCount);
    this.choice = emptyChoice(egraph);
    this.compute();
  }

  private compute(): void {
    const eg = this.egraph;
    const ids = eg.idCount;
    const nOff = eg.nOff, kids = this.choice.kids;
    const users: number[][] = [];
    const { nodeClass, leaves: queue } = indexNodes(eg, kids, (k, n) => (users[k] ??= []).push(n));
    const queued = new Uint8Array(ids);
    for (const n of queue) queued[n] = 1;
    const own = new Float64Array(ids);
    for (let n = 0; n < ids; n++) if (nodeClass[n]! >= 0) own[n] = this.nodeCost(eg, n);
    const sets = this.sets, totals = this.choice.costs, best = this.choice.best;
    let budget = 64 * ids + 1024;
    for (let head = 0; head < queue.length; head++) {
      if (--budget < 0) break;
      const n = queue[head]!;
      queued[n] = 0;
      const c = nodeClass[n]!;
      const o = nOff[n]!, end = nOff[n + 1]!;
      let set: CostSet | null = null;
      let finite = true;
      for (let j = o; j < end; j++) {
        const ks = sets[kids[j]!];
        if (ks === undefined) {
          finite = false;
          break;
        }
        if (set === null) set = new Map(ks);
        else for (const [k, v] of ks) set.set(k, v);
      }
      if (!finite) continue;
      set ??= new Map();
      if (set.has(c)) continue; // the node would use its own class: a cycle
      let total = own[n]!;
      for (const v of set.values()) total += v;
      if (!(total < totals[c]!)) continue;
      set.set(c, own[n]!);
      sets[c] = set;
      totals[c] = total;
      best[c] = n;
      const us = users[c];
      if (us !== undefined) {
        for (const u of us) {
          if (queued[u] === 1) continue;
          queued[u] = 1;
          queue.push(u);
        }
      }
      if (head > 4096 && head * 2 > queue.length) {
        queue.splice(0, head + 1);
        head = -1;
      }
    }
  }

  /**
   * The cost of the DAG `term(eclass)` rebuilds: each class it reaches paid once (Infinity
   * when the class has no term).
   */
  cost(eclass: number): number {
    const root = this.egraph.find(eclass);
    const { best, kids } = this.choice;
    if (best[root] === -1) return Infinity;
    const seen = new Set<number>([root]);
    const stack = [root];
    let total = 0;
    const nOff = this.egraph.nOff;
    while (stack.length > 0) {
      const c = stack.pop()!;
      const n = best[c]!;
      total += this.nodeCost(this.egraph, n);
      for (let j = nOff[n]!; j < nOff[n + 1]!; j++) {
        const k = kids[j]!;
        if (!seen.has(k)) {
          seen.add(k);
          stack.push(k);
        }
      }
    }
    return total;
  }

  /** The best e-node of `eclass`, or -1. */
  bestNode(eclass: number): number {
    return this.choice.best[this.egraph.find(eclass)]!;
  }

  /**
   * The term of the chosen DAG (hash-consed terms share the repeated subterms).
   * @example new DagExtractor(eg).term(root, { mode: 'canonical' })
   */
  term(eclass: number, opts: RebuildOptions<T> = {}): T {
    const root = this.egraph.find(eclass);
    if (this.choice.best[root] === -1) throw new EquateError(`e-class ${eclass} has no finite term`);
    return buildChoice(this.egraph, this.choice, root, rebuildOps(this.egraph, opts), new Map(), 'DAG extraction found a cycle');
  }
}

/**
 * The cheapest DAG of a class: its term (shared subterms built once) and its cost (each
 * class paid once).
 * @example extractDag(eg, root, dagOperatorCost).term
 */
export function extractDag<D, T>(egraph: EGraph<D, T>, eclass: number, cost: NodeCost = dagSize, opts: RebuildOptions<T> = {}): { term: T; cost: number } {
  const ex = new DagExtractor(egraph, cost);
  return { term: ex.term(eclass, opts), cost: ex.cost(eclass) };
}
